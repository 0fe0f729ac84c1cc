-- - table public.notes
-- WARNING: data loss: drops table public.notes and its rows
DROP TABLE public.notes;
