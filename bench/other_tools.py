#!/usr/bin/env python3
"""Opt-in: times @pgkit/migra and Alembic on the schemas bench/user_commands.py
uses, for comparison. Strata never depends on either; this script only runs
when they are installed:

  MIGRA       the migra command of @pgkit/migra 0.6.1 (npm install @pgkit/migra@0.6.1;
              default: migra on PATH)
  ALEMBIC     set to 1 to time `alembic check` (Alembic 1.9 or later: `check` is new there;
              with psycopg2)
  BENCH_SIZES, RUNS, BENCH_URL   as for user_commands.py

For each size, two databases get the generated schema (generate_schema.py N
through psql) and one stays empty; alternating RUNS times:
  migra no-op     migra A B --unsafe          (A and B hold the same schema; as `check`)
  migra create    migra EMPTY B --unsafe      (the whole schema's script; as `create`)
  alembic check   on A, with SQLAlchemy models that are B's tables reflected when the
                  env.py loads (so the time includes reading B's catalog: hand-written
                  models would skip that part, not the comparison)
Each figure is the median wall time of the whole process.
"""
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from user_commands import Server, psql, run  # noqa: E402

ENV_PY = '''
from alembic import context
from sqlalchemy import MetaData, create_engine

target = MetaData()
engine = create_engine(context.config.get_main_option("models_url"))
for schema in ("public", "ops"):
    target.reflect(bind=engine, schema=schema)

def include_name(name, type_, parent_names):
    return type_ != "schema" or name in ("public", "ops")

connectable = create_engine(context.config.get_main_option("sqlalchemy.url"))
with connectable.connect() as connection:
    context.configure(connection=connection, target_metadata=target, include_schemas=True,
                      include_name=include_name)
    with context.begin_transaction():
        context.run_migrations()
'''


def alembic_project(folder, url, models_url):
    os.makedirs(os.path.join(folder, "versions"))
    with open(os.path.join(folder, "env.py"), "w") as f:
        f.write(ENV_PY)
    with open(os.path.join(folder, "script.py.mako"), "w") as f:
        f.write("")
    ini = os.path.join(folder, "alembic.ini")
    with open(ini, "w") as f:
        f.write("[alembic]\nscript_location = %s\nsqlalchemy.url = %s\nmodels_url = %s\n"
                % (folder, url.replace("postgresql://", "postgresql+psycopg2://"),
                   models_url.replace("postgresql://", "postgresql+psycopg2://")))
    return ini


def main():
    sizes = [int(s) for s in os.environ.get("BENCH_SIZES", "1000 5000 10000").split()]
    runs = int(os.environ.get("RUNS", "3"))
    migra = os.environ.get("MIGRA") or shutil.which("migra")
    alembic = os.environ.get("ALEMBIC") == "1"
    if not migra and not alembic:
        raise SystemExit("neither MIGRA nor ALEMBIC=1: nothing to time")
    server = Server()
    try:
        print("load before: %s" % (os.getloadavg(),))
        for n in sizes:
            work = tempfile.mkdtemp(prefix="strata-other-%d." % n)
            sql = os.path.join(work, "schema.sql")
            with open(sql, "w") as f:
                subprocess.run([sys.executable, os.path.join(HERE, "generate_schema.py"), str(n)],
                               stdout=f, check=True)
            for db in ("other_a", "other_b", "other_empty"):
                server.create(db)
            for db in ("other_a", "other_b"):
                psql(server.url(db), "-f", sql)
                psql(server.url(db), "-c", "VACUUM ANALYZE")
            a, b, empty = (server.url(d) for d in ("other_a", "other_b", "other_empty"))
            commands = []
            if migra:
                commands.append(("migra no-op", [migra, a, b, "--unsafe"], (0, 2)))
                commands.append(("migra create", [migra, empty, b, "--unsafe"], (0, 2)))
            if alembic:
                ini = alembic_project(os.path.join(work, "alembic"), a, b)
                # Debian's python3-alembic is a module of the system Python.
                cmd = [shutil.which("alembic")] if shutil.which("alembic") else ["/usr/bin/python3", "-m", "alembic"]
                commands.append(("alembic check", cmd + ["-c", ini, "check"], (0, 1)))
            times = {name: [] for name, _, _ in commands}
            for _ in range(runs):
                for name, argv, ok in commands:
                    times[name].append(run(argv, ok=ok).wall)
            print("\n%d tables, load after: %s" % (n, os.getloadavg()))
            print("| command | median s | runs |")
            print("|---|---:|---|")
            for name, _, _ in commands:
                print("| %s | %.2f | %s |" % (name, statistics.median(times[name]),
                                           ", ".join("%.2f" % t for t in times[name])))
            for db in ("other_a", "other_b", "other_empty"):
                server.drop(db)
            shutil.rmtree(work)
    finally:
        server.stop()


if __name__ == "__main__":
    main()
