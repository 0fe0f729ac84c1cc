-- ~ policy invoices_read on public.invoices: roles
ALTER POLICY invoices_read ON public.invoices TO strata_golden_policy_roles_clerk;
