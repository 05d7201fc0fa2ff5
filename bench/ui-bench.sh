#!/usr/bin/env bash
# Admin UI speed benchmark (not a test): builds in release mode, generates N rows on SQLite, signs in, and
# measures with wrk on one connection (so each request has the server to itself) how long the server takes
# to answer the main screens: the prompts list (100k rows), a filtered and sorted list, a deep page, and a
# prompt's detail page with its related lists and history.
# Usage: bench/ui-bench.sh [N] [seconds per run]   (defaults: 100000, 10)
# Needs: wrk (Debian); installs it when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

scale=${1:-100000}
seconds=${2:-10}

command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }

swift build -c release --product outputhub >/dev/null
bin=.build/release/outputhub
work=$(mktemp -d /tmp/outputhub-uibench.XXXXXX)
export OUTPUTHUB_DATA_DIR="$work/data"
unset DATABASE_URL
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

echo "Generating N=$scale …"
"$bin" generate --scale "$scale" --tenant bench >/dev/null
printf 'benchmark password\n' | "$bin" user create --email ui@bench.example --name "UI bench" --tenant bench --role owner --password-stdin >/dev/null

db="$OUTPUTHUB_DATA_DIR/outputhub.sqlite"
read -r prompt_id deep_cursor < <(python3 - "$db" <<'PY'
import base64, json, sqlite3, sys
c = sqlite3.connect(sys.argv[1])
tenant = c.execute("select id from tenants where slug='bench'").fetchone()[0]
ids = [r[0] for r in c.execute("select id from prompts where tenant_id=? order by id", (tenant,))]
# the prompt with the most versions, so its detail page has related rows to show
busiest = c.execute("select prompt_id from prompt_versions where tenant_id=? group by prompt_id order by count(*) desc limit 1", (tenant,)).fetchone()[0]
print(busiest, base64.urlsafe_b64encode(json.dumps([ids[int(len(ids) * 0.9)]]).encode()).decode().rstrip("="))
PY
)

port=18182
"$bin" serve --port $port >"$work/server.log" 2>&1 & server=$!
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.3; done

jar="$work/cookies"
form=$(curl -fs -c "$jar" "http://127.0.0.1:$port/login" | sed -n 's/.*name="_form" value="\([^"]*\)".*/\1/p')
curl -fs -b "$jar" -c "$jar" -o /dev/null --data-urlencode "_form=$form" --data-urlencode "email=ui@bench.example" \
  --data-urlencode "password=benchmark password" "http://127.0.0.1:$port/login"
session=$(awk '$6 == "outputhub_session" {print $7}' "$jar")
[ -n "$session" ] || { echo "sign-in failed"; exit 1; }

declare -A pages
pages[list]="/admin/prompts"
pages[filtered]="/admin/prompts?role=user&name=a&sort=-updated_at"
pages[deep]="/admin/prompts?cursor=$deep_cursor"
pages[detail]="/admin/prompts/$prompt_id"

printf '\n| screen | median | p90 | p99 | requests/s (1 connection) |\n|---|---|---|---|---|\n'
for p in list filtered deep detail; do
  url="http://127.0.0.1:$port${pages[$p]}"
  curl -fs -H "Cookie: outputhub_session=$session" -o /dev/null "$url" || { echo "$p failed"; exit 1; }
  out=$(wrk -t1 -c1 -d${seconds}s --latency -H "Cookie: outputhub_session=$session" "$url")
  p50=$(echo "$out" | awk '$1=="50%" {print $2}')
  p90=$(echo "$out" | awk '$1=="90%" {print $2}')
  p99=$(echo "$out" | awk '$1=="99%" {print $2}')
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  errors=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
  printf '| %s `%s` | %s | %s | %s | %s |\n' "$p" "${pages[$p]:0:60}" "$p50" "$p90" "$p99" "$rps"
  [ -z "$errors" ] || echo "  (non-2xx: $errors)"
done
echo
echo "wrk -t1 -c1 -d${seconds}s on loopback; N=$scale; $(nproc) cores; $(date -u +%Y-%m-%d)"
