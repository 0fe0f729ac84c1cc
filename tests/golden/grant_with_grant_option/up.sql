-- ~ privileges of strata_golden_grant_option_lead on table public.reports: SELECT, UPDATE (grantable) -> INSERT (grantable), SELECT (grantable), UPDATE
REVOKE GRANT OPTION FOR UPDATE ON TABLE public.reports FROM strata_golden_grant_option_lead;
GRANT INSERT, SELECT ON TABLE public.reports TO strata_golden_grant_option_lead WITH GRANT OPTION;
