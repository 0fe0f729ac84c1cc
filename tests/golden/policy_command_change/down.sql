-- - policy events_any on public.events
DROP POLICY events_any ON public.events;

-- - policy events_tenant on public.events
DROP POLICY events_tenant ON public.events;

-- ~ table public.events: no force row level security
ALTER TABLE public.events NO FORCE ROW LEVEL SECURITY;

-- + policy events_tenant on public.events
CREATE POLICY events_tenant ON public.events AS PERMISSIVE FOR ALL TO PUBLIC
  USING (tenant = current_setting('app.tenant', true));
