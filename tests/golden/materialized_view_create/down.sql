-- - materialized view public.daily_totals
DROP MATERIALIZED VIEW public.daily_totals;
