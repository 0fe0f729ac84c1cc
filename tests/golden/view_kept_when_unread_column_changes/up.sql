-- - view public.order_totals
DROP VIEW public.order_totals;

-- ~ column public.orders.total: type numeric(12,2) -> numeric(14,2)
ALTER TABLE public.orders ALTER COLUMN total TYPE numeric(14,2) USING total::numeric(14,2);

-- - column public.orders.note
-- WARNING: data loss: drops column public.orders.note
ALTER TABLE public.orders DROP COLUMN note;

-- + view public.order_totals
CREATE VIEW public.order_totals AS
SELECT o.id, o.total FROM orders o;
