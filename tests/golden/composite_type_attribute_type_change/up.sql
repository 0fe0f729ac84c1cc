-- ~ composite type public.money_amount: attribute cents integer -> bigint
ALTER TYPE public.money_amount ALTER ATTRIBUTE cents SET DATA TYPE bigint;

-- ~ composite type public.money_amount: attribute currency text collate C -> text
ALTER TYPE public.money_amount ALTER ATTRIBUTE currency SET DATA TYPE text;

-- ~ comment on type public.money_amount
COMMENT ON TYPE public.money_amount IS 'An amount in a currency';
