"""Fills the bench tenant of an Output Hub SQLite file for bench/selection-bench.sh (not a test).

A task category `bench_routing` mapped to the 50 first active, priced chat models of the imported catalog,
USERS users, and LOGS generations in that category over the last 365 days, each with one vote from one of
the users (likes, dislikes, regenerates, skips and 1-5 ratings). The votes go in beside the API, as an
import would: the full rollup the bench times is what turns them into the totals recommendations read.

Usage: python3 bench/selection_fill.py DB LOGS USERS [--fresh N]   (needs pysqlite3-binary from PyPI)
  --fresh N adds N more generations and votes in the last hour instead (for the incremental rollup).
"""
import datetime
import random
import sys
import uuid

# The tables' JSON checks need SQLite 3.45's json_valid(NULL) = NULL; Debian 12's Python has 3.40.
import pysqlite3 as sqlite3

db, logs, users = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
fresh = int(sys.argv[5]) if len(sys.argv) > 5 and sys.argv[4] == "--fresh" else None
rng = random.Random(42 if fresh is None else 43)
c = sqlite3.connect(db)
c.execute("PRAGMA journal_mode=WAL")
tenant = c.execute("select id from tenants where slug = 'bench'").fetchone()[0]
now = datetime.datetime.now(datetime.timezone.utc)


def stamp(t):
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond // 1000:03d}Z"


def new_id():
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


if fresh is None:
    models = c.execute("""
        select m.id, m.model_id from llm_models m join llm_providers p on p.id = m.provider_id
        where m.is_active = 1 and m.is_deprecated = 0 and p.is_active = 1 and m.mode = 'chat'
          and exists (select 1 from llm_model_prices pr where pr.model_id = m.id and pr.input_per_million > 0)
        order by m.model_id limit 50""").fetchall()
    assert len(models) == 50, f"only {len(models)} priced chat models: import the catalog first"
    c.execute("insert into ai_task_categories (id, category_key, category_name, default_priority) values (?, 'bench_routing', 'Bench routing', 'balanced')",
              (new_id(),))
    c.executemany("insert into ai_model_task_mappings (id, model_id, category_key, suitability_score, average_speed_ms) values (?, ?, 'bench_routing', ?, ?)",
                  [(new_id(), m[0], round(rng.uniform(0.5, 0.95), 2), rng.randint(300, 4000)) for m in models])
    user_ids = [new_id() for _ in range(users)]
    c.executemany("insert into users (id, email, full_name) values (?, ?, ?)",
                  [(u, f"voter{i}@bench.example", f"Voter {i}") for i, u in enumerate(user_ids)])
    span = 365 * 86400
else:
    models = c.execute("select model_id, (select model_id from llm_models where id = t.model_id) from ai_model_task_mappings t where category_key = 'bench_routing'").fetchall()
    user_ids = [r[0] for r in c.execute("select id from users where email like 'voter%@bench.example'")]
    logs, span = fresh, 3600

types = ["like", "like", "like", "dislike", "dislike", "regenerate", "skip", "rating", "rating", "rating"]
log_rows, vote_rows = [], []
for i in range(logs):
    model = rng.choice(models)
    at = now - datetime.timedelta(seconds=rng.uniform(60, span))
    voted = at + datetime.timedelta(seconds=rng.uniform(1, 50))
    log_id, user = new_id(), rng.choice(user_ids)
    tin, tout = rng.randint(100, 3000), rng.randint(50, 1500)
    log_rows.append((log_id, tenant, user, model[0], model[1], "success" if i % 40 else "error", tin, tout, tin + tout,
                     round((tin * 0.5 + tout * 1.5) / 1e6, 6), rng.randint(200, 5000), stamp(at)))
    kind = types[i % len(types)]
    vote_rows.append((new_id(), tenant, user, log_id, model[0], kind, rng.randint(1, 5) if kind == "rating" else None, stamp(voted)))
    if len(log_rows) == 20000 or i == logs - 1:
        c.executemany("""insert into ai_logs (id, tenant_id, user_id, model_id, model_name, category_key, selected_by, status, input_tokens,
                         output_tokens, total_tokens, cost_usd, latency_ms, created_at) values (?, ?, ?, ?, ?, 'bench_routing', 'auto', ?, ?, ?, ?, ?, ?, ?)""", log_rows)
        c.executemany("""insert into ai_user_feedback (id, tenant_id, user_id, ai_log_id, model_id, category_key, feedback_type, quality_rating, created_at)
                         values (?, ?, ?, ?, ?, 'bench_routing', ?, ?, ?)""", vote_rows)
        log_rows, vote_rows = [], []
c.commit()
heaviest = c.execute("select user_id, count(*) from ai_user_feedback where category_key = 'bench_routing' group by user_id order by 2 desc limit 1").fetchone()
print(heaviest[0], heaviest[1])
