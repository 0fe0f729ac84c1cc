-- - table public.tickets
-- WARNING: data loss: drops table public.tickets and its rows
DROP TABLE public.tickets;

-- - function public.valid_code(text)
DROP FUNCTION public.valid_code(text);

-- - function public.new_code()
DROP FUNCTION public.new_code();
