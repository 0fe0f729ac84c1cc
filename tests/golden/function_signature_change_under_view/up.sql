-- - view public.items_with_tax
DROP VIEW public.items_with_tax;

-- + function public.with_tax(numeric, numeric)
SET LOCAL check_function_bodies = off;
CREATE FUNCTION public.with_tax(amount numeric, rate numeric DEFAULT 0.2)
 RETURNS numeric
 LANGUAGE sql
AS $function$SELECT amount * (1 + rate)$function$;

-- - function public.with_tax(numeric)
DROP FUNCTION public.with_tax(numeric);

-- + view public.items_with_tax
CREATE VIEW public.items_with_tax AS
SELECT id, public.with_tax(price) AS gross FROM public.items;
