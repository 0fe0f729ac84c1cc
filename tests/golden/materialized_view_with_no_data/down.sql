-- ~ materialized view public.sales_total: refreshed
REFRESH MATERIALIZED VIEW public.sales_total;

-- - materialized view public.sales_by_id
DROP MATERIALIZED VIEW public.sales_by_id;
