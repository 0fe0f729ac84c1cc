-- + table public.secrets
-- WARNING: restores the structure only; up lost data: drops table public.secrets and its rows
CREATE TABLE public.secrets (
    id bigint NOT NULL,
    holder text NOT NULL,
    CONSTRAINT secrets_pkey PRIMARY KEY (id)
);

-- ~ owner of table public.secrets: strata_golden_drop_secured_owner
ALTER TABLE public.secrets OWNER TO strata_golden_drop_secured_owner;

-- ~ privileges of strata_golden_drop_secured_reader on table public.secrets: none -> SELECT
GRANT SELECT ON TABLE public.secrets TO strata_golden_drop_secured_reader;

-- ~ table public.secrets: enable row level security
ALTER TABLE public.secrets ENABLE ROW LEVEL SECURITY;

-- + policy secrets_holder on public.secrets
CREATE POLICY secrets_holder ON public.secrets AS PERMISSIVE FOR ALL TO strata_golden_drop_secured_reader
  USING (holder = current_user);
