-- ~ privileges of strata_golden_function_grant_app on function public.reset_points(bigint): EXECUTE (grantable) -> none
REVOKE EXECUTE ON ROUTINE public.reset_points(bigint) FROM strata_golden_function_grant_app;

-- ~ privileges of strata_golden_function_grant_app on function public.add_points(bigint, integer): EXECUTE -> none
REVOKE EXECUTE ON ROUTINE public.add_points(bigint, integer) FROM strata_golden_function_grant_app;

-- - procedure public.reset_points(bigint)
DROP PROCEDURE public.reset_points(bigint);
