#!/usr/bin/env bash
# Prompt library benchmark (not a test): builds in release mode, generates N prompts on SQLite, labels one
# approved version `production`, and measures with wrk at 32 connections on loopback:
#   get-by-id   GET  /api/v1/prompts/{id}                          (the generic read, for comparison)
#   by-code     GET  /api/v1/prompts/by-code/{code}?label=production
#   by-code 304 the same with If-None-Match: <its ETag>
#   render      POST /api/v1/prompts/{id}/render {"variables":{…},"label":"production"}
# Usage: bench/prompts-bench.sh [N] [seconds per run]   (defaults: 100000, 10)
# Needs: wrk (Debian); installs it when missing. OUTPUTHUB_BIN=path skips the build.
set -euo pipefail
cd "$(dirname "$0")/.."

scale=${1:-100000}
seconds=${2:-10}
connections=32
threads=${WRK_THREADS:-2}

command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
if [ -z "${OUTPUTHUB_BIN:-}" ]; then swift build -c release --product outputhub >/dev/null; fi
bin=${OUTPUTHUB_BIN:-.build/release/outputhub}
work=$(mktemp -d /tmp/outputhub-prompts-bench.XXXXXX)
export OUTPUTHUB_DATA_DIR="$work/data"
export OUTPUTHUB_API_RATE_LIMIT=0  # measure the server, not the per-key limit
unset DATABASE_URL
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

echo "Generating N=$scale …"
"$bin" generate --scale "$scale" --tenant bench >/dev/null
key=$("$bin" apikey create --tenant bench --user demo@bench.example --name bench | tail -n 1)
db="$OUTPUTHUB_DATA_DIR/outputhub.sqlite"
# A prompt whose current version is approved (the generator approves every second and third of four).
read -r id code vars < <(python3 - "$db" <<'PY'
import json, sqlite3, sys
c = sqlite3.connect(sys.argv[1])
row = c.execute("""select p.id, p.code, p.variables from prompts p join prompt_versions v on v.prompt_id = p.id and v.is_current
                   where v.approval_status = 'approved' and p.code is not null order by p.code limit 1 offset 500""").fetchone()
print(row[0], row[1], json.dumps({d["name"]: "x" for d in json.loads(row[2])}, separators=(",", ":")))
PY
)
port=18190
"$bin" serve --port $port >"$work/outputhub.log" 2>&1 & pid=$!
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.3; done
base="http://127.0.0.1:$port"
auth="Authorization: Bearer $key"
version=$(curl -fs -H "$auth" "$base/api/v1/prompts/$id" | python3 -c "import json,sys; print(json.load(sys.stdin)['current_version'])")
curl -fs -X PUT -H "$auth" -H "Content-Type: application/json" -d "{\"version\":\"$version\"}" "$base/api/v1/prompts/$id/labels/production" >/dev/null
etag=$(curl -fsi -H "$auth" "$base/api/v1/prompts/by-code/$code?label=production" | awk -F': ' 'tolower($1)=="etag" {print $2}' | tr -d '\r')
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "$auth" -H "If-None-Match: $etag" "$base/api/v1/prompts/by-code/$code?label=production")" = 304 ] || { echo "no 304"; exit 1; }
body="{\"variables\":$vars,\"label\":\"production\"}"
curl -fs -X POST -H "$auth" -H "Content-Type: application/json" -d "$body" "$base/api/v1/prompts/$id/render" >/dev/null || { echo "render failed"; exit 1; }
cat >"$work/render.lua" <<LUA
wrk.method = "POST"
wrk.body = '$body'
wrk.headers["Content-Type"] = "application/json"
LUA

run() { # label, url, extra wrk args…
  local name=$1 url=$2; shift 2
  wrk -t$threads -c$connections -d2s -H "$auth" "$@" "$url" >/dev/null
  local out rps p50 p99 non2xx
  out=$(wrk -t$threads -c$connections -d${seconds}s --timeout 10s --latency -H "$auth" "$@" "$url")
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '$1=="50%" {print $2}')
  p99=$(echo "$out" | awk '$1=="99%" {print $2}')
  non2xx=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
  printf '| %s | %s | %s | %s | %s |\n' "$name" "$rps" "$p50" "$p99" "${non2xx:-0}"
}
printf '\n| request | req/s | p50 | p99 | non-2xx |\n|---|---|---|---|---|\n'
run "get-by-id" "$base/api/v1/prompts/$id"
run "by-code ?label=production" "$base/api/v1/prompts/by-code/$code?label=production"
run "by-code, If-None-Match → 304" "$base/api/v1/prompts/by-code/$code?label=production" -H "If-None-Match: $etag"
run "render (label production)" "$base/api/v1/prompts/$id/render" -s "$work/render.lua"
echo
echo "wrk -t$threads -c$connections -d${seconds}s on loopback; N=$scale (prompts: $(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from prompts').fetchone()[0])" "$db")); $(nproc) cores; $(date -u +%Y-%m-%d)"
echo "(304 answers count as non-2xx in wrk's tally.)"
