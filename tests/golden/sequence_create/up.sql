-- + sequence public.invoice_numbers
CREATE SEQUENCE public.invoice_numbers AS integer START WITH 1000;
COMMENT ON SEQUENCE public.invoice_numbers IS 'Invoice numbers';
