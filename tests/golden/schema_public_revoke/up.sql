-- ~ privileges of public on schema public: USAGE -> none
REVOKE USAGE ON SCHEMA public FROM PUBLIC;

-- ~ privileges of strata_golden_schema_public_revoke_app on schema public: none -> USAGE
GRANT USAGE ON SCHEMA public TO strata_golden_schema_public_revoke_app;
