-- ~ column public.tickets.id: default 0 -> none; identity none -> always
ALTER TABLE public.tickets ALTER COLUMN id DROP DEFAULT;
ALTER TABLE public.tickets ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY;
