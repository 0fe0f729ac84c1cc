-- ~ extension pg_trgm: version 1.6 -> 1.5
DROP EXTENSION pg_trgm;
CREATE EXTENSION pg_trgm WITH SCHEMA public VERSION '1.5';
