-- + check animals_name_check on public.dogs
ALTER TABLE public.dogs ADD CONSTRAINT animals_name_check CHECK (name <> '');

-- ~ table public.dogs: inherit from public.animals
ALTER TABLE public.dogs INHERIT public.animals;
