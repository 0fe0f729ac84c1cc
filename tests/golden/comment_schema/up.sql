-- ~ comment on schema app
COMMENT ON SCHEMA app IS 'Application data';
