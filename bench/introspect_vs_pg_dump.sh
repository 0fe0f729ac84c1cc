#!/usr/bin/env bash
# Times Strata's introspection against pg_dump --schema-only on generated
# schemas of N tables, on a throwaway PostgreSQL started for the run.
#
#   bench/introspect_vs_pg_dump.sh [N ...]        (default: 1000 5000 10000)
#
# BENCH_INTROSPECT   the bench_introspect binary (default: build/bench/bench_introspect)
# RUNS               timed runs of each tool per size, best one reported (default 3)
# ROUTINES=1         give every table 2 functions and 2 triggers as well
#                    (generate_schema.py --routines)
#
# For each N: generate the schema (bench/generate_schema.py), load it with
# psql, then alternate bench_introspect and pg_dump RUNS times each on the same
# database, and print the best wall times (whole process, connection
# included, measured the same way for both), their ratio and peak memory.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
bench=${BENCH_INTROSPECT:-$root/build/bench/bench_introspect}
runs=${RUNS:-3}
routines=()
[ "${ROUTINES:-0}" = 1 ] && routines=(--routines)
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 5000 10000)
[ -x "$bench" ] || { echo "missing $bench (build target bench_introspect)" >&2; exit 2; }

dir=$(mktemp -d /tmp/strata-bench-pg.XXXXXX)
trap '"$root/scripts/test-postgres" stop "$dir"; rm -f "$dir.sql"' EXIT
url=$("$root/scripts/test-postgres" start "$dir")
base=${url%/postgres}

now() { date +%s.%N; }
best() { printf '%s\n' "$@" | sort -g | head -1; }

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo)," \
     "$(psql -X -At "$url" -c 'SHOW server_version')"
[ ${#routines[@]} -eq 0 ] || echo "each table with 2 functions and 2 triggers"
printf '%8s %10s %12s %12s %8s %14s %14s\n' tables load_s strata_s pg_dump_s ratio strata_rss_mb pg_dump_rss_mb
for n in "${sizes[@]}"; do
  db="bench_$n"
  psql -X -q "$url" -c "CREATE DATABASE $db" >/dev/null
  python3 "$here/generate_schema.py" "$n" "${routines[@]}" >"$dir.sql"
  t0=$(now)
  psql -X -q -v ON_ERROR_STOP=1 "$base/$db" -f "$dir.sql" >/dev/null
  load=$(echo "$(now) - $t0" | bc)
  strata_times=(); dump_times=(); strata_rss=0; dump_rss=0
  for ((i = 0; i < runs; i++)); do
    t0=$(now)
    line=$("$bench" "$base/$db")
    strata_times+=("$(echo "$(now) - $t0" | bc)")
    strata_rss=$(sed -E 's/.*peak_rss_mb=([0-9.]+).*/\1/' <<<"$line")
    t0=$(now)
    rss=$( { /usr/bin/time -f '%M' pg_dump --schema-only "$base/$db" >/dev/null; } 2>&1 | tail -1)
    dump_times+=("$(echo "$(now) - $t0" | bc)")
    dump_rss=$(echo "scale=1; $rss / 1024" | bc)
  done
  s=$(best "${strata_times[@]}"); d=$(best "${dump_times[@]}")
  printf '%8d %10.1f %12.3f %12.3f %8.2f %14s %14s\n' "$n" "$load" "$s" "$d" \
    "$(echo "scale=4; $s / $d" | bc)" "$strata_rss" "$dump_rss"
  echo "  strata runs: ${strata_times[*]}; pg_dump runs: ${dump_times[*]}; last: $line"
  psql -X -q "$url" -c "DROP DATABASE $db" >/dev/null
done
