-- + table public.sessions
CREATE TABLE public.sessions (
    user_id bigint NOT NULL,
    token text NOT NULL,
    CONSTRAINT sessions_user_id_token_key UNIQUE (user_id, token)
) PARTITION BY HASH (user_id);

-- + table public.sessions_0
CREATE TABLE public.sessions_0 PARTITION OF public.sessions FOR VALUES WITH (modulus 2, remainder 0);

-- + table public.sessions_1
CREATE TABLE public.sessions_1 PARTITION OF public.sessions FOR VALUES WITH (MODULUS 2, REMAINDER 1);
