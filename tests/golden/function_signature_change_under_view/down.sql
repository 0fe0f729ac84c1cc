-- - view public.items_with_tax
DROP VIEW public.items_with_tax;

-- + function public.with_tax(numeric)
SET LOCAL check_function_bodies = off;
CREATE FUNCTION public.with_tax(amount numeric)
 RETURNS numeric
 LANGUAGE sql
AS $function$SELECT amount * 1.2$function$;

-- - function public.with_tax(numeric, numeric)
DROP FUNCTION public.with_tax(numeric, numeric);

-- + view public.items_with_tax
CREATE VIEW public.items_with_tax AS
SELECT id, public.with_tax(price) AS gross FROM public.items;
