-- ~ comment on schema app removed
COMMENT ON SCHEMA app IS NULL;
