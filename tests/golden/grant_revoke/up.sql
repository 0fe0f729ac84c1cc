-- ~ privileges of strata_golden_grant_revoke_auditor on table public.payments: SELECT -> none
REVOKE SELECT ON TABLE public.payments FROM strata_golden_grant_revoke_auditor;

-- ~ privileges of strata_golden_grant_revoke_clerk on table public.payments: DELETE, INSERT, SELECT, UPDATE -> INSERT, SELECT
REVOKE DELETE, UPDATE ON TABLE public.payments FROM strata_golden_grant_revoke_clerk;
