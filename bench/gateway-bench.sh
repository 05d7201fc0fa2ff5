#!/usr/bin/env bash
# OpenAI-compatible gateway benchmark (not a test): what Output Hub's /v1/chat/completions adds on top of a fast
# fake upstream, against LiteLLM's proxy in front of the same upstream. The upstream is nginx on loopback
# returning a fixed chat.completion (and, on /stream/v1, a fixed event stream), so nearly all the time measured
# is the gateway's. wrk measures latency at 1 connection and throughput at 32; curl measures the streaming time
# to first byte; then Output Hub is stopped and its ai_logs rows are counted against the requests it was sent.
# Usage: bench/gateway-bench.sh [seconds per wrk run] [streaming requests per target]   (defaults: 10, 200)
# Needs: nginx and wrk (Debian), LiteLLM's proxy (PyPI, in its own virtualenv under /tmp so the system Python's
# pinned packages stay as they are); installs them when missing. OUTPUTHUB_BIN=path skips the build and uses that
# binary; LITELLM_WORKERS=n runs LiteLLM's proxy with n uvicorn worker processes (default: one per core, as
# Output Hub runs one event loop per core; with one, LiteLLM is bound to one core at 32 connections).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-10}
ttfb_n=${2:-200}
# The newest release whose [proxy] extra installs from PyPI: from 1.108.8 on it pins litellm-enterprise,
# litellm-proxy-extras or (1.110) litellm-proxy releases that PyPI does not serve.
litellm_version=1.108.7
litellm_workers=${LITELLM_WORKERS:-$(nproc)}
venv=${LITELLM_VENV:-/tmp/outputhub-bench-litellm-$litellm_version}

missing=()
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx)
command -v wrk >/dev/null || missing+=(wrk)
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
if [ ! -f "$venv/.installed-$litellm_version" ]; then
  echo "Installing litellm[proxy]==$litellm_version into $venv …"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "litellm[proxy]==$litellm_version"
  touch "$venv/.installed-$litellm_version"
fi

work=$(mktemp -d /tmp/outputhub-gwbench.XXXXXX)
pids=()
oh_pid=""
cleanup() {
  local status=$?
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ "$status" = 0 ]; then rm -rf "$work"; else echo "gateway-bench: logs and data kept in $work" >&2; fi
}
trap cleanup EXIT
fail() { echo "gateway-bench: $*" >&2; exit 1; }
read -r port_up port_oh port_ll < <(python3 -c '
import socket
socks = [socket.socket() for _ in range(3)]
for s in socks: s.bind(("127.0.0.1", 0))
print(*[s.getsockname()[1] for s in socks])')

if [ -n "${OUTPUTHUB_BIN:-}" ]; then
  bin=$OUTPUTHUB_BIN
else
  echo "Building outputhub (release) …"
  swift build -c release --product outputhub >"$work/build.log" 2>&1 || { tail -n 40 "$work/build.log"; fail "swift build failed"; }
  bin=.build/release/outputhub
fi

# --- The fake upstream: nginx, one worker, as the current user, in the foreground of a background job ---
mkdir -p "$work/nginx/tmp"
# Fixed bodies; no '$' (nginx would read a variable) and no single quote (they are quoted with ').
completion='{"id":"chatcmpl-bench","object":"chat.completion","created":1700000000,"model":"gpt-4o-mini","choices":[{"index":0,"message":{"role":"assistant","content":"Hello! How can I help?"},"logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":8,"completion_tokens":7,"total_tokens":15}}'
chunk() { printf 'data: {"id":"chatcmpl-bench","object":"chat.completion.chunk","created":1700000000,"model":"gpt-4o-mini","choices":[{"index":0,"delta":%s,"finish_reason":%s}]%s}\n\n' "$1" "$2" "${3:-}"; }
stream="$(chunk '{"role":"assistant","content":""}' null; chunk '{"content":"Hello"}' null; chunk '{"content":"! How can I help?"}' null
  chunk '{}' '"stop"' ',"usage":{"prompt_tokens":8,"completion_tokens":7,"total_tokens":15}'; printf 'data: [DONE]')"$'\n\n'
user_line=""
[ "$(id -u)" = 0 ] && user_line="user root $(id -gn);"  # as root nginx would switch its worker to nobody
cat >"$work/nginx/nginx.conf" <<EOF
worker_processes 1;
$user_line
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $work/nginx/tmp/body; proxy_temp_path $work/nginx/tmp/proxy;
  fastcgi_temp_path $work/nginx/tmp/fastcgi; uwsgi_temp_path $work/nginx/tmp/uwsgi; scgi_temp_path $work/nginx/tmp/scgi;
  keepalive_requests 10000000;
  keepalive_timeout 120s;
  server {
    listen 127.0.0.1:$port_up;
    location = /v1/chat/completions {
      default_type application/json;
      return 200 '$completion';
    }
    location = /stream/v1/chat/completions {
      default_type text/event-stream;
      add_header Cache-Control no-cache;
      return 200 '$stream';
    }
  }
}
EOF
"$nginx_bin" -p "$work/nginx" -c "$work/nginx/nginx.conf" -e "$work/nginx/error.log" -g 'daemon off;' \
  >"$work/nginx/out.log" 2>&1 & up_pid=$!; pids+=("$up_pid")
upstream="http://127.0.0.1:$port_up"

# --- Output Hub: a throwaway data dir, tenant, user and key (as scripts/browser-tests), then two configurations ---
export OUTPUTHUB_DATA_DIR="$work/data"
export OUTPUTHUB_API_RATE_LIMIT=0  # measure the gateway, not the per-key limit
unset DATABASE_URL                 # Output Hub on SQLite; LiteLLM without a database
"$bin" tenant create --slug bench --name "Gateway bench" >/dev/null
printf 'gateway bench password\n' | "$bin" user create --email bench@bench.example --name "Gateway bench" --tenant bench --role owner --password-stdin >/dev/null
oh_key=$("$bin" apikey create --tenant bench --user bench@bench.example --name gateway-bench | tail -n 1)
"$bin" serve --port "$port_oh" >"$work/outputhub.log" 2>&1 & oh_pid=$!; pids+=("$oh_pid")
oh="http://127.0.0.1:$port_oh"

# --- LiteLLM's proxy: the same two models, a master key, no database, quiet logs ---
ll_key=sk-litellm-bench
cat >"$work/litellm.yaml" <<EOF
model_list:
  - model_name: bench
    litellm_params: {model: openai/gpt-4o-mini, api_base: "$upstream/v1", api_key: sk-bench}
  - model_name: bench-stream
    litellm_params: {model: openai/gpt-4o-mini, api_base: "$upstream/stream/v1", api_key: sk-bench}
general_settings:
  master_key: $ll_key
litellm_settings:
  set_verbose: false
EOF
(cd "$work" && exec env LITELLM_LOCAL_MODEL_COST_MAP=True LITELLM_LOG=ERROR "$venv/bin/litellm" --config "$work/litellm.yaml" \
  --host 127.0.0.1 --port "$port_ll" --num_workers "$litellm_workers") >"$work/litellm.log" 2>&1 & ll_pid=$!; pids+=("$ll_pid")
ll="http://127.0.0.1:$port_ll"

wait_up() { # name pid url seconds log: until url answers 2xx; stops the run with the log's tail if the process ends or time runs out
  local deadline=$(( $(date +%s) + $4 ))
  until curl -fs -o /dev/null "$3"; do
    kill -0 "$2" 2>/dev/null || { tail -n 30 "$5" >&2; fail "$1 exited while starting (log above)"; }
    [ "$(date +%s)" -lt "$deadline" ] || { tail -n 30 "$5" >&2; fail "$1 did not answer $3 within $4 s (log above)"; }
    sleep 0.3
  done
}
wait_up nginx "$up_pid" "$upstream/v1/chat/completions" 20 "$work/nginx/error.log"
wait_up "Output Hub" "$oh_pid" "$oh/healthz" 120 "$work/outputhub.log"

api() { # method path [json] → response body on stdout; any non-2xx stops the run with the status and body
  local code data=()
  [ $# -lt 3 ] || data=(-H 'Content-Type: application/json' --data-binary "$3")
  code=$(curl -sS -o "$work/api.out" -w '%{http_code}' -X "$1" -H "Authorization: Bearer $oh_key" "${data[@]}" "$oh$2") \
    || fail "$1 $2: curl failed"
  [ "${code:0:1}" = 2 ] || fail "$1 $2 answered $code: $(head -c 2000 "$work/api.out")"
  cat "$work/api.out"
}
model_uuid=$(api GET '/api/v1/llm_models?model_id=eq.gpt-4o-mini' | python3 -c 'import json,sys; d=json.load(sys.stdin)["data"]; assert d, "gpt-4o-mini is not in the seeded catalog"; print(d[0]["id"])')
for cfg in "bench $upstream/v1" "bench-stream $upstream/stream/v1"; do
  read -r name base <<<"$cfg"
  api POST /api/v1/model_configurations "{\"name\":\"$name\",\"model_id\":\"$model_uuid\",\"api_base_url\":\"$base\",\"api_key\":\"sk-bench\",\"max_calls_per_minute\":100000000,\"max_calls_per_day\":1000000000}" >/dev/null
done
wait_up LiteLLM "$ll_pid" "$ll/health/liveliness" 180 "$work/litellm.log"

# --- Measuring ---
body='{"model":"bench","messages":[{"role":"user","content":"hi"}],"max_tokens":16}'
stream_body='{"model":"bench-stream","messages":[{"role":"user","content":"hi"}],"max_tokens":16,"stream":true}'
cat >"$work/post.lua" <<EOF
wrk.method = "POST"
wrk.body = '$body'
wrk.headers["Content-Type"] = "application/json"
EOF

# CPU ticks used by these processes and their descendants (LiteLLM's workers are children of its first process).
tree_ticks() {
  local queue=("$@") all=() p t=0 f
  while [ ${#queue[@]} -gt 0 ]; do
    p=${queue[0]}; queue=("${queue[@]:1}"); all+=("$p")
    for k in $(pgrep -P "$p" 2>/dev/null || true); do queue+=("$k"); done
  done
  for p in "${all[@]}"; do
    read -ra f < <(sed 's/.*) //' "/proc/$p/stat" 2>/dev/null) || continue
    t=$((t + f[11] + f[12]))  # utime, stime (fields 14 and 15 of stat)
  done
  echo $t
}
# A server may still be working through requests after wrk stops: wait until none of ours uses CPU, so one
# measurement never overlaps another's backlog.
wait_idle() {
  local live=() p before after
  for p in "$up_pid" ${oh_pid:+"$oh_pid"} "$ll_pid"; do kill -0 "$p" 2>/dev/null && live+=("$p"); done
  for _ in $(seq 1 120); do
    before=$(tree_ticks "${live[@]}"); sleep 0.5; after=$(tree_ticks "${live[@]}")
    [ $((after - before)) -le 2 ] && return
  done
}

to_ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.3f", n }'; }
fmt_ms() { awk -v n="$1" 'BEGIN { a = n < 0 ? -n : n; if (a >= 100) printf "%.0f ms", n; else if (a >= 10) printf "%.1f ms", n; else if (a >= 1) printf "%.2f ms", n; else printf "%.3f ms", n }'; }

declare -A rps p50 p99 errs
oh_wrk_total=0; oh_in_flight=0
run_wrk() { # target url key threads connections seconds → rps, p50, p99 (ms), errors; counts Output Hub's requests
  local target=$1 url=$2 key=$3 t=$4 c=$5 d=$6 out n
  out=$(wrk -t"$t" -c"$c" -d"${d}s" --timeout 10s --latency -s "$work/post.lua" -H "Authorization: Bearer $key" "$url")
  echo "$out" >>"$work/wrk-$target.txt"
  n=$(echo "$out" | awk '/requests in/ {print $1}')
  [ -n "$n" ] || { echo "$out" >&2; fail "could not read wrk's output for $target"; }
  if [ "$target" = outputhub ]; then oh_wrk_total=$((oh_wrk_total + n)); oh_in_flight=$((oh_in_flight + c)); fi
  rps[$target,$c]=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50[$target,$c]=$(to_ms "$(echo "$out" | awk '$1=="50%" {print $2}')")
  p99[$target,$c]=$(to_ms "$(echo "$out" | awk '$1=="99%" {print $2}')")
  errs[$target,$c]=$(echo "$out" | awk '/Non-2xx/ {e += $NF} /Socket errors/ {gsub(",", ""); e += $4 + $6 + $8 + $10} END {print e + 0}')
}

declare -A ttfb50 ttfb99 total50
oh_curl_total=0
run_ttfb() { # target url key: ttfb_n sequential streaming requests, one connection each
  local target=$1 url=$2 key=$3
  for _ in $(seq 1 "$ttfb_n"); do
    curl -fsS -o /dev/null -w '%{time_starttransfer} %{time_total}\n' -H "Authorization: Bearer $key" \
      -H 'Content-Type: application/json' --data-binary "$stream_body" "$url" || fail "$target: a streaming request failed"
  done >"$work/ttfb-$target.txt"
  if [ "$target" = outputhub ]; then oh_curl_total=$((oh_curl_total + ttfb_n)); fi
  read -r "ttfb50[$target]" "ttfb99[$target]" "total50[$target]" < <(python3 - "$work/ttfb-$target.txt" <<'PY'
import math, sys
rows = [tuple(float(x) * 1000 for x in line.split()) for line in open(sys.argv[1])]
def pct(values, q):
    values = sorted(values)
    return values[max(0, math.ceil(q * len(values)) - 1)]  # nearest rank
first = [r[0] for r in rows]
print(f"{pct(first, 0.5):.3f} {pct(first, 0.99):.3f} {pct([r[1] for r in rows], 0.5):.3f}")
PY
)
}

check() { # target url key streamurl: a plain and a streaming request are answered as the upstream answers
  local target=$1 url=$2 key=$3 got
  got=$(curl -sS -H "Authorization: Bearer $key" -H 'Content-Type: application/json' --data-binary "$body" "$url") || fail "$target: request failed"
  echo "$got" | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["choices"][0]["message"]["content"] == "Hello! How can I help?", d' 2>/dev/null \
    || fail "$target: unexpected answer to a chat completion: $(echo "$got" | head -c 1000)"
  got=$(curl -sS -N -H "Authorization: Bearer $key" -H 'Content-Type: application/json' --data-binary "$stream_body" "$4") || fail "$target: streaming request failed"
  # Server-sent events: blank-line separated, each one data line; the deltas add up to the answer, then [DONE].
  echo "$got" | python3 -c '
import json, sys
events = [e.strip() for e in sys.stdin.read().replace("\r\n", "\n").split("\n\n") if e.strip()]
assert events[-1] == "data: [DONE]", events[-1]
chunks = [json.loads(e.removeprefix("data: ")) for e in events[:-1]]
text = "".join(c["choices"][0]["delta"].get("content") or "" for c in chunks if c.get("choices"))
assert text == "Hello! How can I help?", text' 2>"$work/check.err" \
    || fail "$target: unexpected event stream ($(tail -n 1 "$work/check.err")): $(echo "$got" | head -c 1500)"
  if [ "$target" = outputhub ]; then oh_curl_total=$((oh_curl_total + 2)); fi
}

measure() { # target url key streamurl
  local target=$1
  echo "Measuring $target …"
  check "$target" "$2" "$3" "$4"
  wait_idle
  run_wrk "$target" "$2" "$3" 2 32 2  # warm-up: connection pools, caches
  wait_idle; run_wrk "$target" "$2" "$3" 1 1 "$seconds"
  wait_idle; run_wrk "$target" "$2" "$3" 2 32 "$seconds"
  wait_idle; run_ttfb "$target" "$4" "$3"
}

measure direct "$upstream/v1/chat/completions" sk-bench "$upstream/stream/v1/chat/completions"
measure outputhub "$oh/v1/chat/completions" "$oh_key" "$oh/v1/chat/completions"

# Every request Output Hub answered must be in ai_logs. wrk counts the requests that completed; at its stop up
# to one request per connection is still in flight, which the server finishes (and logs) too.
kill -TERM "$oh_pid"
for _ in $(seq 1 600); do  # until it has exited (a zombie, or gone): at most 60 s
  case "$(sed 's/.*) //' "/proc/$oh_pid/stat" 2>/dev/null)" in Z*|"") break;; esac; sleep 0.1
done
case "$(sed 's/.*) //' "/proc/$oh_pid/stat" 2>/dev/null)" in Z*|"") ;; *) fail "Output Hub had not stopped 60 s after SIGTERM";; esac
status=0; wait "$oh_pid" || status=$?
[ "$status" = 0 ] || { tail -n 20 "$work/outputhub.log" >&2; echo "gateway-bench: Output Hub exited with status $status after SIGTERM (log above)" >&2; }
oh_pid=""
logged=$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select count(*) from ai_logs").fetchone()[0])' "$OUTPUTHUB_DATA_DIR/outputhub.sqlite")
sent=$((oh_wrk_total + oh_curl_total))

measure litellm "$ll/v1/chat/completions" "$ll_key" "$ll/v1/chat/completions"

# --- Report ---
added() { fmt_ms "$(awk -v a="$1" -v b="$2" 'BEGIN { print a - b }')"; }
row() { # label target
  local t=$2 a50="—" att="—"
  if [ "$t" != direct ]; then a50=$(added "${p50[$t,1]}" "${p50[direct,1]}"); att=$(added "${ttfb50[$t]}" "${ttfb50[direct]}"); fi
  printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$1" "$(python3 -c 'import sys; print(f"{float(sys.argv[1]):,.0f}")' "${rps[$t,32]}")" \
    "$(fmt_ms "${p50[$t,1]}")" "$(fmt_ms "${p99[$t,1]}")" "$a50" "$(fmt_ms "${ttfb50[$t]}")" "$(fmt_ms "${ttfb99[$t]}")" "$att"
}
echo
echo '| | req/s (32 conn.) | p50 (1 conn.) | p99 (1 conn.) | added p50 | stream TTFB median | TTFB p99 | added TTFB |'
echo '|---|---|---|---|---|---|---|---|'
row "direct (nginx $("$nginx_bin" -v 2>&1 | sed 's|.*/||'))" direct
row "Output Hub" outputhub
row "LiteLLM $litellm_version" litellm
echo
for t in direct outputhub litellm; do
  for c in 1 32; do [ "${errs[$t,$c]}" = 0 ] || echo "  ($t at $c connections: ${errs[$t,$c]} non-2xx responses or socket errors)"; done
done
printf 'Whole stream received (median): direct %s, Output Hub %s, LiteLLM %s.\n' \
  "$(fmt_ms "${total50[direct]}")" "$(fmt_ms "${total50[outputhub]}")" "$(fmt_ms "${total50[litellm]}")"
printf 'Output Hub at 32 connections: p50 %s, p99 %s; LiteLLM: p50 %s, p99 %s.\n' \
  "$(fmt_ms "${p50[outputhub,32]}")" "$(fmt_ms "${p99[outputhub,32]}")" "$(fmt_ms "${p50[litellm,32]}")" "$(fmt_ms "${p99[litellm,32]}")"
echo "Output Hub ai_logs rows: $logged; requests it answered as counted by wrk and curl: $sent (plus up to $oh_in_flight in flight when wrk stopped)."
echo
echo "bench/gateway-bench.sh $seconds $ttfb_n: wrk -t1 -c1 and -t2 -c32 -d${seconds}s --latency, POST $body;" \
  "stream TTFB = curl time_starttransfer over $ttfb_n sequential requests; loopback; upstream nginx, 1 worker;" \
  "LiteLLM $litellm_version with $litellm_workers uvicorn workers; $(nproc) cores; $(date -u +%Y-%m-%d)"
if [ "$logged" -lt "$sent" ] || [ "$logged" -gt $((sent + oh_in_flight)) ]; then
  echo "gateway-bench: Output Hub's ai_logs ($logged rows) do not match the requests it answered ($sent to $((sent + oh_in_flight)))" >&2
  exit 1
fi
