-- ~ enum public.status: label payed renamed to paid
ALTER TYPE public.status RENAME VALUE 'payed' TO 'paid';
