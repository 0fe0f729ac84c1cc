-- - foreign key payments_invoice_id_fkey on public.payments (invoice_id) -> public.invoices (id)
ALTER TABLE public.payments DROP CONSTRAINT payments_invoice_id_fkey;

-- - foreign key invoices_customer_id_fkey on public.invoices (customer_id) -> public.customers (id)
ALTER TABLE public.invoices DROP CONSTRAINT invoices_customer_id_fkey;

-- - check invoices_total_check on public.invoices
ALTER TABLE public.invoices DROP CONSTRAINT invoices_total_check;

-- - table public.payments
-- WARNING: data loss: drops table public.payments and its rows
DROP TABLE public.payments;
