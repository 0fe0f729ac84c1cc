#!/usr/bin/env python3
"""Times the commands users run on generated schemas of N tables, beside
pg_dump --schema-only and the catalog floor, and prints medians and ratios.

usage: bench/user_commands.py            (run by `make bench`)

Environment:
  BENCH_SIZES      table counts, e.g. "1000 5000" (default "1000 5000 10000")
  RUNS             alternating runs of the read-only commands per size (default 5)
  APPLY_RUNS       runs of apply and of psql -1 -f, each on a fresh database (default 3)
  CREATE_RUNS      runs of `strata create` from an empty database (default 1)
  CREATE_MAX_TABLES  sizes above this do not time create; their revision's up
                   file is `strata diff --sql` on an empty database (default: no limit)
  STRATA           the strata binary (default build/strata)
  BENCH_URL        a PostgreSQL server URL to use (default: a throwaway one,
                   started with scripts/test-postgres for the run)
  BENCH_KEEP       a folder to keep each size's project in (default: removed)

For each size: the YAML models (bench/generate_schema.py --yaml) in a project
folder; `strata create` on an empty database writes the revision; `strata
apply` of it and `psql -1 -f` of its up file alternate, each on a new empty
database; then, on the applied database (at head, matching the models), the
read-only commands alternate RUNS times (after one untimed strata check
that fills .strata/cache): the floor (psql running
bench/floor.sql), pg_dump --schema-only, strata check (no-op), strata check
with .strata/cache removed first (as a CI job without a kept cache runs it:
the revision files are validated and linted again), strata diff (no-op),
strata diff against models with 20 changes, strata validate. Each run is a
whole process (connection included); peak RSS and CPU come from wait4().
"""
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SCHEMAS = "{public,ops}"

STRATA_YAML = """database:
  url: ${BENCH_DATABASE_URL}
schemas: [public, ops]
paths:
  schema: %s
  migrations: migrations
  backups: backups
lock_wait: forever
logging:
  level: warn
"""


class Sample:
    def __init__(self, wall, cpu, rss_mb):
        self.wall, self.cpu, self.rss_mb = wall, cpu, rss_mb


def run(argv, env=None, cwd=None, ok=(0,), stdout=subprocess.DEVNULL):
    """Runs argv to completion; returns a Sample (wall s, child CPU s, peak RSS MB)."""
    start = time.monotonic()
    proc = subprocess.Popen(argv, env=env, cwd=cwd, stdout=stdout, stderr=subprocess.PIPE)
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.monotonic() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in ok:
        sys.stderr.write(err.decode(errors="replace"))
        raise SystemExit("failed (exit %d): %s" % (proc.returncode, " ".join(argv)))
    return Sample(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024.0)


def psql(url, *args):
    subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", url, *args], check=True,
                   stdout=subprocess.DEVNULL)


class Server:
    def __init__(self):
        self.dir = None
        url = os.environ.get("BENCH_URL")
        if not url:
            self.dir = tempfile.mkdtemp(prefix="strata-bench-pg.")
            env = dict(os.environ)
            # One transaction creates every table of a revision: room for its locks.
            env.setdefault("TEST_POSTGRES_OPTIONS",
                           "-c max_locks_per_transaction=1024 -c shared_buffers=256MB")
            url = subprocess.run([os.path.join(ROOT, "scripts/test-postgres"), "start", self.dir],
                                 check=True, capture_output=True, text=True, env=env).stdout.strip()
        self.base = url.rsplit("/", 1)[0]
        self.admin = url

    def url(self, db):
        return self.base + "/" + db

    def create(self, db):
        psql(self.admin, "-c", "DROP DATABASE IF EXISTS %s" % db, "-c", "CREATE DATABASE %s" % db)

    def drop(self, db):
        psql(self.admin, "-c", "DROP DATABASE IF EXISTS %s" % db)

    def stop(self):
        if self.dir:
            subprocess.run([os.path.join(ROOT, "scripts/test-postgres"), "stop", self.dir])


def median(samples, field):
    return statistics.median(getattr(s, field) for s in samples)


def bench_size(n, server, strata, runs, apply_runs, create_runs, create_max, keep):
    work = tempfile.mkdtemp(prefix="strata-bench-%d." % n)
    proj = os.path.join(work, "project")
    os.makedirs(os.path.join(proj, "migrations"))
    gen = os.path.join(HERE, "generate_schema.py")
    subprocess.run([sys.executable, gen, "--yaml", os.path.join(proj, "schema"), str(n)], check=True)
    subprocess.run([sys.executable, gen, "--yaml", os.path.join(proj, "schema20"), str(n),
                    "--changes", "20"], check=True)
    with open(os.path.join(proj, "strata.yaml"), "w") as f:
        f.write(STRATA_YAML % "schema")
    with open(os.path.join(proj, "strata20.yaml"), "w") as f:
        f.write(STRATA_YAML % "schema20")
    model_bytes = sum(os.path.getsize(os.path.join(proj, "schema", p))
                      for p in os.listdir(os.path.join(proj, "schema")))

    def strata_env(db):
        env = dict(os.environ)
        env["BENCH_DATABASE_URL"] = server.url(db)
        env.pop("DATABASE_URL", None)
        return env

    results = {}
    migrations = os.path.join(proj, "migrations")
    # create from empty: the whole schema (proof included)
    samples = []
    for k in range(create_runs if n <= create_max else 0):
        for f in os.listdir(migrations):
            os.remove(os.path.join(migrations, f))
        server.create("bench_create")
        samples.append(run([strata, "create", "initial schema"], env=strata_env("bench_create"),
                           cwd=proj))
        server.drop("bench_create")
    results["create"] = samples
    if not samples:
        # create not timed at this size: the same up file from `diff --sql`
        # on an empty database, under the header of an empty revision.
        server.create("bench_create")
        run([strata, "create", "--empty", "initial schema"], env=strata_env("bench_create"),
            cwd=proj)
        up_sql = subprocess.run([strata, "diff", "--sql"], env=strata_env("bench_create"), cwd=proj,
                                check=True, capture_output=True, text=True).stdout
        server.drop("bench_create")
        up_name = [f for f in os.listdir(migrations) if f.endswith(".up.sql")][0]
        with open(os.path.join(migrations, up_name)) as f:
            header = "".join(line for line in f if line.startswith("--"))
        with open(os.path.join(migrations, up_name), "w") as f:
            f.write(header + "\n" + up_sql)
    up = [f for f in os.listdir(migrations) if f.endswith(".up.sql")]
    if len(up) != 1:
        raise SystemExit("expected one revision in %s" % migrations)
    up_file = os.path.join(migrations, up[0])
    up_bytes = os.path.getsize(up_file)

    # apply against psql -1 -f of the same up file, alternating, fresh databases
    results["apply"], results["psql"] = [], []
    for k in range(apply_runs):
        server.create("bench_psql")
        results["psql"].append(run(["psql", "-X", "-q", "-1", "-v", "ON_ERROR_STOP=1", "-f",
                                    up_file, server.url("bench_psql")]))
        server.drop("bench_psql")
        server.create("bench_head")
        results["apply"].append(run([strata, "apply"], env=strata_env("bench_head"), cwd=proj))
        if k + 1 < apply_runs:
            server.drop("bench_head")
    psql(server.url("bench_head"), "-c", "VACUUM ANALYZE")

    # the read-only commands, alternating, on the database at head
    env = strata_env("bench_head")
    url = server.url("bench_head")
    commands = [
        ("floor", ["psql", "-X", "-q", "-v", "schemas=" + SCHEMAS, "-f",
                   os.path.join(HERE, "floor.sql"), url], None, (0,)),
        ("pg_dump", ["pg_dump", "--schema-only", "-f", os.devnull, url], None, (0,)),
        ("check", [strata, "check"], env, (0,)),
        # as CI runs it: no .strata/cache kept from an earlier run
        ("check-cold", [strata, "check"], env, (0,)),
        ("diff", [strata, "diff"], env, (0,)),
        ("diff20", [strata, "-c", "strata20.yaml", "diff"], env, (0, 1)),
        ("validate", [strata, "validate"], env, (0,)),
    ]
    for name, *_ in commands:
        results[name] = []
    # One check, untimed, as any earlier run would have left: `check` is then
    # timed with its revision cache kept, `check-cold` without it.
    run([strata, "check"], env=env, cwd=proj)
    for k in range(runs):
        for name, argv, e, ok in commands:
            if name == "check-cold":
                shutil.rmtree(os.path.join(proj, ".strata", "cache"), ignore_errors=True)
            results[name].append(run(argv, env=e, cwd=proj, ok=ok))
    server.drop("bench_head")
    if keep:
        shutil.copytree(proj, os.path.join(keep, "project_%d" % n), dirs_exist_ok=True)
    shutil.rmtree(work)
    return results, model_bytes, up_bytes


def main():
    sizes = [int(s) for s in os.environ.get("BENCH_SIZES", "1000 5000 10000").split()]
    runs = int(os.environ.get("RUNS", "5"))
    apply_runs = int(os.environ.get("APPLY_RUNS", "3"))
    create_runs = int(os.environ.get("CREATE_RUNS", "1"))
    create_max = int(os.environ.get("CREATE_MAX_TABLES", "1000000"))
    strata = os.path.abspath(os.environ.get("STRATA", os.path.join(ROOT, "build/strata")))
    keep = os.environ.get("BENCH_KEEP")
    if not os.access(strata, os.X_OK):
        raise SystemExit("missing %s (build target strata)" % strata)
    server = Server()
    try:
        version = subprocess.run(["psql", "-X", "-At", server.admin, "-c", "SHOW server_version"],
                                 capture_output=True, text=True, check=True).stdout.strip()
        with open("/proc/meminfo") as f:
            mem = int(f.readline().split()[1]) / 1048576
        print("machine: %d cores, %.0f GB, PostgreSQL %s; load before: %s"
              % (os.cpu_count(), mem, version, os.getloadavg()))
        print("medians of %d alternating runs (apply and psql: %d each, create: %d)"
              % (runs, apply_runs, create_runs))
        summary = []
        for n in sizes:
            t0 = time.monotonic()
            res, model_bytes, up_bytes = bench_size(n, server, strata, runs, apply_runs,
                                                    create_runs, create_max, keep)
            m = {k: median(v, "wall") if v else float("nan") for k, v in res.items()}
            print("\n%d tables (models %.1f MB, up file %.1f MB), %.0f s, load after: %s"
                  % (n, model_bytes / 1e6, up_bytes / 1e6, time.monotonic() - t0,
                     os.getloadavg()))
            print("| command | median s | CPU s | peak RSS MB | / floor | / pg_dump | other |")
            print("|---|---:|---:|---:|---:|---:|---|")
            for name in ["floor", "pg_dump", "check", "check-cold", "diff", "diff20", "validate", "psql",
                         "apply", "create"]:
                other = ""
                if name == "apply":
                    other = "%.2f× psql -1 -f" % (m["apply"] / m["psql"])
                if name == "create":
                    other = "%.2f× psql -1 -f" % (m["create"] / m["psql"])
                if not res[name]:
                    print("| %s | not timed | | | | | |" % name)
                    continue
                print("| %s | %.3f | %.3f | %.1f | %.2f | %.2f | %s |"
                      % (name, m[name], median(res[name], "cpu"),
                         max(s.rss_mb for s in res[name]), m[name] / m["floor"],
                         m[name] / m["pg_dump"], other))
            summary.append((n, m, max(s.rss_mb for s in res["check"] + res["check-cold"])))
        print("\nGoals (ratios of medians in this run)")
        print("| tables | check/floor ≤2 | check/pg_dump ≤0.5 | cold check/floor | diff/floor ≤1.5"
              " | check RSS MB | apply/psql ≤1.2 | create/psql ≤2 | validate s ≤1 |")
        print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for n, m, rss in summary:
            print("| %d | %.2f | %.2f | %.2f | %.2f | %.0f | %.2f | %.2f | %.3f |"
                  % (n, m["check"] / m["floor"], m["check"] / m["pg_dump"],
                     m["check-cold"] / m["floor"],
                     m["diff"] / m["floor"], rss, m["apply"] / m["psql"],
                     m["create"] / m["psql"], m["validate"]))
    finally:
        server.stop()


if __name__ == "__main__":
    main()
