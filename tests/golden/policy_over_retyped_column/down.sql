-- - policy tasks_low on public.tasks
DROP POLICY tasks_low ON public.tasks;

-- ~ column public.tasks.level: type bigint -> integer
-- WARNING: data loss: narrows column public.tasks.level from bigint to integer
ALTER TABLE public.tasks ALTER COLUMN level TYPE integer USING level::integer;

-- + policy tasks_low on public.tasks
CREATE POLICY tasks_low ON public.tasks AS PERMISSIVE FOR SELECT TO PUBLIC
  USING (level < 10);
