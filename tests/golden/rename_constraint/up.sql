-- ~ constraint positive_org on public.accounts renamed to accounts_org_id_check
ALTER TABLE public.accounts RENAME CONSTRAINT positive_org TO accounts_org_id_check;
