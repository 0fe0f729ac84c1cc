-- ~ column public.things.kind: type public.new_kind -> public.old_kind
-- WARNING: data loss: narrows column public.things.kind from public.new_kind to public.old_kind
-- WARNING: restores the structure only; up lost data: narrows column public.things.kind from public.old_kind to public.new_kind
ALTER TABLE public.things ALTER COLUMN kind DROP DEFAULT;
ALTER TABLE public.things ALTER COLUMN kind TYPE public.old_kind USING kind::text::public.old_kind;
ALTER TABLE public.things ALTER COLUMN kind SET DEFAULT 'a';
