-- ~ sequence public.invoice_numbers: type integer -> bigint; options
ALTER SEQUENCE public.invoice_numbers AS bigint INCREMENT BY 5 MAXVALUE 99999999 CYCLE;
