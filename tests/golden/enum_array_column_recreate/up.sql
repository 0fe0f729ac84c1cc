-- ~ enum public.flag: labels (a, b, c) -> (c, b, a) (type recreated)
ALTER TYPE public.flag RENAME TO flag__strata_old;
CREATE TYPE public.flag AS ENUM ('c', 'b', 'a');
ALTER TABLE public.things ALTER COLUMN flags TYPE public.flag[] USING flags::text[]::public.flag[];
DROP TYPE public.flag__strata_old;
