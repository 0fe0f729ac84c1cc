-- - aggregate public.group_concat(text)
DROP AGGREGATE public.group_concat(text);

-- - function public._group_concat(text, text)
DROP FUNCTION public._group_concat(text, text);
