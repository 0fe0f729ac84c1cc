-- + schema legacy
CREATE SCHEMA legacy;

-- + table legacy.old_things
-- WARNING: restores the structure only; up lost data: drops table legacy.old_things and its rows
CREATE TABLE legacy.old_things (
    id integer
);
