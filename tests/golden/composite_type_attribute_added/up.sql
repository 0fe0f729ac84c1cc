-- ~ composite type public.address: + attribute postcode character varying(10)
ALTER TYPE public.address ADD ATTRIBUTE postcode character varying(10);
