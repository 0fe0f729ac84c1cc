-- ~ column public.things.kind: type public.old_kind -> public.new_kind
-- WARNING: data loss: narrows column public.things.kind from public.old_kind to public.new_kind
ALTER TABLE public.things ALTER COLUMN kind DROP DEFAULT;
ALTER TABLE public.things ALTER COLUMN kind TYPE public.new_kind USING kind::text::public.new_kind;
ALTER TABLE public.things ALTER COLUMN kind SET DEFAULT 'a';
