-- ~ composite type public.address: + attribute fax text
-- WARNING: restores the structure only; up lost data: drops attribute public.address.fax: its values in columns of the type are lost
ALTER TYPE public.address ADD ATTRIBUTE fax text;
