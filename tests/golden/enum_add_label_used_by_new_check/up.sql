-- ~ enum public.status: labels (new, paid) -> (new, paid, refunded) (type recreated; dropped and put back: view public.open_orders, index public.orders_open_idx)
DROP VIEW public.open_orders;
DROP INDEX public.orders_open_idx;
ALTER TYPE public.status RENAME TO status__strata_old;
CREATE TYPE public.status AS ENUM ('new', 'paid', 'refunded');
ALTER TABLE public.orders ALTER COLUMN status TYPE public.status USING status::text::public.status;
DROP TYPE public.status__strata_old;
CREATE INDEX orders_open_idx ON public.orders USING btree (id) WHERE (status = 'new');
CREATE VIEW public.open_orders AS
SELECT id, status FROM orders WHERE status = 'new';

-- + check orders_not_refunded_check on public.orders
ALTER TABLE public.orders ADD CONSTRAINT orders_not_refunded_check CHECK (status <> 'refunded' OR id > 0);
