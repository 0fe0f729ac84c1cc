-- ~ column public.counters.id: integer -> serial (owned sequence and default; the type stays integer)
CREATE SEQUENCE public.counters_id_seq AS integer OWNED BY public.counters.id;
ALTER TABLE public.counters ALTER COLUMN id SET DEFAULT nextval('public.counters_id_seq'::regclass);
