-- ~ column public.tasks.estimate: type text -> integer
ALTER TABLE public.tasks ALTER COLUMN estimate TYPE integer USING nullif(trim(estimate), '')::integer;
