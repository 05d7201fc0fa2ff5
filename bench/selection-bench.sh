#!/usr/bin/env bash
# Model selection benchmark (not a test): builds in release mode, fills a SQLite tenant with LOGS generations
# and as many votes (bench/selection_fill.py: one category, 50 mapped priced models, USERS voters, a year of
# traffic), then measures
#   the full rollup (`outputhub rollup`: every period, the suitability statistics, the vote totals),
#   the incremental one after 1000 fresh calls (`outputhub rollup --since <today>`),
#   GET /api/v1/ai_task_categories/bench_routing/recommendation with wrk at 1 and 32 connections, for the
#   tenant and for its heaviest voter (user=), with exploration off (the API's default) and on.
# Usage: bench/selection-bench.sh [LOGS] [USERS] [seconds per run]   (defaults: 1000000, 200, 10)
# Needs: wrk (Debian), pysqlite3-binary (PyPI); installs them when missing. OUTPUTHUB_BIN=path skips the build.
set -euo pipefail
cd "$(dirname "$0")/.."

logs=${1:-1000000}
users=${2:-200}
seconds=${3:-10}
threads=${WRK_THREADS:-2}

command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
python3 -c "import pysqlite3" 2>/dev/null || python3 -m pip install --quiet pysqlite3-binary
if [ -z "${OUTPUTHUB_BIN:-}" ]; then swift build -c release --product outputhub >/dev/null; fi
bin=${OUTPUTHUB_BIN:-.build/release/outputhub}
work=$(mktemp -d /tmp/outputhub-selection-bench.XXXXXX)
export OUTPUTHUB_DATA_DIR="$work/data"
export OUTPUTHUB_API_RATE_LIMIT=0  # measure the server, not the per-key limit
unset DATABASE_URL
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
db="$OUTPUTHUB_DATA_DIR/outputhub.sqlite"

"$bin" generate --scale 10 --tenant bench >/dev/null
"$bin" import-models ../shared/data/litellm_model_prices_and_context_window.json >/dev/null
key=$("$bin" apikey create --tenant bench --user demo@bench.example --name bench | tail -n 1)
echo "Filling $logs generations and votes by $users users …"
start=$(date +%s)
read -r voter voter_votes < <(python3 bench/selection_fill.py "$db" "$logs" "$users")
echo "Filled in $(( $(date +%s) - start )) s; database $(du -h "$db" | cut -f1)"

timed() { # label, command…
  local name=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" >"$work/out"
  read -r secs kb <"$work/time"
  printf '| %s | %s s | %s MB | %s |\n' "$name" "$secs" "$(( kb / 1024 ))" "$(tail -n 1 "$work/out")"
}
printf '\n| rollup | wall | peak RSS | output |\n|---|---|---|---|\n'
timed "full, $logs generations + $logs votes" "$bin" rollup
timed "full again (idempotent)" "$bin" rollup
python3 bench/selection_fill.py "$db" 0 0 --fresh 1000 >/dev/null
timed "incremental after 1000 fresh calls" "$bin" rollup --since "$(date -u +%Y-%m-%d)"

port=18191
"$bin" serve --port $port >"$work/outputhub.log" 2>&1 & pid=$!
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.3; done
# A new server runs its scheduled rollups (incremental and full) at once: measure after them.
until [ "$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(\"select count(*) from jobs where state in ('queued','running')\").fetchone()[0])" "$db")" = 0 ]; do sleep 1; done
base="http://127.0.0.1:$port/api/v1/ai_task_categories/bench_routing/recommendation"
auth="Authorization: Bearer $key"
count=$(curl -fs -H "$auth" "$base?priority=balanced" | python3 -c "import json,sys; a=json.load(sys.stdin); print(len(a['candidates']), sum(c['votes'] for c in a['candidates']))")
echo "Candidates and votes they hold: $count; the heaviest voter has $voter_votes votes"

run() { # label, connections, url
  local name=$1 connections=$2 url=$3
  wrk -t1 -c"$connections" -d2s -H "$auth" "$url" >/dev/null
  local out rps p50 p99 non2xx
  out=$(wrk -t"$(( connections < threads ? connections : threads ))" -c"$connections" -d"${seconds}s" --timeout 10s --latency -H "$auth" "$url")
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '$1=="50%" {print $2}')
  p99=$(echo "$out" | awk '$1=="99%" {print $2}')
  non2xx=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
  printf '| %s | %s | %s | %s | %s | %s |\n' "$name" "$connections" "$rps" "$p50" "$p99" "${non2xx:-0}"
}
printf '\n| recommendation | connections | req/s | p50 | p99 | non-2xx |\n|---|---|---|---|---|---|\n'
for c in 1 32; do
  run "tenant, balanced" $c "$base?priority=balanced"
  run "heaviest voter (user=)" $c "$base?priority=balanced&user=$voter"
  run "heaviest voter, explore=true" $c "$base?priority=quality&user=$voter&explore=true"
done
echo
echo "wrk on loopback, $seconds s per run; $logs generations and votes, $users voters, 50 candidates; $(nproc) cores; $(date -u +%Y-%m-%d)"
