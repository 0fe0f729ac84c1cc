-- ~ column public.tickets.id: identity by default -> none
ALTER TABLE public.tickets ALTER COLUMN id DROP IDENTITY;
