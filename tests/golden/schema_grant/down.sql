-- ~ privileges of strata_golden_schema_grant_writer on schema app: CREATE, USAGE -> none
REVOKE CREATE, USAGE ON SCHEMA app FROM strata_golden_schema_grant_writer;

-- ~ privileges of strata_golden_schema_grant_reader on schema app: USAGE (grantable) -> none
REVOKE USAGE ON SCHEMA app FROM strata_golden_schema_grant_reader;
