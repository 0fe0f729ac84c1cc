-- ~ table public.notes: disable row level security
ALTER TABLE public.notes DISABLE ROW LEVEL SECURITY;
