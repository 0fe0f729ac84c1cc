-- + sequence public.invoice_numbers
CREATE SEQUENCE public.invoice_numbers AS integer INCREMENT BY 1 START WITH 1000 CACHE 1;
COMMENT ON SEQUENCE public.invoice_numbers IS 'Invoice numbers';
