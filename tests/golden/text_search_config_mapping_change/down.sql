-- ~ text search configuration public.search: mapping url (simple) -> none
ALTER TEXT SEARCH CONFIGURATION public.search DROP MAPPING FOR url;

-- ~ text search configuration public.search: mapping email none -> (simple)
ALTER TEXT SEARCH CONFIGURATION public.search ADD MAPPING FOR email WITH simple;

-- ~ text search configuration public.search: mapping asciiword (simple, english_stem) -> (english_stem)
ALTER TEXT SEARCH CONFIGURATION public.search ALTER MAPPING FOR asciiword WITH english_stem;
