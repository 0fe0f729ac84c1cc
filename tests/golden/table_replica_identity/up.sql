-- + table public.cache
CREATE UNLOGGED TABLE public.cache (
    k text
);
ALTER TABLE public.cache REPLICA IDENTITY NOTHING;

-- ~ table public.accounts: replica identity default -> using index accounts_email_key
ALTER TABLE public.accounts REPLICA IDENTITY USING INDEX accounts_email_key;

-- ~ table public.audit: replica identity default -> full
ALTER TABLE public.audit REPLICA IDENTITY FULL;
