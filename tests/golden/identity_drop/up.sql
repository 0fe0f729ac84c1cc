-- ~ column public.tickets.id: identity always -> none
ALTER TABLE public.tickets ALTER COLUMN id DROP IDENTITY;
