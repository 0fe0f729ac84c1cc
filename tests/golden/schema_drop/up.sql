-- - table legacy.old_things
-- WARNING: data loss: drops table legacy.old_things and its rows
DROP TABLE legacy.old_things;

-- - schema legacy
DROP SCHEMA legacy;
