-- ~ column public.prices.gross: generated expression dropped
ALTER TABLE public.prices ALTER COLUMN gross DROP EXPRESSION;
