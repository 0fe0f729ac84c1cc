-- ~ column public.tickets.id: identity always -> always (options)
ALTER TABLE public.tickets ALTER COLUMN id SET INCREMENT BY 1 SET START WITH 1 SET CACHE 1;
