-- ~ text search configuration public.search: mapping asciiword (english_stem) -> (simple, english_stem)
ALTER TEXT SEARCH CONFIGURATION public.search ALTER MAPPING FOR asciiword WITH simple, english_stem;

-- ~ text search configuration public.search: mapping email (simple) -> none
ALTER TEXT SEARCH CONFIGURATION public.search DROP MAPPING FOR email;

-- ~ text search configuration public.search: mapping url none -> (simple)
ALTER TEXT SEARCH CONFIGURATION public.search ADD MAPPING FOR url WITH simple;
