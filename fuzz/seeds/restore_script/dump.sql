SET statement_timeout = 0;
SELECT pg_catalog.set_config('search_path', '', false);
CREATE TABLE public.t (id integer, note text);
COMMENT ON TABLE public.t IS 'line one
COPY x FROM stdin;
\.
';
COPY public.t (id, note) FROM stdin;
1	it's
2	\N
\.

CREATE FUNCTION public.f() RETURNS text LANGUAGE sql AS $body$SELECT ';'$body$;
/* nested /* comment */ ; */
CREATE VIEW "we;ird" AS SELECT E'a\';b' AS x;
