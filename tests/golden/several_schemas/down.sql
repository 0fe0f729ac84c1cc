-- - foreign key users_account_id_fkey on app.users (account_id) -> public.users (id)
ALTER TABLE app.users DROP CONSTRAINT users_account_id_fkey;

-- - table audit.events
-- WARNING: data loss: drops table audit.events and its rows
DROP TABLE audit.events;

-- - table app.users
-- WARNING: data loss: drops table app.users and its rows
DROP TABLE app.users;

-- - enum app.role
DROP TYPE app.role;

-- - schema audit
DROP SCHEMA audit;

-- - schema app
DROP SCHEMA app;
