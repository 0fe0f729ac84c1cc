-- - sequence public.invoice_numbers
-- WARNING: data loss: drops sequence public.invoice_numbers and its current value
DROP SEQUENCE public.invoice_numbers;
