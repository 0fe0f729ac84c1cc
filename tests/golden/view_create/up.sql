-- + view public.big_orders
CREATE VIEW public.big_orders AS
SELECT id, total FROM orders WHERE total > 100;
COMMENT ON VIEW public.big_orders IS 'Orders worth a look';
