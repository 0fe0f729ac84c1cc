-- + table public.sources
CREATE TABLE public.sources (
    origin text NOT NULL
);

-- + table public.login_events
CREATE TABLE public.login_events (
    kind text DEFAULT 'login' NOT NULL,
    address inet,
    CONSTRAINT login_events_id_key UNIQUE (id),
    CONSTRAINT login_events_kind_check CHECK (kind = 'login')
) INHERITS (public.events, public.sources);
