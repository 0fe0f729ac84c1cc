-- ~ table public.tickets renamed to issues
ALTER TABLE public.tickets RENAME TO issues;

-- ~ sequence public.tickets_id_seq renamed to issues_id_seq
ALTER SEQUENCE public.tickets_id_seq RENAME TO issues_id_seq;

-- ~ constraint tickets_pkey on public.issues renamed to issues_pkey
ALTER TABLE public.issues RENAME CONSTRAINT tickets_pkey TO issues_pkey;

-- ~ column public.issues.id renamed to number
ALTER TABLE public.issues RENAME COLUMN id TO number;

-- ~ sequence public.issues_id_seq renamed to issues_number_seq
ALTER SEQUENCE public.issues_id_seq RENAME TO issues_number_seq;
