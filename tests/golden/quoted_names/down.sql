-- - table public.User Accounts
-- WARNING: data loss: drops table public.User Accounts and its rows
DROP TABLE public."User Accounts";
