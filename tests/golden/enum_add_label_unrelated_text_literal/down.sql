-- - view public.refund_notes
DROP VIEW public.refund_notes;

-- - check orders_note_check on public.orders
ALTER TABLE public.orders DROP CONSTRAINT orders_note_check;

-- ~ enum public.status: labels (new, paid, refunded) -> (new, paid) (type recreated)
-- WARNING: data loss: removes label(s) refunded of public.status; rows holding them make the cast fail
ALTER TYPE public.status RENAME TO status__strata_old;
CREATE TYPE public.status AS ENUM ('new', 'paid');
ALTER TABLE public.orders ALTER COLUMN status TYPE public.status USING status::text::public.status;
DROP TYPE public.status__strata_old;
