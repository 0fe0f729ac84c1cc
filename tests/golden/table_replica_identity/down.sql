-- ~ table public.audit: replica identity full -> default
ALTER TABLE public.audit REPLICA IDENTITY DEFAULT;

-- ~ table public.accounts: replica identity using index accounts_email_key -> default
ALTER TABLE public.accounts REPLICA IDENTITY DEFAULT;

-- - table public.cache
-- WARNING: data loss: drops table public.cache and its rows
DROP TABLE public.cache;
