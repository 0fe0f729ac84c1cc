-- - domain public.test_domain
DROP DOMAIN public.test_domain;

-- + domain public.test_domain text
CREATE DOMAIN public.test_domain AS text;
