-- strata:down 20261125160645 (reverts: Add billing)

-- - foreign key invoices_org_id_fkey on billing.invoices (org_id) -> public.orgs (id)
ALTER TABLE billing.invoices DROP CONSTRAINT invoices_org_id_fkey;

-- - table billing.payments
-- WARNING: data loss: drops table billing.payments and its rows
DROP TABLE billing.payments;

-- - table billing.invoices
-- WARNING: data loss: drops table billing.invoices and its rows
DROP TABLE billing.invoices;

-- - enum billing.invoice_state
DROP TYPE billing.invoice_state;

-- - schema billing
DROP SCHEMA billing;
