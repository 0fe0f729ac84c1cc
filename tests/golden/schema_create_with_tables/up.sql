-- + schema billing
CREATE SCHEMA billing;

-- + enum billing.currency (eur, usd)
CREATE TYPE billing.currency AS ENUM ('eur', 'usd');

-- + table billing.invoices
CREATE TABLE billing.invoices (
    id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
    currency billing.currency NOT NULL,
    total numeric(12,2) DEFAULT 0 NOT NULL,
    CONSTRAINT invoices_pkey PRIMARY KEY (id)
);
