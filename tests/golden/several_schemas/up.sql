-- + schema app
CREATE SCHEMA app;

-- + schema audit
CREATE SCHEMA audit;

-- + enum app.role (admin, member)
CREATE TYPE app.role AS ENUM ('admin', 'member');

-- + table app.users
CREATE TABLE app.users (
    id bigint NOT NULL,
    account_id bigint NOT NULL,
    role app.role DEFAULT 'member' NOT NULL,
    CONSTRAINT users_pkey PRIMARY KEY (id)
);

-- + table audit.events
CREATE TABLE audit.events (
    id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
    app_user_id bigint,
    CONSTRAINT events_pkey PRIMARY KEY (id),
    CONSTRAINT events_app_user_id_fkey FOREIGN KEY (app_user_id) REFERENCES app.users(id) ON DELETE SET NULL
);

-- + foreign key users_account_id_fkey on app.users (account_id) -> public.users (id)
ALTER TABLE app.users ADD CONSTRAINT users_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.users(id);
