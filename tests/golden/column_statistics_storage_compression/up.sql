-- ~ column public.documents.id: statistics default -> 1000
ALTER TABLE public.documents ALTER COLUMN id SET STATISTICS 1000;

-- ~ column public.documents.body: storage default -> external, compression default -> lz4
ALTER TABLE public.documents ALTER COLUMN body SET STORAGE EXTERNAL;
ALTER TABLE public.documents ALTER COLUMN body SET COMPRESSION lz4;

-- ~ column public.documents.tags: statistics 200 -> default
ALTER TABLE public.documents ALTER COLUMN tags SET STATISTICS -1;

-- + column public.documents.raw bytea
ALTER TABLE public.documents ADD COLUMN raw bytea;
ALTER TABLE public.documents ALTER COLUMN raw SET STORAGE MAIN;
ALTER TABLE public.documents ALTER COLUMN raw SET COMPRESSION pglz;
