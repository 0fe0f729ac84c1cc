-- ~ enum public.status: label paid renamed to payed
ALTER TYPE public.status RENAME VALUE 'paid' TO 'payed';
