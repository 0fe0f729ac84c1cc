-- ~ domain public.label: default none -> 'untitled'
ALTER DOMAIN public.label SET DEFAULT 'untitled';

-- ~ domain public.priority: default 3 -> 5, nullable true -> false
ALTER DOMAIN public.priority SET DEFAULT 5;
ALTER DOMAIN public.priority SET NOT NULL;

-- ~ comment on domain public.label
COMMENT ON DOMAIN public.label IS 'A short name';
