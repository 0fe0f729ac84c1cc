-- - view public.big_orders
DROP VIEW public.big_orders;

-- + view public.big_orders
CREATE VIEW public.big_orders AS
SELECT id, total, placed_at FROM orders WHERE total > 1000;
