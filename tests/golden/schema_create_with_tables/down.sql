-- - table billing.invoices
-- WARNING: data loss: drops table billing.invoices and its rows
DROP TABLE billing.invoices;

-- - enum billing.currency
DROP TYPE billing.currency;

-- - schema billing
DROP SCHEMA billing;
