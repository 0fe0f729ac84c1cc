-- - view public.big_orders
DROP VIEW public.big_orders;
