-- - index public.documents_body_fts_idx on public.documents
DROP INDEX public.documents_body_fts_idx;

-- - text search configuration public.plain_english
DROP TEXT SEARCH CONFIGURATION public.plain_english;
