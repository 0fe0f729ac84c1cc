-- ~ table public.notes: no force row level security
ALTER TABLE public.notes NO FORCE ROW LEVEL SECURITY;
