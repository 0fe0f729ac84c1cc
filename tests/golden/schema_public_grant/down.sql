-- ~ privileges of public on schema public: CREATE, USAGE -> USAGE
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
