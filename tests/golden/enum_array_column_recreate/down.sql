-- ~ enum public.flag: labels (c, b, a) -> (a, b, c) (type recreated)
ALTER TYPE public.flag RENAME TO flag__strata_old;
CREATE TYPE public.flag AS ENUM ('a', 'b', 'c');
ALTER TABLE public.things ALTER COLUMN flags TYPE public.flag[] USING flags::text[]::public.flag[];
DROP TYPE public.flag__strata_old;
