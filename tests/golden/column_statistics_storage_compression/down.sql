-- - column public.documents.raw
-- WARNING: data loss: drops column public.documents.raw
ALTER TABLE public.documents DROP COLUMN raw;

-- ~ column public.documents.tags: statistics default -> 200
ALTER TABLE public.documents ALTER COLUMN tags SET STATISTICS 200;

-- ~ column public.documents.body: storage external -> default, compression lz4 -> default
ALTER TABLE public.documents ALTER COLUMN body SET STORAGE EXTENDED;
ALTER TABLE public.documents ALTER COLUMN body SET COMPRESSION DEFAULT;

-- ~ column public.documents.id: statistics 1000 -> default
ALTER TABLE public.documents ALTER COLUMN id SET STATISTICS -1;
