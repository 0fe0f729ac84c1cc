-- strata:revision 20261125160645
-- strata:parent   20261125160643
-- strata:message  Add billing
-- changes:
--   + schema billing
--   + enum billing.invoice_state (open, paid, void)
--   + table billing.invoices
--   + table billing.payments
--   + foreign key invoices_org_id_fkey on billing.invoices (org_id) -> public.orgs (id)
-- hazards: none

-- + schema billing
CREATE SCHEMA billing;
COMMENT ON SCHEMA billing IS 'Invoices and payments';

-- + enum billing.invoice_state (open, paid, void)
CREATE TYPE billing.invoice_state AS ENUM ('open', 'paid', 'void');

-- + table billing.invoices
CREATE TABLE billing.invoices (
    id bigserial NOT NULL,
    org_id bigint NOT NULL,
    number bigint DEFAULT nextval('public.ticket_number') NOT NULL,
    state billing.invoice_state DEFAULT 'open' NOT NULL,
    amount numeric(12,2) NOT NULL,
    currency character(3) DEFAULT 'EUR' NOT NULL,
    issued_on date DEFAULT CURRENT_DATE NOT NULL,
    lines jsonb[] DEFAULT '{}' NOT NULL,
    CONSTRAINT invoices_pkey PRIMARY KEY (id),
    CONSTRAINT invoices_org_number_key UNIQUE (org_id, number),
    CONSTRAINT invoices_amount_check CHECK (amount >= 0)
);

-- + table billing.payments
CREATE TABLE billing.payments (
    id serial NOT NULL,
    invoice_id bigint NOT NULL,
    paid_at timestamp with time zone DEFAULT now() NOT NULL,
    amount numeric(12,2) NOT NULL,
    CONSTRAINT payments_pkey PRIMARY KEY (id),
    CONSTRAINT payments_invoice_fkey FOREIGN KEY (invoice_id) REFERENCES billing.invoices(id) MATCH FULL ON DELETE CASCADE
);

-- + foreign key invoices_org_id_fkey on billing.invoices (org_id) -> public.orgs (id)
ALTER TABLE billing.invoices ADD CONSTRAINT invoices_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.orgs(id) ON DELETE RESTRICT;
