-- strata:down 20261125160643 (reverts: Initial schema)

-- ~ comment on schema public removed
COMMENT ON SCHEMA public IS NULL;

-- - view public.published_posts
DROP VIEW public.published_posts;

-- - table public.sessions
-- WARNING: data loss: drops table public.sessions and its rows
DROP TABLE public.sessions;

-- - table public.room_bookings
-- WARNING: data loss: drops table public.room_bookings and its rows
DROP TABLE public.room_bookings;

-- - table public.comments
-- WARNING: data loss: drops table public.comments and its rows
DROP TABLE public.comments;

-- - table public.posts
-- WARNING: data loss: drops table public.posts and its rows
DROP TABLE public.posts;

-- - table public.users
-- WARNING: data loss: drops table public.users and its rows
DROP TABLE public.users;

-- - table public.orgs
-- WARNING: data loss: drops table public.orgs and its rows
DROP TABLE public.orgs;

-- - sequence public.ticket_number
-- WARNING: data loss: drops sequence public.ticket_number and its current value
DROP SEQUENCE public.ticket_number;

-- - enum public.user_role
DROP TYPE public.user_role;

-- - enum public.post_status
DROP TYPE public.post_status;

-- - extension citext
DROP EXTENSION citext;

-- - extension btree_gist
DROP EXTENSION btree_gist;
