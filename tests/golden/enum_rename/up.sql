-- ~ enum public.status renamed to order_status
ALTER TYPE public.status RENAME TO order_status;
