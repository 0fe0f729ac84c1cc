-- - table public.codes
-- WARNING: data loss: drops table public.codes and its rows
DROP TABLE public.codes;
