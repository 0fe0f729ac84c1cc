-- ~ composite type public.address: - attribute postcode
-- WARNING: data loss: drops attribute public.address.postcode: its values in columns of the type are lost
ALTER TYPE public.address DROP ATTRIBUTE postcode;
