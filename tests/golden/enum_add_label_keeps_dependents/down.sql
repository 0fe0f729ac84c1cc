-- ~ enum public.status: labels (new, paid, refunded) -> (new, paid) (type recreated; dropped and put back: view public.open_orders, view public.open_order_count, check orders_status_check on public.orders, index public.orders_open_idx, generated column public.orders.paid_flag)
-- WARNING: data loss: removes label(s) refunded of public.status; rows holding them make the cast fail
DROP VIEW public.open_order_count;
DROP VIEW public.open_orders;
DROP INDEX public.orders_open_idx;
ALTER TABLE public.orders DROP CONSTRAINT orders_status_check;
ALTER TABLE public.orders DROP COLUMN paid_flag;
ALTER TYPE public.status RENAME TO status__strata_old;
CREATE TYPE public.status AS ENUM ('new', 'paid');
ALTER TABLE public.orders ALTER COLUMN status DROP DEFAULT;
ALTER TABLE public.orders ALTER COLUMN status TYPE public.status USING status::text::public.status;
ALTER TABLE public.orders ALTER COLUMN status SET DEFAULT 'new';
DROP TYPE public.status__strata_old;
ALTER TABLE public.orders ADD COLUMN paid_flag boolean GENERATED ALWAYS AS (status = 'paid') STORED;
ALTER TABLE public.orders ADD CONSTRAINT orders_status_check CHECK (status <> 'paid' OR id > 0);
CREATE INDEX orders_open_idx ON public.orders USING btree (id) WHERE (status = 'new');
CREATE VIEW public.open_orders AS
SELECT id, status FROM orders WHERE status = 'new';
CREATE VIEW public.open_order_count AS
SELECT count(*) AS n FROM open_orders;
