-- ~ column public.tasks.estimate: type integer -> text
ALTER TABLE public.tasks ALTER COLUMN estimate TYPE text USING estimate::text;
