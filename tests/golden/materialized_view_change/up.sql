-- - materialized view public.daily_totals
DROP MATERIALIZED VIEW public.daily_totals;

-- + materialized view public.daily_totals
CREATE MATERIALIZED VIEW public.daily_totals AS
SELECT date_trunc('day', placed_at) AS day, sum(total) AS total, count(*) AS n FROM orders GROUP BY 1;
CREATE UNIQUE INDEX daily_totals_day_idx ON public.daily_totals USING btree (day);
