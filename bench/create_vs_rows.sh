#!/usr/bin/env bash
# Times `strata create` for one added column on a table of 1, 100,000 and
# 2,000,000 rows, on a throwaway PostgreSQL started for the run.
#
#   bench/create_vs_rows.sh [ROWS ...]            (default: 1 100000 2000000)
#
# STRATA   the strata binary (default: build/strata)
# RUNS     timed runs per size, median reported (default 3)
#
# For each size: a project whose table t(id bigint, payload text) is created
# and applied by Strata, filled with ROWS rows, then the models add a column
# `token uuid DEFAULT gen_random_uuid()` (a volatile default: on a table with
# rows, PostgreSQL rewrites the table to fill it). `strata create --dry-run`
# is timed with the proof on a shadow database (the default), and, for
# contrast, as a role without CREATEDB, whose proof falls back to a
# rolled-back transaction on the database itself (rows included). It prints
# the medians and the ratio of each size to the first. The goal for the
# shadow proof: within 1.5x from 1 row to 2,000,000.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
strata=${STRATA:-$root/build/strata}
runs=${RUNS:-3}
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1 100000 2000000)
[ -x "$strata" ] || { echo "missing $strata (build target strata)" >&2; exit 2; }
strata=$(cd "$(dirname "$strata")" && pwd)/$(basename "$strata")

dir=$(mktemp -d /tmp/strata-bench-pg.XXXXXX)
work=$(mktemp -d /tmp/strata-bench-create.XXXXXX)
trap '"$root/scripts/test-postgres" stop "$dir"; rm -rf "$work"' EXIT
url=$("$root/scripts/test-postgres" start "$dir")
base=${url%/postgres}
host_part=${base#postgresql://postgres@}

now() { date +%s.%N; }
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

psql -X -q "$url" -c "CREATE ROLE bench_nocreatedb LOGIN NOCREATEDB" >/dev/null
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo)," \
     "load $(cut -d' ' -f1-3 /proc/loadavg), $(psql -X -At "$url" -c 'SHOW server_version')"
printf '%10s %12s %8s %14s %8s\n' rows shadow_s ratio in_place_s ratio
first_shadow=""
first_in_place=""
for n in "${sizes[@]}"; do
  db="bench_rows_$n"
  project="$work/$n"
  mkdir -p "$project/schema" "$project/migrations"
  psql -X -q "$url" -c "CREATE DATABASE $db OWNER bench_nocreatedb" >/dev/null
  psql -X -q "$base/$db" -c "ALTER SCHEMA public OWNER TO bench_nocreatedb" >/dev/null
  printf 'database:\n  url: ${DATABASE_URL}\nschemas: [public]\n' >"$project/strata.yaml"
  printf 'tables:\n  t:\n    columns:\n      id: {type: bigint, primary_key: true}\n      payload: text\n' \
    >"$project/schema/app.yaml"
  # Made by the role without CREATEDB, so that both runs below can use it.
  role_url="postgresql://bench_nocreatedb@$host_part/$db"
  (cd "$project" && DATABASE_URL="$role_url" "$strata" -q create "Initial" >/dev/null &&
     DATABASE_URL="$role_url" "$strata" -q apply >/dev/null)
  psql -X -q "$base/$db" -c "INSERT INTO public.t SELECT g, md5(g::text) FROM generate_series(1, $n) g" -c "VACUUM ANALYZE public.t" >/dev/null
  printf '      token: {type: uuid, default: gen_random_uuid()}\n' >>"$project/schema/app.yaml"
  shadow=()
  in_place=()
  for ((i = 0; i < runs; i++)); do
    t0=$(now)
    (cd "$project" && DATABASE_URL="$base/$db" "$strata" -q create --dry-run "Add token" >/dev/null)
    shadow+=("$(echo "$(now) - $t0" | bc)")
    t0=$(now)
    (cd "$project" && DATABASE_URL="$role_url" "$strata" -q create --dry-run "Add token" >/dev/null 2>&1)
    in_place+=("$(echo "$(now) - $t0" | bc)")
  done
  s=$(median "${shadow[@]}")
  p=$(median "${in_place[@]}")
  [ -n "$first_shadow" ] || first_shadow=$s
  [ -n "$first_in_place" ] || first_in_place=$p
  printf '%10s %12.3f %8.2f %14.3f %8.2f\n' "$n" "$s" "$(echo "$s / $first_shadow" | bc -l)" \
    "$p" "$(echo "$p / $first_in_place" | bc -l)"
done
