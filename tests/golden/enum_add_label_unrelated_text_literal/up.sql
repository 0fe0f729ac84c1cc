-- ~ enum public.status: + label refunded after paid
ALTER TYPE public.status ADD VALUE 'refunded' AFTER 'paid';

-- + view public.refund_notes
CREATE VIEW public.refund_notes AS
SELECT id FROM orders WHERE note = 'refunded'::text;
