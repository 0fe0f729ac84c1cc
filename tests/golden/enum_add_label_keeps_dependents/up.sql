-- ~ enum public.status: + label refunded after paid
ALTER TYPE public.status ADD VALUE 'refunded' AFTER 'paid';
