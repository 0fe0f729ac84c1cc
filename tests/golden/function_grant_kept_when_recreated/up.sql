-- ~ privileges of strata_golden_function_grant_kept_when_recreated_app on function public.points(): EXECUTE -> none
REVOKE EXECUTE ON ROUTINE public.points() FROM strata_golden_function_grant_kept_when_recreated_app;

-- - function public.points()
DROP FUNCTION public.points();

-- + function public.points()
SET LOCAL check_function_bodies = off;
CREATE FUNCTION public.points()
 RETURNS bigint
 LANGUAGE sql
AS $function$SELECT 1::bigint$function$;

-- ~ privileges of strata_golden_function_grant_kept_when_recreated_app on function public.points(): none -> EXECUTE
GRANT EXECUTE ON ROUTINE public.points() TO strata_golden_function_grant_kept_when_recreated_app;
