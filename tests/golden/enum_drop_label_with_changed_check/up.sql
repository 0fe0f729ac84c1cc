-- - check orders_status_check on public.orders
ALTER TABLE public.orders DROP CONSTRAINT orders_status_check;

-- - index public.orders_cancelled_idx on public.orders
DROP INDEX public.orders_cancelled_idx;

-- ~ enum public.status: labels (new, paid, cancelled) -> (new, paid) (type recreated; dropped and put back: check orders_paid_check on public.orders)
-- WARNING: data loss: removes label(s) cancelled of public.status; rows holding them make the cast fail
ALTER TABLE public.orders DROP CONSTRAINT orders_paid_check;
ALTER TYPE public.status RENAME TO status__strata_old;
CREATE TYPE public.status AS ENUM ('new', 'paid');
ALTER TABLE public.orders ALTER COLUMN status TYPE public.status USING status::text::public.status;
DROP TYPE public.status__strata_old;
ALTER TABLE public.orders ADD CONSTRAINT orders_paid_check CHECK (status <> 'paid' OR id > 0);

-- + index public.orders_cancelled_idx on public.orders
CREATE INDEX orders_cancelled_idx ON public.orders USING btree (id) WHERE (status = 'paid');
