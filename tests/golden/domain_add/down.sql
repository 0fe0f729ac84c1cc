-- - domain public.quantity
DROP DOMAIN public.quantity;

-- - domain public.plain_text
DROP DOMAIN public.plain_text;

-- - domain public.code
DROP DOMAIN public.code;
