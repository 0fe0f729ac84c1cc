-- - composite type public.box
DROP TYPE public.box;

-- - composite type public.measure
DROP TYPE public.measure;

-- - enum public.unit
DROP TYPE public.unit;
