-- ~ column public.counters.id: type serial -> integer
ALTER TABLE public.counters ALTER COLUMN id DROP DEFAULT;
DROP SEQUENCE public.counters_id_seq;
