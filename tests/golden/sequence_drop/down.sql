-- + sequence public.invoice_numbers
-- WARNING: restores the structure only; up lost data: drops sequence public.invoice_numbers and its current value
CREATE SEQUENCE public.invoice_numbers AS bigint;
