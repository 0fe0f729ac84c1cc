-- - primary key logs_pkey on public.logs (id)
ALTER TABLE public.logs DROP CONSTRAINT logs_pkey;
