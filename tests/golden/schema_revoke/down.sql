-- ~ privileges of strata_golden_schema_revoke_writer on schema app: USAGE -> CREATE, USAGE
GRANT CREATE ON SCHEMA app TO strata_golden_schema_revoke_writer;

-- ~ privileges of strata_golden_schema_revoke_reader on schema app: none -> USAGE (grantable)
GRANT USAGE ON SCHEMA app TO strata_golden_schema_revoke_reader WITH GRANT OPTION;
