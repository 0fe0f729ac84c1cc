-- + text search configuration public.plain_english (parser default)
CREATE TEXT SEARCH CONFIGURATION public.plain_english (PARSER = "default");
ALTER TEXT SEARCH CONFIGURATION public.plain_english ADD MAPPING FOR asciihword, asciiword, hword_asciipart, word WITH english_stem;
ALTER TEXT SEARCH CONFIGURATION public.plain_english ADD MAPPING FOR numword WITH simple;
COMMENT ON TEXT SEARCH CONFIGURATION public.plain_english IS 'English stems, numbers kept';

-- + index public.documents_body_fts_idx on public.documents
CREATE INDEX documents_body_fts_idx ON public.documents USING gin ((to_tsvector('public.plain_english'::regconfig, body)));
