-- - column public.documents.created_at
-- WARNING: data loss: drops column public.documents.created_at
ALTER TABLE public.documents DROP COLUMN created_at;
