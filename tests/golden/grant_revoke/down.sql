-- ~ privileges of strata_golden_grant_revoke_clerk on table public.payments: INSERT, SELECT -> DELETE, INSERT, SELECT, UPDATE
GRANT DELETE, UPDATE ON TABLE public.payments TO strata_golden_grant_revoke_clerk;

-- ~ privileges of strata_golden_grant_revoke_auditor on table public.payments: none -> SELECT
GRANT SELECT ON TABLE public.payments TO strata_golden_grant_revoke_auditor;
