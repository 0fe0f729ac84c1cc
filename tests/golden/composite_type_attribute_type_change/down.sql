-- ~ comment on type public.money_amount removed
COMMENT ON TYPE public.money_amount IS NULL;

-- ~ composite type public.money_amount: attribute currency text -> text collate C
ALTER TYPE public.money_amount ALTER ATTRIBUTE currency SET DATA TYPE text COLLATE "C";

-- ~ composite type public.money_amount: attribute cents bigint -> integer
ALTER TYPE public.money_amount ALTER ATTRIBUTE cents SET DATA TYPE integer;
