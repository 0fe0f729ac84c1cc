-- - policy secrets_holder on public.secrets
DROP POLICY secrets_holder ON public.secrets;

-- ~ table public.secrets: disable row level security
ALTER TABLE public.secrets DISABLE ROW LEVEL SECURITY;

-- ~ privileges of strata_golden_drop_secured_reader on table public.secrets: SELECT -> none
REVOKE SELECT ON TABLE public.secrets FROM strata_golden_drop_secured_reader;

-- ~ owner of table public.secrets: strata_golden_drop_secured_owner (kept until the object goes)

-- - table public.secrets
-- WARNING: data loss: drops table public.secrets and its rows
DROP TABLE public.secrets;
