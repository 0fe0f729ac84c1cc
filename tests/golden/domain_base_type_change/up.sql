-- - domain public.test_domain
DROP DOMAIN public.test_domain;

-- + domain public.test_domain integer
CREATE DOMAIN public.test_domain AS integer;
