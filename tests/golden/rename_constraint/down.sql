-- ~ constraint accounts_org_id_check on public.accounts renamed to positive_org
ALTER TABLE public.accounts RENAME CONSTRAINT accounts_org_id_check TO positive_org;
