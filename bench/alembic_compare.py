#!/usr/bin/env python3
"""usage: alembic_compare.py DATABASE_URL MODELS_URL

What `alembic check` (Alembic 1.9 and later) runs, for Debian's Alembic 1.8.1,
which has no `check` command: SQLAlchemy models (here MODELS_URL's tables in
schemas public and ops, reflected first, standing in for hand-written models)
compared with DATABASE_URL by autogenerate's produce_migrations. Prints the
differences and exits 1 when there are any, 0 when there are none.
"""
import sys
import threading

from alembic.autogenerate import produce_migrations
from alembic.migration import MigrationContext
from sqlalchemy import MetaData, create_engine

SCHEMAS = ("public", "ops")
# Alembic names the connection's default schema (public) None.
REFLECTED = (None, "ops")


def engine(url):
    return create_engine(url.replace("postgresql://", "postgresql+psycopg2://", 1))


def include_name(name, type_, parent_names):
    return type_ != "schema" or name in SCHEMAS or name is None


def main():
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    target = MetaData()
    models = engine(sys.argv[2])
    with models.connect() as connection:
        for schema in REFLECTED:
            target.reflect(bind=connection, schema=schema)
    with engine(sys.argv[1]).connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"target_metadata": target, "include_schemas": True,
                              "include_name": include_name})
        script = produce_migrations(context, target)
        if not script.upgrade_ops.is_empty():
            for op in script.upgrade_ops.as_diffs():
                print(op)
            sys.exit(1)


def run_deep():
    # SQLAlchemy orders tables by their foreign keys recursively: a chain of
    # thousands of tables needs a deeper stack than Python's default.
    sys.setrecursionlimit(200000)
    threading.stack_size(1024 * 1024 * 1024)
    outcome = {}

    def body():
        try:
            main()
        except SystemExit as e:
            outcome["exit"] = e.code

    t = threading.Thread(target=body)
    t.start()
    t.join()
    sys.exit(outcome.get("exit", 0))


if __name__ == "__main__":
    run_deep()
