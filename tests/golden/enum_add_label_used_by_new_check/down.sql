-- - check orders_not_refunded_check on public.orders
ALTER TABLE public.orders DROP CONSTRAINT orders_not_refunded_check;

-- ~ enum public.status: labels (new, paid, refunded) -> (new, paid) (type recreated; dropped and put back: view public.open_orders, index public.orders_open_idx)
-- WARNING: data loss: removes label(s) refunded of public.status; rows holding them make the cast fail
DROP VIEW public.open_orders;
DROP INDEX public.orders_open_idx;
ALTER TYPE public.status RENAME TO status__strata_old;
CREATE TYPE public.status AS ENUM ('new', 'paid');
ALTER TABLE public.orders ALTER COLUMN status TYPE public.status USING status::text::public.status;
DROP TYPE public.status__strata_old;
CREATE INDEX orders_open_idx ON public.orders USING btree (id) WHERE (status = 'new');
CREATE VIEW public.open_orders AS
SELECT id, status FROM orders WHERE status = 'new';
