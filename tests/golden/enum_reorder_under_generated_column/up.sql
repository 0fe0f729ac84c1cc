-- ~ enum public.status: labels (new, paid, refunded) -> (paid, new, refunded) (type recreated; dropped and put back: view public.paid_ranks, unique orders_paid_rank_id_key on public.orders (paid_rank, id), index public.orders_paid_rank_idx, generated column public.orders.paid_rank, generated column public.orders.is_paid)
DROP VIEW public.paid_ranks;
DROP INDEX public.orders_paid_rank_idx;
ALTER TABLE public.orders DROP CONSTRAINT orders_paid_rank_id_key;
ALTER TABLE public.orders DROP COLUMN paid_rank;
ALTER TABLE public.orders DROP COLUMN is_paid;
ALTER TYPE public.status RENAME TO status__strata_old;
CREATE TYPE public.status AS ENUM ('paid', 'new', 'refunded');
ALTER TABLE public.orders ALTER COLUMN status DROP DEFAULT;
ALTER TABLE public.orders ALTER COLUMN status TYPE public.status USING status::text::public.status;
ALTER TABLE public.orders ALTER COLUMN status SET DEFAULT 'new';
DROP TYPE public.status__strata_old;
ALTER TABLE public.orders ADD COLUMN paid_rank integer GENERATED ALWAYS AS (CASE WHEN status = 'paid' THEN 1 ELSE 0 END) STORED;
COMMENT ON COLUMN public.orders.paid_rank IS '1 when paid';
ALTER TABLE public.orders ADD COLUMN is_paid boolean GENERATED ALWAYS AS (status = 'paid') STORED;
ALTER TABLE public.orders ADD CONSTRAINT orders_paid_rank_id_key UNIQUE (paid_rank, id);
CREATE INDEX orders_paid_rank_idx ON public.orders USING btree (paid_rank);
CREATE VIEW public.paid_ranks AS
SELECT id, paid_rank FROM orders;
