-- ~ sequence public.tickets_id_seq: type bigint -> integer
ALTER SEQUENCE public.tickets_id_seq AS integer;

-- ~ column public.tickets.id: integer -> serial (owned sequence and default; the type stays integer); default nextval('tickets_id_seq'::regclass) -> none
ALTER TABLE public.tickets ALTER COLUMN id DROP DEFAULT;
ALTER SEQUENCE public.tickets_id_seq OWNED BY public.tickets.id;
ALTER TABLE public.tickets ALTER COLUMN id SET DEFAULT nextval('public.tickets_id_seq'::regclass);
