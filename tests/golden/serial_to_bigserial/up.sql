-- ~ column public.counters.id: type serial -> bigserial
ALTER TABLE public.counters ALTER COLUMN id TYPE bigint USING id::bigint;
ALTER SEQUENCE public.counters_id_seq AS bigint;
