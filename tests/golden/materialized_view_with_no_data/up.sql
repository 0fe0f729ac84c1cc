-- + materialized view public.sales_by_id
CREATE MATERIALIZED VIEW public.sales_by_id AS
SELECT id, amount FROM sales
WITH NO DATA;
CREATE INDEX sales_by_id_id_idx ON public.sales_by_id USING btree (id);

-- ~ materialized view public.sales_total: emptied (WITH NO DATA)
REFRESH MATERIALIZED VIEW public.sales_total WITH NO DATA;
