-- ~ view public.big_orders replaced
CREATE OR REPLACE VIEW public.big_orders AS
SELECT id, total FROM orders WHERE total > 500;
