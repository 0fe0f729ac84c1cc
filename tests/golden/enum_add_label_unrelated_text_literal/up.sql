-- ~ enum public.status: + label refunded after paid
ALTER TYPE public.status ADD VALUE 'refunded' AFTER 'paid';

-- + check orders_note_check on public.orders
ALTER TABLE public.orders ADD CONSTRAINT orders_note_check CHECK (note <> 'refunded');

-- + view public.refund_notes
CREATE VIEW public.refund_notes AS
SELECT id FROM orders WHERE note = 'refunded'::text;
