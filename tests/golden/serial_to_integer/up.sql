-- ~ column public.counters.id: serial -> integer (owned sequence and default; the type stays integer)
ALTER TABLE public.counters ALTER COLUMN id DROP DEFAULT;
DROP SEQUENCE public.counters_id_seq;
