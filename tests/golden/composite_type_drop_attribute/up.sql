-- ~ composite type public.address: - attribute fax
-- WARNING: data loss: drops attribute public.address.fax: its values in columns of the type are lost
ALTER TYPE public.address DROP ATTRIBUTE fax;
