-- ~ privileges of strata_golden_schema_revoke_reader on schema app: USAGE (grantable) -> none
REVOKE USAGE ON SCHEMA app FROM strata_golden_schema_revoke_reader;

-- ~ privileges of strata_golden_schema_revoke_writer on schema app: CREATE, USAGE -> USAGE
REVOKE CREATE ON SCHEMA app FROM strata_golden_schema_revoke_writer;
