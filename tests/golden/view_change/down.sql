-- - view public.big_orders
DROP VIEW public.big_orders;

-- + view public.big_orders
CREATE VIEW public.big_orders AS
SELECT id, total FROM orders WHERE total > 100;
