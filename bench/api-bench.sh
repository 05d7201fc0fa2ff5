#!/usr/bin/env bash
# API speed benchmark (not a test): builds in release mode, generates N rows on SQLite, and measures four
# queries with wrk on loopback against Output Hub and against Datasette serving the same SQLite file.
# Usage: bench/api-bench.sh [N] [seconds per run]   (defaults: 100000, 10)
# Needs: wrk (Debian) and datasette (PyPI); installs them when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

scale=${1:-100000}
seconds=${2:-10}
connections=32
threads=${WRK_THREADS:-2}

command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
command -v datasette >/dev/null || python3 -m pip install --quiet datasette==0.65.5

swift build -c release --product outputhub >/dev/null
bin=.build/release/outputhub
work=$(mktemp -d /tmp/outputhub-bench.XXXXXX)
export OUTPUTHUB_DATA_DIR="$work/data"
export OUTPUTHUB_API_RATE_LIMIT=0  # measure the server, not the per-key limit
unset DATABASE_URL
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

echo "Generating N=$scale …"
start=$(date +%s)
"$bin" generate --scale "$scale" --tenant bench >/dev/null
echo "Generated in $(( $(date +%s) - start )) s; database $(du -h "$OUTPUTHUB_DATA_DIR/outputhub.sqlite" | cut -f1)"
key=$("$bin" apikey create --tenant bench --user demo@bench.example --name bench | tail -n 1)

db="$OUTPUTHUB_DATA_DIR/outputhub.sqlite"
tenant=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(\"select id from tenants where slug='bench'\").fetchone()[0])" "$db")
read -r deep_id any_id < <(python3 - "$db" "$tenant" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
ids = [r[0] for r in c.execute("select id from prompts where tenant_id=? order by id", (sys.argv[2],))]
print(ids[int(len(ids) * 0.9)], ids[len(ids) // 2])
PY
)
cursor=$(python3 -c "import base64,json,sys; print(base64.urlsafe_b64encode(json.dumps([sys.argv[1]]).encode()).decode().rstrip('='))" "$deep_id")

port_oh=18180
port_ds=18181
"$bin" serve --port $port_oh >"$work/outputhub.log" 2>&1 & oh_pid=$!; pids+=($oh_pid)
datasette serve "$db" --port $port_ds --setting num_sql_threads 4 --setting sql_time_limit_ms 10000 --setting suggest_facets off >"$work/datasette.log" 2>&1 & ds_pid=$!; pids+=($ds_pid)
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port_oh/healthz" >/dev/null && curl -fs "http://127.0.0.1:$port_ds/-/versions.json" >/dev/null && break; sleep 0.3; done

dsdb=outputhub
declare -A oh ds
oh[list]="/api/v1/prompts?limit=50"
ds[list]="/$dsdb/prompts.json?_shape=objects&_size=50&_nocount=1&tenant_id=$tenant"
oh[filtered]="/api/v1/prompts?role=eq.user&order=updated_at.desc&limit=50"
ds[filtered]="/$dsdb/prompts.json?_shape=objects&_size=50&_nocount=1&tenant_id=$tenant&role=user&_sort_desc=updated_at"
oh[deep]="/api/v1/prompts?limit=50&cursor=$cursor"
ds[deep]="/$dsdb/prompts.json?_shape=objects&_size=50&_nocount=1&tenant_id=$tenant&_next=$deep_id"
oh[get]="/api/v1/prompts/$any_id"
ds[get]="/$dsdb/prompts/$any_id.json?_shape=objects"

# A server keeps working through queued requests after wrk stops (Datasette needs seconds on slow queries);
# wait until it is idle so one measurement never overlaps the other server's backlog.
wait_idle() { # pid
  local before after
  for _ in $(seq 1 120); do
    before=$(awk '{print $14 + $15}' "/proc/$1/stat"); sleep 0.5; after=$(awk '{print $14 + $15}' "/proc/$1/stat")
    [ $((after - before)) -le 2 ] && return
  done
}

run() { # url, extra header → "rps p50 p99"
  local out
  if [ -n "$2" ]; then out=$(wrk -t$threads -c$connections -d${seconds}s --timeout 10s --latency -H "$2" "$1"); else out=$(wrk -t$threads -c$connections -d${seconds}s --timeout 10s --latency "$1"); fi
  local rps p50 p99 errors
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '$1=="50%" {print $2}')
  p99=$(echo "$out" | awk '$1=="99%" {print $2}')
  errors=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
  echo "$rps $p50 $p99 ${errors:-0}"
}

printf '\n| query | Output Hub req/s | p50 | p99 | Datasette req/s | p50 | p99 | ratio |\n|---|---|---|---|---|---|---|---|\n'
for q in list filtered deep get; do
  curl -fs -H "Authorization: Bearer $key" "http://127.0.0.1:$port_oh${oh[$q]}" >/dev/null || { echo "Output Hub failed on $q"; exit 1; }
  curl -fs "http://127.0.0.1:$port_ds${ds[$q]}" >/dev/null || { echo "Datasette failed on $q"; exit 1; }
  # Each server is warmed (pages cached, connections open) and measured while the other is idle.
  wait_idle "$ds_pid"
  wrk -t$threads -c$connections -d2s -H "Authorization: Bearer $key" "http://127.0.0.1:$port_oh${oh[$q]}" >/dev/null
  wait_idle "$oh_pid"
  read -r a50 a_p50 a_p99 a_err < <(run "http://127.0.0.1:$port_oh${oh[$q]}" "Authorization: Bearer $key")
  wait_idle "$oh_pid"
  wrk -t$threads -c$connections -d2s "http://127.0.0.1:$port_ds${ds[$q]}" >/dev/null
  wait_idle "$ds_pid"
  read -r b50 b_p50 b_p99 b_err < <(run "http://127.0.0.1:$port_ds${ds[$q]}" "")
  ratio=$(python3 -c "print(f'{float(\"$a50\")/float(\"$b50\"):.1f}x')")
  printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$q" "$a50" "$a_p50" "$a_p99" "$b50" "$b_p50" "$b_p99" "$ratio"
  [ "$a_err" = "0" ] || echo "  (Output Hub non-2xx: $a_err)"
  [ "$b_err" = "0" ] || echo "  (Datasette non-2xx: $b_err)"
done
echo
echo "wrk -t$threads -c$connections -d${seconds}s on loopback; N=$scale; $(nproc) cores; $(date -u +%Y-%m-%d)"
