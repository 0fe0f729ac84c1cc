-- + function public._group_concat(text, text)
SET LOCAL check_function_bodies = off;
CREATE FUNCTION public._group_concat(text, text)
 RETURNS text
 LANGUAGE sql
 IMMUTABLE
AS $function$SELECT CASE
  WHEN $2 IS NULL THEN $1
  WHEN $1 IS NULL THEN $2
  ELSE $1 || ', ' || $2
END
$function$;

-- + aggregate public.group_concat(text)
CREATE AGGREGATE public.group_concat(text) (
    SFUNC = public._group_concat,
    STYPE = text
);
COMMENT ON AGGREGATE public.group_concat(text) IS 'Comma-separated values';
