-- ~ comment on domain public.label removed
COMMENT ON DOMAIN public.label IS NULL;

-- ~ domain public.priority: default 5 -> 3, nullable false -> true
ALTER DOMAIN public.priority SET DEFAULT 3;
ALTER DOMAIN public.priority DROP NOT NULL;

-- ~ domain public.label: default 'untitled' -> none
ALTER DOMAIN public.label DROP DEFAULT;
