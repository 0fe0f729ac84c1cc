-- ~ domain public.percent: - check percent_range
ALTER DOMAIN public.percent DROP CONSTRAINT percent_range;

-- ~ domain public.percent: + check percent_range VALUE >= 0 AND VALUE <= 1000
ALTER DOMAIN public.percent ADD CONSTRAINT percent_range CHECK (VALUE >= 0 AND VALUE <= 1000);

-- ~ domain public.percent: - check percent_whole
ALTER DOMAIN public.percent DROP CONSTRAINT percent_whole;

-- ~ domain public.percent: + check percent_not_negative_zero VALUE IS NULL OR VALUE::text <> '-0'
ALTER DOMAIN public.percent ADD CONSTRAINT percent_not_negative_zero CHECK (VALUE IS NULL OR VALUE::text <> '-0');
