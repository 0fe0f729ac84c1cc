-- ~ column public.tickets.id: identity none -> always
ALTER TABLE public.tickets ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY;
