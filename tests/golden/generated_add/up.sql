-- + column public.prices.gross numeric(12,2)
ALTER TABLE public.prices ADD COLUMN gross numeric(12,2) GENERATED ALWAYS AS (net * 1.2) STORED;
