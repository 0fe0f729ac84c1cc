-- ~ index public.accounts_org_id_idx renamed to accounts_org_idx
ALTER INDEX public.accounts_org_id_idx RENAME TO accounts_org_idx;
