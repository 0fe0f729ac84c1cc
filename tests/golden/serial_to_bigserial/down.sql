-- ~ column public.counters.id: type bigserial -> serial
-- WARNING: data loss: narrows column public.counters.id from bigserial to serial
ALTER TABLE public.counters ALTER COLUMN id TYPE integer USING id::integer;
ALTER SEQUENCE public.counters_id_seq AS integer;
