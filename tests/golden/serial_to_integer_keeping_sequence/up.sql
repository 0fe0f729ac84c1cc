-- ~ column public.tickets.id: serial -> integer (owned sequence and default; the type stays integer); default none -> nextval('tickets_id_seq'::regclass)
ALTER TABLE public.tickets ALTER COLUMN id DROP DEFAULT;
ALTER SEQUENCE public.tickets_id_seq OWNED BY NONE;
ALTER TABLE public.tickets ALTER COLUMN id SET DEFAULT nextval('tickets_id_seq'::regclass);

-- ~ sequence public.tickets_id_seq: type integer -> bigint
ALTER SEQUENCE public.tickets_id_seq AS bigint;
