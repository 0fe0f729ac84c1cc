-- + primary key logs_pkey on public.logs (id)
ALTER TABLE public.logs ADD CONSTRAINT logs_pkey PRIMARY KEY (id);
