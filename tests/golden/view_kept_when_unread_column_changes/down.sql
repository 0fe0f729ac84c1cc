-- - view public.order_totals
DROP VIEW public.order_totals;

-- + column public.orders.note text
-- WARNING: restores the structure only; up lost data: drops column public.orders.note
ALTER TABLE public.orders ADD COLUMN note text;

-- ~ column public.orders.total: type numeric(14,2) -> numeric(12,2)
-- WARNING: data loss: narrows column public.orders.total from numeric(14,2) to numeric(12,2)
ALTER TABLE public.orders ALTER COLUMN total TYPE numeric(12,2) USING total::numeric(12,2);

-- + view public.order_totals
CREATE VIEW public.order_totals AS
SELECT o.id, o.total FROM orders o;
