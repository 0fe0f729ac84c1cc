-- ~ enum public.order_status renamed to status
ALTER TYPE public.order_status RENAME TO status;
