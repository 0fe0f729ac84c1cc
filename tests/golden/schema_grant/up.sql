-- ~ privileges of strata_golden_schema_grant_reader on schema app: none -> USAGE (grantable)
GRANT USAGE ON SCHEMA app TO strata_golden_schema_grant_reader WITH GRANT OPTION;

-- ~ privileges of strata_golden_schema_grant_writer on schema app: none -> CREATE, USAGE
GRANT CREATE, USAGE ON SCHEMA app TO strata_golden_schema_grant_writer;
