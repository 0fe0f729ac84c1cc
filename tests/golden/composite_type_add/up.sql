-- + enum public.unit (mm, cm, m)
CREATE TYPE public.unit AS ENUM ('mm', 'cm', 'm');

-- + composite type public.measure (amount numeric(10,2), unit public.unit)
CREATE TYPE public.measure AS (amount numeric(10,2), unit public.unit);

-- + composite type public.box (width public.measure, height public.measure, Label text)
CREATE TYPE public.box AS (width public.measure, height public.measure, "Label" text COLLATE "C");
COMMENT ON TYPE public.box IS 'A box''s outer size';
