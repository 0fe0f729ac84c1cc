-- - function public.obsolete(integer, integer)
DROP FUNCTION public.obsolete(integer, integer);
