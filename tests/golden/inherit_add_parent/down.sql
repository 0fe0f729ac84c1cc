-- ~ table public.dogs: no longer inherit from public.animals
ALTER TABLE public.dogs NO INHERIT public.animals;

-- - check animals_name_check on public.dogs
ALTER TABLE public.dogs DROP CONSTRAINT animals_name_check;
