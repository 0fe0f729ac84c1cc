-- ~ column public.orders.quantity: default public.default_quantity() -> none
ALTER TABLE public.orders ALTER COLUMN quantity DROP DEFAULT;

-- - check orders_quantity_check on public.orders
ALTER TABLE public.orders DROP CONSTRAINT orders_quantity_check;

-- - function public.default_quantity()
DROP FUNCTION public.default_quantity();

-- - function public.max_quantity()
DROP FUNCTION public.max_quantity();

-- + function public.default_quantity()
SET LOCAL check_function_bodies = off;
CREATE FUNCTION public.default_quantity()
 RETURNS smallint
 LANGUAGE sql
AS $function$SELECT 1::smallint$function$;

-- + function public.max_quantity()
SET LOCAL check_function_bodies = off;
CREATE FUNCTION public.max_quantity()
 RETURNS bigint
 LANGUAGE sql
AS $function$SELECT 1000::bigint$function$;

-- ~ column public.orders.quantity: default none -> public.default_quantity()
ALTER TABLE public.orders ALTER COLUMN quantity SET DEFAULT public.default_quantity();

-- + check orders_quantity_check on public.orders
ALTER TABLE public.orders ADD CONSTRAINT orders_quantity_check CHECK (quantity <= public.max_quantity());
