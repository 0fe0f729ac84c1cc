-- ~ column public.tickets.id: identity by default -> always
ALTER TABLE public.tickets ALTER COLUMN id SET GENERATED ALWAYS;
