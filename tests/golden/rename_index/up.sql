-- ~ index public.accounts_org_idx renamed to accounts_org_id_idx
ALTER INDEX public.accounts_org_idx RENAME TO accounts_org_id_idx;
