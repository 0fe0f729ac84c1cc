-- + procedure public.reset_points(bigint)
SET LOCAL check_function_bodies = off;
CREATE PROCEDURE public.reset_points(p_user bigint)
 LANGUAGE sql
AS $function$SELECT 1$function$;

-- ~ privileges of strata_golden_function_grant_app on function public.add_points(bigint, integer): none -> EXECUTE
GRANT EXECUTE ON ROUTINE public.add_points(bigint, integer) TO strata_golden_function_grant_app;

-- ~ privileges of strata_golden_function_grant_app on function public.reset_points(bigint): none -> EXECUTE (grantable)
GRANT EXECUTE ON ROUTINE public.reset_points(bigint) TO strata_golden_function_grant_app WITH GRANT OPTION;
