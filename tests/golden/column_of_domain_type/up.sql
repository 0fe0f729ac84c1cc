-- + domain public.email text
CREATE DOMAIN public.email AS text CONSTRAINT email_has_at CHECK (position('@' in VALUE) > 1);

-- + table public.invites
CREATE TABLE public.invites (
    id integer NOT NULL,
    address public.email,
    CONSTRAINT invites_pkey PRIMARY KEY (id)
);

-- + column public.users.email public.email
ALTER TABLE public.users ADD COLUMN email public.email DEFAULT 'nobody@example.com' NOT NULL;

-- + column public.users.backup_emails public.email[]
ALTER TABLE public.users ADD COLUMN backup_emails public.email[];
