-- ~ privileges of strata_golden_grant_option_lead on table public.reports: INSERT (grantable), SELECT (grantable), UPDATE -> SELECT, UPDATE (grantable)
REVOKE INSERT ON TABLE public.reports FROM strata_golden_grant_option_lead;
REVOKE GRANT OPTION FOR SELECT ON TABLE public.reports FROM strata_golden_grant_option_lead;
GRANT UPDATE ON TABLE public.reports TO strata_golden_grant_option_lead WITH GRANT OPTION;
