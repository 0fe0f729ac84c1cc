-- + extension citext
CREATE EXTENSION citext WITH SCHEMA public;

-- + table public.users
CREATE TABLE public.users (
    id bigint NOT NULL,
    email public.citext NOT NULL,
    CONSTRAINT users_pkey PRIMARY KEY (id),
    CONSTRAINT users_email_key UNIQUE (email)
);
