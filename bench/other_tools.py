#!/usr/bin/env python3
"""Opt-in: times @pgkit/migra and Alembic beside `strata diff` on the schemas
bench/user_commands.py uses, for comparison. Strata never depends on either;
this script only runs when they are installed:

  MIGRA       the migra command of @pgkit/migra 0.6.1 (npm install @pgkit/migra@0.6.1;
              default: migra on PATH)
  ALEMBIC     set to 1 to time Alembic's comparison (Debian's python3-alembic with
              python3-psycopg2): bench/alembic_compare.py runs what `alembic check`
              runs (autogenerate's produce_migrations against the database, exit 1
              on a difference); Debian's Alembic 1.8.1 has no `check` command (1.9)
  STRATA      the strata binary (default build/strata)
  BENCH_SIZES, RUNS, BENCH_URL   as for user_commands.py

For each size, two databases get the generated schema (generate_schema.py N
through psql) and one stays empty; alternating RUNS times, each a whole process:
  strata diff     on A, with the matching YAML models (generate_schema.py --yaml N);
                  no revision files, so this is `check` without its revision checks
  migra no-op     migra A B --unsafe          (A and B hold the same schema)
  migra create    migra EMPTY B --unsafe      (the whole schema's script; as `create`)
  alembic check   on A, with SQLAlchemy models that are B's tables reflected first
                  (so the time includes reading B's catalog: hand-written models
                  would skip that part, not the comparison)
It prints each median and its ratio to `strata diff`'s.
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
from user_commands import ROOT, STRATA_YAML, Server, psql, run  # noqa: E402

def main():
    sizes = [int(s) for s in os.environ.get("BENCH_SIZES", "1000 5000 10000").split()]
    runs = int(os.environ.get("RUNS", "3"))
    migra = os.environ.get("MIGRA") or shutil.which("migra")
    alembic = os.environ.get("ALEMBIC") == "1"
    strata = os.path.abspath(os.environ.get("STRATA", os.path.join(ROOT, "build/strata")))
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
            proj = os.path.join(work, "project")
            os.makedirs(os.path.join(proj, "migrations"))
            subprocess.run([sys.executable, os.path.join(HERE, "generate_schema.py"), "--yaml",
                            os.path.join(proj, "schema"), str(n)], check=True)
            with open(os.path.join(proj, "strata.yaml"), "w") as f:
                f.write(STRATA_YAML % "schema")
            strata_env = dict(os.environ)
            strata_env["BENCH_DATABASE_URL"] = a
            strata_env.pop("DATABASE_URL", None)
            # (name, argv, env, cwd, accepted exit codes)
            commands = [("strata diff", [strata, "diff"], strata_env, proj, (0,))]
            if migra:
                commands.append(("migra no-op", [migra, a, b, "--unsafe"], None, None, (0, 2)))
                commands.append(("migra create", [migra, empty, b, "--unsafe"], None, None, (0, 2)))
            if alembic:
                # Debian's python3-alembic is a module of the system Python.
                commands.append(("alembic check", ["/usr/bin/python3", os.path.join(HERE, "alembic_compare.py"),
                                                   a, b], None, None, (0,)))
            times = {name: [] for name, *_ in commands}
            for _ in range(runs):
                for name, argv, env, cwd, ok in commands:
                    times[name].append(run(argv, env=env, cwd=cwd, ok=ok).wall)
            print("\n%d tables, load after: %s" % (n, os.getloadavg()))
            print("| command | median s | runs | / strata diff |")
            print("|---|---:|---|---:|")
            base = statistics.median(times["strata diff"])
            for name, *_ in commands:
                m = statistics.median(times[name])
                print("| %s | %.2f | %s | %.1f |" % (name, m, ", ".join("%.2f" % t for t in times[name]),
                                                   m / base))
            for db in ("other_a", "other_b", "other_empty"):
                server.drop(db)
            shutil.rmtree(work)
    finally:
        server.stop()


if __name__ == "__main__":
    main()
