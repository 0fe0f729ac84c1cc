-- ~ sequence public.invoice_numbers: type bigint -> integer; options
ALTER SEQUENCE public.invoice_numbers AS integer INCREMENT BY 1 NO MAXVALUE NO CYCLE;
