-- ~ privileges of public on schema public: USAGE -> CREATE, USAGE
GRANT CREATE ON SCHEMA public TO PUBLIC;
