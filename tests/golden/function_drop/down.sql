-- + function public.obsolete(integer, integer)
SET LOCAL check_function_bodies = off;
CREATE FUNCTION public.obsolete(a integer, b integer)
 RETURNS integer
 LANGUAGE sql
 IMMUTABLE
AS $function$SELECT a + b$function$;
