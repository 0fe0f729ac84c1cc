-- - column public.prices.gross
-- WARNING: data loss: drops column public.prices.gross
ALTER TABLE public.prices DROP COLUMN gross;
