-- - view public.order_id_count
DROP VIEW public.order_id_count;

-- - view public.order_ids
DROP VIEW public.order_ids;

-- ~ column public.orders.id: type integer -> bigint
ALTER TABLE public.orders ALTER COLUMN id TYPE bigint USING id::bigint;

-- + view public.order_ids
CREATE VIEW public.order_ids AS
SELECT id FROM orders;

-- + view public.order_id_count
CREATE VIEW public.order_id_count AS
SELECT count(*) AS n FROM order_ids;
