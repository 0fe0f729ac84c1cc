#!/usr/bin/env python3
"""Writes an N-table application-like schema, as SQL or as Strata's YAML models.

usage: generate_schema.py N [--routines]          DDL on stdout (introspection bench);
                                                  with --routines, 2 functions and
                                                  2 triggers per table as well
       generate_schema.py --yaml DIR N [--changes K]
                                                  the same schema as YAML models in DIR
                                                  (schema/*.yaml); with --changes, K
                                                  tables differ from it (for `diff`)

The tables vary the way application schemas do: serial, bigserial and
identity keys; text, varchar, numeric, timestamptz, jsonb, array and enum
columns with defaults (about 10 columns); CHECK constraints; foreign keys to
earlier tables (some deferrable, with ON DELETE actions); unique constraints;
descending, partial, expression and INCLUDE indexes; comments. A quarter of
the tables live in a second schema. With --routines (SQL only) each table
also gets a PL/pgSQL trigger function and an SQL function of its own, and two
triggers (a row trigger with a WHEN condition and UPDATE OF columns, and a
statement trigger with a transition table). The output is deterministic for a given N,
and the YAML models describe exactly what the SQL creates.
"""
import os
import sys

ENUMS = 8
TABLES_PER_FILE = 500


def schema_of(i):
    return "ops" if i % 4 == 3 else "public"


def short_name(i):
    return "t%05d" % i


def table_name(i):
    return schema_of(i) + "." + short_name(i)


def write_routines(i, out):
    """Two functions and two triggers of table i (the issue's 5,000-table case)."""
    t = table_name(i)
    s = schema_of(i) + "." + short_name(i)
    out.write("CREATE FUNCTION %s_touch() RETURNS trigger LANGUAGE plpgsql AS $$\n"
              "BEGIN\n  NEW.created_at := now();\n  RETURN NEW;\nEND\n$$;\n" % s)
    out.write("CREATE FUNCTION %s_total(p_amount numeric, p_rate numeric DEFAULT 1) "
              "RETURNS numeric LANGUAGE sql IMMUTABLE STRICT "
              "AS 'SELECT round(p_amount * p_rate, 2)';\n" % s)
    out.write("CREATE TRIGGER %s_touch BEFORE UPDATE OF name, amount ON %s FOR EACH ROW "
              "WHEN (old.* IS DISTINCT FROM new.*) EXECUTE FUNCTION %s_touch();\n"
              % (short_name(i), t, s))
    out.write("CREATE TRIGGER %s_audit AFTER INSERT ON %s REFERENCING NEW TABLE AS added "
              "FOR EACH STATEMENT EXECUTE FUNCTION %s_touch();\n" % (short_name(i), t, s))


def write_sql(n, out, routines=False):
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
        if routines:
            write_routines(i, out)
        if i % 1000 == 999:
            out.write("COMMIT;\nBEGIN;\n")
    out.write("COMMIT;\n")


def changed(i, n, changes):
    """Which change (0..3) table i carries in a model with `changes` changes, or None."""
    if changes <= 0:
        return None
    step = max(1, n // changes)
    if i % step != 0 or i // step >= changes:
        return None
    return (i // step) % 4


def table_yaml(i, change):
    s = short_name(i)
    e = i % ENUMS
    key = ["{type: serial, primary_key: true}", "{type: bigserial, primary_key: true}",
           "{type: bigint, identity: always, primary_key: true}"][i % 3]
    name_default = "'x'" if change == 1 else "''"
    lines = ["  %s:" % s]
    if i % 2 == 1:
        lines.append("    comment: table %d" % i)
    lines.append("    columns:")
    lines.append("      id: %s" % key)
    name = "{type: varchar(100), nullable: false, default: \"%s\"" % name_default
    if i % 2 == 1:
        name += ", comment: name of %d" % i
    lines.append("      name: %s}" % name)
    lines.append("      state: {type: public.state_%d, nullable: false, default: \"'s%d_0'\"}"
                 % (e, e))
    lines.append("      amount: {type: \"numeric(12,2)\", check: \"amount >= 0\"}")
    lines.append("      created_at: {type: timestamptz, nullable: false, default: now()}")
    lines.append("      tags: {type: \"text[]\", default: \"'{}'\"}")
    lines.append("      data: {type: jsonb, nullable: false, default: \"'{}'::jsonb\"}")
    if i % 2 == 0:
        lines.append("      note: {type: text, collation: \"C\"}")
    if i > 0:
        lines.append("      parent_id: {type: bigint, references: %s.id, on_delete: cascade}"
                     % table_name(i - 1))
    if i > 1 and i % 3 == 0:
        lines.append("      other_id: bigint")
    if change == 0:
        lines.append("      extra: {type: text, nullable: true}")
    if i % 5 == 0:
        lines.append("    unique: {%s_name_state_key: [name, state]}" % s)
    if i % 7 == 0:
        lines.append("    checks: {%s_window: \"created_at > '2000-01-01'\"}" % s)
    if i > 1 and i % 3 == 0:
        lines.append("    foreign_keys:")
        lines.append("      %s_other_id_fkey: {columns: [other_id], references: {table: %s, "
                     "columns: [id]}, deferrable: true, initially_deferred: true}"
                     % (s, table_name(i // 2)))
    lines.append("    indexes:")
    if change != 2:
        lines.append("      %s_created_at_idx: {columns: [{column: created_at, order: desc}]}" % s)
    if i % 3 == 0:
        lines.append("      %s_state_idx: {columns: [state], where: \"amount > 0\"}" % s)
    if i % 4 == 0:
        lines.append("      %s_lower_amount_idx: {expressions: [\"lower(name)\"], include: [amount]}" % s)
    if change == 3:
        lines.append("      %s_name_idx: {columns: [name]}" % s)
    return "\n".join(lines) + "\n"


def write_yaml(n, directory, changes):
    os.makedirs(directory, exist_ok=True)
    with open(os.path.join(directory, "types.yaml"), "w") as f:
        f.write("schema: public\nenums:\n")
        for e in range(ENUMS):
            labels = ", ".join("s%d_%d" % (e, k) for k in range(3 + e % 4))
            f.write("  state_%d: [%s]\n" % (e, labels))
    for first in range(0, n, TABLES_PER_FILE):
        for schema in ("public", "ops"):
            body = [table_yaml(i, changed(i, n, changes))
                    for i in range(first, min(n, first + TABLES_PER_FILE))
                    if schema_of(i) == schema]
            if not body:
                continue
            path = os.path.join(directory, "%s_%05d.yaml" % (schema, first // TABLES_PER_FILE))
            with open(path, "w") as f:
                f.write("schema: %s\ntables:\n" % schema)
                f.writelines(body)


def main():
    args = sys.argv[1:]
    if args and args[0] == "--yaml":
        if len(args) not in (3, 5) or (len(args) == 5 and args[3] != "--changes"):
            sys.exit("usage: generate_schema.py --yaml DIR N [--changes K]")
        write_yaml(int(args[2]), args[1], int(args[4]) if len(args) == 5 else 0)
    elif len(args) == 1 or (len(args) == 2 and args[1] == "--routines"):
        write_sql(int(args[0]), sys.stdout, routines=len(args) == 2)
    else:
        sys.exit("usage: generate_schema.py N [--routines] | --yaml DIR N [--changes K]")


if __name__ == "__main__":
    main()
