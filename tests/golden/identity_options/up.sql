-- ~ column public.tickets.id: identity always -> always (options)
ALTER TABLE public.tickets ALTER COLUMN id SET INCREMENT BY 10 SET START WITH 1000 SET CACHE 20;
