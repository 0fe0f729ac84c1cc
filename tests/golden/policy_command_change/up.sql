-- - policy events_tenant on public.events
DROP POLICY events_tenant ON public.events;

-- ~ table public.events: force row level security
ALTER TABLE public.events FORCE ROW LEVEL SECURITY;

-- + policy events_tenant on public.events
CREATE POLICY events_tenant ON public.events AS RESTRICTIVE FOR SELECT TO PUBLIC
  USING (tenant = current_setting('app.tenant', true));

-- + policy events_any on public.events
CREATE POLICY events_any ON public.events AS PERMISSIVE FOR SELECT TO PUBLIC
  USING (true);
