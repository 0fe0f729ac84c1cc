-- + function public.add_tax(numeric, numeric)
SET LOCAL check_function_bodies = off;
CREATE FUNCTION public.add_tax(amount numeric, rate numeric DEFAULT 0.2)
 RETURNS numeric
 LANGUAGE sql
 IMMUTABLE STRICT PARALLEL SAFE
AS $function$SELECT amount * (1 + rate)$function$;

-- + function public.item_count()
CREATE FUNCTION public.item_count(OUT total bigint, OUT priced bigint)
 RETURNS record
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$BEGIN
  SELECT count(*), count(price) INTO total, priced FROM public.items;
END;
$function$;
COMMENT ON FUNCTION public.item_count() IS 'Counts the items';

-- + function public.prices_over(numeric[])
SET LOCAL check_function_bodies = off;
CREATE FUNCTION public.prices_over(VARIADIC limits numeric[])
 RETURNS SETOF numeric
 LANGUAGE sql
 ROWS 10
AS $function$SELECT price FROM public.items WHERE price > ALL (limits)$function$;
