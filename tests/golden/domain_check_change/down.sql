-- ~ domain public.percent: - check percent_not_negative_zero
ALTER DOMAIN public.percent DROP CONSTRAINT percent_not_negative_zero;

-- ~ domain public.percent: + check percent_whole VALUE = round(VALUE)
ALTER DOMAIN public.percent ADD CONSTRAINT percent_whole CHECK (VALUE = round(VALUE));

-- ~ domain public.percent: - check percent_range
ALTER DOMAIN public.percent DROP CONSTRAINT percent_range;

-- ~ domain public.percent: + check percent_range VALUE >= 0 AND VALUE <= 100
ALTER DOMAIN public.percent ADD CONSTRAINT percent_range CHECK (VALUE >= 0 AND VALUE <= 100);
