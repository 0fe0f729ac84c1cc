-- - policy tasks_low on public.tasks
DROP POLICY tasks_low ON public.tasks;

-- ~ column public.tasks.level: type integer -> bigint
ALTER TABLE public.tasks ALTER COLUMN level TYPE bigint USING level::bigint;

-- + policy tasks_low on public.tasks
CREATE POLICY tasks_low ON public.tasks AS PERMISSIVE FOR SELECT TO PUBLIC
  USING (level < 10);
