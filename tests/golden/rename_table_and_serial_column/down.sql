-- ~ sequence public.issues_number_seq renamed to issues_id_seq
ALTER SEQUENCE public.issues_number_seq RENAME TO issues_id_seq;

-- ~ column public.issues.number renamed to id
ALTER TABLE public.issues RENAME COLUMN number TO id;

-- ~ constraint issues_pkey on public.issues renamed to tickets_pkey
ALTER TABLE public.issues RENAME CONSTRAINT issues_pkey TO tickets_pkey;

-- ~ sequence public.issues_id_seq renamed to tickets_id_seq
ALTER SEQUENCE public.issues_id_seq RENAME TO tickets_id_seq;

-- ~ table public.issues renamed to tickets
ALTER TABLE public.issues RENAME TO tickets;
