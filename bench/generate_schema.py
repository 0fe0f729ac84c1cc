#!/usr/bin/env python3
"""Writes the DDL of an N-table schema to stdout, for the introspection benchmark.

usage: generate_schema.py N

The tables vary the way application schemas do: serial, bigserial and
identity keys; text, varchar, numeric, timestamptz, jsonb, array and enum
columns with defaults; CHECK constraints; foreign keys to earlier tables
(some deferrable, with ON DELETE actions); unique constraints; plain,
descending, partial, expression and INCLUDE indexes; comments. A quarter of
the tables live in a second schema. The output is deterministic for a given N.
"""
import sys

ENUMS = 8


def table_name(i):
    return ("ops" if i % 4 == 3 else "public") + ".t%05d" % i


def main():
    n = int(sys.argv[1])
    out = sys.stdout
    out.write("SET client_min_messages = warning;\nCREATE SCHEMA ops;\n")
    for e in range(ENUMS):
        labels = ", ".join("'s%d_%d'" % (e, k) for k in range(3 + e % 4))
        out.write("CREATE TYPE public.state_%d AS ENUM (%s);\n" % (e, labels))
    out.write("BEGIN;\n")
    for i in range(n):
        t = table_name(i)
        key = ["id serial PRIMARY KEY", "id bigserial PRIMARY KEY",
               "id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY"][i % 3]
        e = i % ENUMS
        cols = [
            key,
            "name varchar(100) NOT NULL DEFAULT ''",
            "state public.state_%d NOT NULL DEFAULT 's%d_0'" % (e, e),
            "amount numeric(12,2) CHECK (amount >= 0)",
            "created_at timestamptz NOT NULL DEFAULT now()",
            "tags text[] DEFAULT '{}'",
            "data jsonb NOT NULL DEFAULT '{}'::jsonb",
        ]
        if i % 2 == 0:
            cols.append("note text COLLATE \"C\"")
        if i > 0:
            cols.append("parent_id bigint REFERENCES %s ON DELETE CASCADE" % table_name(i - 1))
        if i > 1 and i % 3 == 0:
            cols.append("other_id bigint REFERENCES %s DEFERRABLE INITIALLY DEFERRED"
                        % table_name(i // 2))
        if i % 5 == 0:
            cols.append("UNIQUE (name, state)")
        if i % 7 == 0:
            cols.append("CONSTRAINT t%05d_window CHECK (created_at > '2000-01-01')" % i)
        out.write("CREATE TABLE %s (\n  %s\n);\n" % (t, ",\n  ".join(cols)))
        out.write("CREATE INDEX ON %s (created_at DESC);\n" % t)
        if i % 3 == 0:
            out.write("CREATE INDEX ON %s (state) WHERE amount > 0;\n" % t)
        if i % 4 == 0:
            out.write("CREATE INDEX ON %s (lower(name)) INCLUDE (amount);\n" % t)
        if i % 2 == 1:
            out.write("COMMENT ON TABLE %s IS 'table %d';\n" % (t, i))
            out.write("COMMENT ON COLUMN %s.name IS 'name of %d';\n" % (t, i))
        if i % 1000 == 999:
            out.write("COMMIT;\nBEGIN;\n")
    out.write("COMMIT;\n")


if __name__ == "__main__":
    main()
