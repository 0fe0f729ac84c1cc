-- ~ column public.tickets.id: default none -> 0; identity always -> none
ALTER TABLE public.tickets ALTER COLUMN id DROP IDENTITY;
ALTER TABLE public.tickets ALTER COLUMN id SET DEFAULT 0;
