-- + function public.new_code()
SET LOCAL check_function_bodies = off;
CREATE FUNCTION public.new_code()
 RETURNS text
 LANGUAGE sql
AS $function$SELECT 'T-' || floor(random() * 1000000)::text$function$;

-- + function public.valid_code(text)
SET LOCAL check_function_bodies = off;
CREATE FUNCTION public.valid_code(c text)
 RETURNS boolean
 LANGUAGE sql
 IMMUTABLE
AS $function$SELECT c LIKE 'T-%'$function$;

-- + table public.tickets
CREATE TABLE public.tickets (
    id integer NOT NULL,
    code text DEFAULT public.new_code() NOT NULL,
    CONSTRAINT tickets_pkey PRIMARY KEY (id),
    CONSTRAINT tickets_code_check CHECK (public.valid_code(code))
);
