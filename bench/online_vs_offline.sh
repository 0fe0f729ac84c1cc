#!/usr/bin/env bash
# The longest insert stall while a revision runs: offline (plain DDL in one
# transaction) against online (the forms of docs/REVISIONS.md, in steps), on
# a throwaway PostgreSQL started for the run.
#
#   bench/online_vs_offline.sh
#
# STRATA        the strata binary (default: build/strata)
# ROWS          rows in the table (default 1000000)
# LOCK_TIMEOUT  lock_timeout of the run (default 2s)
#
# Both runs start from the same table, t(id, parent_id, qty, note) with ROWS
# rows and a parent table of 1,000 rows, in a database of their own. One
# session inserts into t without pause (one psql fed INSERTs, each statement
# timed with \timing) while a revision adds an index on t.note, a foreign key
# t.parent_id -> parent.id, a check on t.qty and NOT NULL on t.qty:
#   offline: CREATE INDEX, ADD FOREIGN KEY, ADD CHECK, SET NOT NULL, one
#            transaction, run by `strata apply`;
#   online:  CREATE INDEX CONCURRENTLY (after DROP INDEX CONCURRENTLY IF
#            EXISTS), ADD FOREIGN KEY / CHECK NOT VALID, each VALIDATE in its
#            own transaction, SET NOT NULL through a validated
#            CHECK (qty IS NOT NULL), in `-- strata:step` steps.
# The online revision runs through `strata apply` when the binary runs steps
# (its `apply --sql` puts the concurrent build outside BEGIN ... COMMIT);
# otherwise step by step with psql (a no-transaction step statement by
# statement, a transaction step with --single-transaction, all under
# LOCK_TIMEOUT), then `strata stamp` records it. The script says which.
# It prints, per run, the revision's duration, the inserts made and the
# longest and 99th-percentile insert times. The figure to reach: the online
# stall at most LOCK_TIMEOUT; the offline one about the whole revision.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
strata=${STRATA:-$root/build/strata}
rows=${ROWS:-1000000}
lock_timeout=${LOCK_TIMEOUT:-2s}
[ -x "$strata" ] || { echo "missing $strata (build target strata)" >&2; exit 2; }
strata=$(cd "$(dirname "$strata")" && pwd)/$(basename "$strata")

dir=$(mktemp -d "${TMPDIR:-/tmp}/strata-bench-pg.XXXXXX")
work=$(mktemp -d "${TMPDIR:-/tmp}/strata-bench-online.XXXXXX")
trap '"$root/scripts/test-postgres" stop "$dir"; rm -rf "$work"' EXIT
url=$("$root/scripts/test-postgres" start "$dir")
base=${url%/postgres}

now() { date +%s.%N; }

# Writes a project in $1 whose first revision creates and the second changes
# the tables; $2 is "offline" or "online".
write_project() {
  local project=$1 mode=$2
  mkdir -p "$project/migrations"
  printf 'database:\n  url: ${DATABASE_URL}\nschemas: [public]\nlock_timeout: %s\n' "$lock_timeout" \
    >"$project/strata.yaml"
  cat >"$project/migrations/20260101000000_tables.up.sql" <<'SQL'
-- strata:revision 20260101000000
-- strata:parent   none
-- strata:message  Tables
-- changes: written by hand
-- hazards: review by hand

CREATE TABLE public.parent (id bigint PRIMARY KEY);
CREATE TABLE public.t (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    parent_id bigint,
    qty integer,
    note text
);
SQL
  printf 'DROP TABLE public.t;\nDROP TABLE public.parent;\n' >"$project/migrations/20260101000000_tables.down.sql"
  local up="$project/migrations/20260102000000_constraints.up.sql"
  cat >"$up" <<'SQL'
-- strata:revision 20260102000000
-- strata:parent   20260101000000
-- strata:message  Constraints
-- changes: written by hand
-- hazards: review by hand
SQL
  if [ "$mode" = offline ]; then
    cat >>"$up" <<'SQL'
-- strata:allow blocks-writes

CREATE INDEX t_note_idx ON public.t (note);
ALTER TABLE public.t ADD CONSTRAINT t_parent_id_fkey FOREIGN KEY (parent_id) REFERENCES public.parent (id);
ALTER TABLE public.t ADD CONSTRAINT t_qty_check CHECK (qty >= 0);
ALTER TABLE public.t ALTER COLUMN qty SET NOT NULL;
SQL
  else
    cat >>"$up" <<'SQL'
-- strata:step no-transaction
DROP INDEX CONCURRENTLY IF EXISTS public.t_note_idx;
CREATE INDEX CONCURRENTLY t_note_idx ON public.t (note);
-- strata:step transaction
ALTER TABLE public.t ADD CONSTRAINT t_parent_id_fkey FOREIGN KEY (parent_id) REFERENCES public.parent (id) NOT VALID;
ALTER TABLE public.t ADD CONSTRAINT t_qty_check CHECK (qty >= 0) NOT VALID;
ALTER TABLE public.t ADD CONSTRAINT t_qty_not_null CHECK (qty IS NOT NULL) NOT VALID;
-- strata:step transaction
ALTER TABLE public.t VALIDATE CONSTRAINT t_parent_id_fkey;
-- strata:step transaction
ALTER TABLE public.t VALIDATE CONSTRAINT t_qty_check;
-- strata:step transaction
ALTER TABLE public.t VALIDATE CONSTRAINT t_qty_not_null;
-- strata:step transaction
ALTER TABLE public.t ALTER COLUMN qty SET NOT NULL;
ALTER TABLE public.t DROP CONSTRAINT t_qty_not_null;
SQL
  fi
  cat >"$project/migrations/20260102000000_constraints.down.sql" <<'SQL'
ALTER TABLE public.t ALTER COLUMN qty DROP NOT NULL;
ALTER TABLE public.t DROP CONSTRAINT t_qty_check;
ALTER TABLE public.t DROP CONSTRAINT t_parent_id_fkey;
DROP INDEX public.t_note_idx;
SQL
}

# True when `strata apply --sql` runs the concurrent build outside a
# transaction: the binary splits the revision into its steps.
applies_steps() {
  local project=$1 inside=0 line
  while IFS= read -r line; do
    case "$line" in
      BEGIN*) inside=1 ;;
      COMMIT*) inside=0 ;;
      "CREATE INDEX CONCURRENTLY"*) [ "$inside" = 0 ] && return 0 || return 1 ;;
    esac
  done < <(cd "$project" && DATABASE_URL=unused "$strata" -q apply --sql --from 20260101000000 2>/dev/null)
  return 1
}

# Runs the online revision with psql, step by step, then stamps it.
apply_with_psql() {
  local project=$1 db_url=$2 file="$project/migrations/20260102000000_constraints.up.sql"
  local step_dir="$work/steps" n=0 mode="" line
  rm -rf "$step_dir"
  mkdir -p "$step_dir"
  while IFS= read -r line; do
    case "$line" in
      "-- strata:step no-transaction") n=$((n + 1)); mode=no-transaction; echo "$mode" >"$step_dir/$n.mode" ;;
      "-- strata:step transaction") n=$((n + 1)); mode=transaction; echo "$mode" >"$step_dir/$n.mode" ;;
      *) [ "$n" -gt 0 ] && printf '%s\n' "$line" >>"$step_dir/$n.sql" ;;
    esac
  done <"$file"
  for ((i = 1; i <= n; i++)); do
    local single=()
    [ "$(cat "$step_dir/$i.mode")" = transaction ] && single=(--single-transaction)
    PGOPTIONS="-c lock_timeout=$lock_timeout -c client_min_messages=warning" psql -X -q -v ON_ERROR_STOP=1 "${single[@]}" "$db_url" \
      -f "$step_dir/$i.sql" >/dev/null
  done
  (cd "$project" && DATABASE_URL="$db_url" "$strata" -q stamp 20260102000000 >/dev/null)
}

# Inserts into t until $1 exists; each statement's time (ms) goes to $2.
inserter() {
  local stop=$1 out=$2 db_url=$3
  {
    echo '\timing on'
    while [ ! -e "$stop" ]; do
      for _ in $(seq 50); do
        echo "INSERT INTO public.t (parent_id, qty, note) VALUES (1 + (random() * 999)::int, 1, md5(random()::text));"
      done
    done
  } | psql -X -q "$db_url" 2>&1 | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' >"$out"
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo)," \
     "load before $(cut -d' ' -f1-3 /proc/loadavg), $(psql -X -At "$url" -c 'SHOW server_version')," \
     "$rows rows, lock_timeout $lock_timeout"
printf '%-8s %-28s %10s %9s %12s %12s\n' run applied_by revision_s inserts max_stall_ms p99_ms
for mode in offline online; do
  project="$work/$mode"
  write_project "$project" "$mode"
  psql -X -q "$url" -c "CREATE DATABASE bench_$mode" >/dev/null
  db_url="$base/bench_$mode"
  (cd "$project" && DATABASE_URL="$db_url" "$strata" -q apply 20260101000000 >/dev/null)
  psql -X -q "$db_url" \
    -c "INSERT INTO public.parent SELECT g FROM generate_series(1, 1000) g" \
    -c "INSERT INTO public.t (parent_id, qty, note) SELECT 1 + g % 1000, g % 100, md5(g::text) FROM generate_series(1, $rows) g" \
    -c "VACUUM ANALYZE public.t" -c "CHECKPOINT" >/dev/null

  stop="$work/$mode.stop"
  times="$work/$mode.times"
  inserter "$stop" "$times" "$db_url" &
  feeder=$!
  sleep 2
  t0=$(now)
  if [ "$mode" = offline ]; then
    by="strata apply"
    (cd "$project" && DATABASE_URL="$db_url" "$strata" -q apply >/dev/null)
  elif applies_steps "$project"; then
    by="strata apply (steps)"
    (cd "$project" && DATABASE_URL="$db_url" "$strata" -q apply >/dev/null)
  else
    by="psql per step + strata stamp"
    apply_with_psql "$project" "$db_url"
  fi
  took=$(echo "$(now) - $t0" | bc)
  sleep 2
  touch "$stop"
  wait "$feeder"
  [ "$(psql -X -At "$db_url" -c "SELECT count(*) FROM pg_constraint WHERE conname IN ('t_parent_id_fkey', 't_qty_check') AND convalidated")" = 2 ] ||
    { echo "$mode: the constraints are not there and valid" >&2; exit 1; }
  [ "$(psql -X -At "$db_url" -c "SELECT attnotnull FROM pg_attribute WHERE attrelid = 'public.t'::regclass AND attname = 'qty'")" = t ] ||
    { echo "$mode: qty is not NOT NULL" >&2; exit 1; }
  count=$(wc -l <"$times")
  max=$(sort -g "$times" | tail -1)
  p99=$(sort -g "$times" | awk '{a[NR]=$1} END {print a[int(NR*0.99)]}')
  printf '%-8s %-28s %10.2f %9d %12.1f %12.1f\n' "$mode" "$by" "$took" "$count" "$max" "$p99"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
