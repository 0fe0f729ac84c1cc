-- strata:down 20261125160647 (reverts: Add tags)

-- - materialized view public.tag_counts
DROP MATERIALIZED VIEW public.tag_counts;

-- - foreign key post_tags_post_id_fkey on public.post_tags (post_id) -> public.posts (id)
ALTER TABLE public.post_tags DROP CONSTRAINT post_tags_post_id_fkey;

-- - foreign key tags_org_id_fkey on public.tags (org_id) -> public.orgs (id)
ALTER TABLE public.tags DROP CONSTRAINT tags_org_id_fkey;

-- - table public.post_tags
-- WARNING: data loss: drops table public.post_tags and its rows
DROP TABLE public.post_tags;

-- - table public.tags
-- WARNING: data loss: drops table public.tags and its rows
DROP TABLE public.tags;
