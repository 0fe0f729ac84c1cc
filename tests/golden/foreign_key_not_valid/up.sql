-- + table public.payments
CREATE TABLE public.payments (
    id bigint NOT NULL,
    invoice_id bigint,
    CONSTRAINT payments_pkey PRIMARY KEY (id)
);

-- + check invoices_total_check on public.invoices
ALTER TABLE public.invoices ADD CONSTRAINT invoices_total_check CHECK (total >= 0) NOT VALID;

-- + foreign key invoices_customer_id_fkey on public.invoices (customer_id) -> public.customers (id)
ALTER TABLE public.invoices ADD CONSTRAINT invoices_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customers(id) NOT VALID;

-- + foreign key payments_invoice_id_fkey on public.payments (invoice_id) -> public.invoices (id)
ALTER TABLE public.payments ADD CONSTRAINT payments_invoice_id_fkey FOREIGN KEY (invoice_id) REFERENCES public.invoices(id) NOT VALID;
