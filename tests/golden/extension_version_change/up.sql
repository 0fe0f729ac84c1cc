-- ~ extension pg_trgm: version 1.5 -> 1.6
ALTER EXTENSION pg_trgm UPDATE TO '1.6';
