"""The OpenAI-compatible gateway, end to end, with the real `openai` Python SDK as the client.

Run by scripts/sdk-tests, which starts the built server on a throwaway SQLite database (catalog imported)
and tests/sdk/fake_upstream.py, and sets:

    OUTPUTHUB_TEST_URL   the server, e.g. http://127.0.0.1:PORT
    OUTPUTHUB_TEST_KEY   an Output Hub API key of a tenant owner
    FAKE_UPSTREAM_URL    the fake OpenAI upstream, e.g. http://127.0.0.1:PORT

Sets up two model configurations through the REST API, then calls the gateway at $OUTPUTHUB_TEST_URL/v1 with
the SDK. Prints one line per passing check and exits non-zero at the first failure.
"""
import json
import os
import sys
import time
import traceback
import urllib.error
import urllib.parse
import urllib.request

import openai

BASE = os.environ["OUTPUTHUB_TEST_URL"].rstrip("/")
KEY = os.environ["OUTPUTHUB_TEST_KEY"]
UPSTREAM = os.environ["FAKE_UPSTREAM_URL"].rstrip("/")
SECRET = "sk-upstream-secret-123"
QUESTION = "hello"
ANSWER = "Echo: hello"


def ok(message):
    print("ok   " + message, flush=True)


def http(method, url, body=None, key=KEY):
    """(status, decoded JSON or text) of a request; HTTP errors are answers too."""
    headers = {"Accept": "application/json"}
    if key:
        headers["Authorization"] = "Bearer " + key
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    request = urllib.request.Request(url, method=method, data=data, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            status, raw = answer.status, answer.read()
    except urllib.error.HTTPError as error:
        status, raw = error.code, error.read()
    try:
        return status, json.loads(raw or b"null")
    except ValueError:
        return status, raw.decode("utf-8", "replace")


def api(method, path, body=None, expect=200):
    status, value = http(method, BASE + "/api/v1" + path, body)
    assert status == expect, f"{method} /api/v1{path} answered {status}, expected {expect}: {value!r}"
    return value


def catalog_model(model_id, mode):
    answer = api("GET", "/llm_models?" + urllib.parse.urlencode({"model_id": "eq." + model_id}))
    rows = answer.get("data") if isinstance(answer, dict) else None
    assert isinstance(rows, list), f"GET /api/v1/llm_models answered no data array: {answer!r}"
    assert rows, f"the catalog has no model with model_id {model_id} (was the LiteLLM catalog imported?)"
    rows.sort(key=lambda row: row.get("mode") != mode)  # a row of the expected mode first
    ok(f"catalog model {model_id}: {rows[0]['id']} ({len(rows)} row(s), mode {rows[0].get('mode')})")
    return rows[0]["id"]


def create_configuration(name, model_uuid):
    body = {"name": name, "model_id": model_uuid, "api_base_url": UPSTREAM + "/v1", "api_key": SECRET}
    row = api("POST", "/model_configurations", body, expect=201)
    assert isinstance(row, dict) and row.get("id"), f"POST /api/v1/model_configurations answered no id: {row!r}"
    assert SECRET not in json.dumps(row), f"the created configuration shows its provider key: {row!r}"
    ok(f"model configuration {name} created: {row['id']} (its api_key is not shown back)")
    return row["id"]


def check_usage(usage, what):
    assert usage is not None, f"{what}: no usage"
    assert isinstance(usage.prompt_tokens, int) and usage.prompt_tokens > 0, f"{what}: prompt_tokens {usage.prompt_tokens!r}"
    assert isinstance(usage.completion_tokens, int) and usage.completion_tokens > 0, \
        f"{what}: completion_tokens {usage.completion_tokens!r}"
    assert usage.total_tokens == usage.prompt_tokens + usage.completion_tokens, f"{what}: total_tokens {usage!r}"


def main():
    # -- setup through the REST API ----------------------------------------------------------------------
    status, health = http("GET", UPSTREAM + "/_last_auth", key=None)
    assert status == 200, f"the fake upstream at {UPSTREAM} is not answering: {status} {health!r}"
    chat_model = catalog_model("gpt-4o-mini", "chat")
    embed_model = catalog_model("text-embedding-3-small", "embedding")
    chat_config = create_configuration("sdk-chat", chat_model)
    embed_config = create_configuration("sdk-embed", embed_model)

    client = openai.OpenAI(base_url=BASE + "/v1", api_key=KEY, max_retries=0, timeout=30)
    ok(f"openai SDK {openai.__version__} pointed at {BASE}/v1")

    # (a) chat completion
    completion = client.chat.completions.create(model="sdk-chat", messages=[{"role": "user", "content": QUESTION}])
    assert completion.object == "chat.completion", f"chat: object {completion.object!r}"
    assert completion.choices, f"chat: no choices: {completion!r}"
    content = completion.choices[0].message.content
    assert content == ANSWER, f"chat: content {content!r}, expected {ANSWER!r}"
    assert completion.choices[0].message.role == "assistant", f"chat: role {completion.choices[0].message.role!r}"
    assert completion.choices[0].finish_reason == "stop", f"chat: finish_reason {completion.choices[0].finish_reason!r}"
    check_usage(completion.usage, "chat")
    ok(f"(a) chat.completions.create answered {content!r} with usage {completion.usage.prompt_tokens}+"
       f"{completion.usage.completion_tokens}={completion.usage.total_tokens} tokens (model {completion.model!r})")

    # (b) the same, streamed, with a usage chunk
    stream = client.chat.completions.create(model="sdk-chat", messages=[{"role": "user", "content": QUESTION}],
                                            stream=True, stream_options={"include_usage": True})
    chunks = list(stream)
    assert chunks, "stream: no chunks"
    assert all(chunk.object == "chat.completion.chunk" for chunk in chunks), \
        f"stream: objects {[chunk.object for chunk in chunks]!r}"
    text = "".join(choice.delta.content or "" for chunk in chunks for choice in chunk.choices)
    assert text == ANSWER, f"stream: deltas spell {text!r}, expected {ANSWER!r}"
    finishes = [choice.finish_reason for chunk in chunks for choice in chunk.choices if choice.finish_reason]
    assert finishes == ["stop"], f"stream: finish reasons {finishes!r}"
    check_usage(chunks[-1].usage, "stream's last chunk")
    assert chunks[-1].usage.completion_tokens == completion.usage.completion_tokens, \
        f"stream: usage {chunks[-1].usage!r} differs from the non-streamed call's {completion.usage!r}"
    ok(f"(b) streamed chat: {len(chunks)} chunks spell {text!r}, last chunk has usage "
       f"{chunks[-1].usage.total_tokens} tokens")

    # (c) embeddings: the SDK asks for base64 by default and decodes it; ask for floats too
    embedded = client.embeddings.create(model="sdk-embed", input=["a", "b"])
    vectors = [item.embedding for item in sorted(embedded.data, key=lambda item: item.index)]
    assert len(vectors) == 2, f"embeddings: {len(vectors)} vectors, expected 2: {embedded!r}"
    for vector in vectors:
        assert isinstance(vector, list) and len(vector) == 8 and all(isinstance(x, float) for x in vector), \
            f"embeddings: not a vector of 8 floats: {vector!r}"
    assert embedded.usage is not None and embedded.usage.prompt_tokens > 0, f"embeddings: usage {embedded.usage!r}"
    floats = client.embeddings.create(model="sdk-embed", input=["a", "b"], encoding_format="float")
    float_vectors = [item.embedding for item in sorted(floats.data, key=lambda item: item.index)]
    assert float_vectors == vectors, \
        f"embeddings: encoding_format=float gave {float_vectors!r}, the default (base64) gave {vectors!r}"
    ok(f"(c) embeddings.create: 2 vectors of 8 floats, the same as base64 and as floats "
       f"({embedded.usage.prompt_tokens} tokens)")

    # (d) the configurations are the gateway's models
    ids = [model.id for model in client.models.list()]
    for name in ("sdk-chat", "sdk-embed"):
        assert name in ids, f"models.list() has no {name!r}: {ids!r}"
    ok(f"(d) models.list() includes sdk-chat and sdk-embed ({len(ids)} models)")

    # (e) an unknown model is OpenAI's 404 model_not_found
    try:
        client.chat.completions.create(model="no-such-model", messages=[{"role": "user", "content": QUESTION}])
    except openai.NotFoundError as error:
        try:
            body = error.response.json()
        except ValueError:
            body = error.response.text
        code = body.get("error", {}).get("code") if isinstance(body, dict) and isinstance(body.get("error"), dict) else None
        assert code == "model_not_found", f"unknown model: error.code {code!r} in the body {body!r}"
        assert error.code == "model_not_found", f"unknown model: the SDK read the code as {error.code!r}"
        ok(f"(e) an unknown model raises openai.NotFoundError with error.code model_not_found ({error.message!r})")
    except openai.APIStatusError as error:
        raise AssertionError(f"unknown model: {type(error).__name__} {error.status_code}, expected NotFoundError (404): "
                             f"{error.response.text!r}")
    else:
        raise AssertionError("unknown model: the call succeeded, expected openai.NotFoundError")

    # (f) the configuration's provider key went upstream
    status, seen = http("GET", UPSTREAM + "/_last_auth", key=None)
    assert status == 200 and isinstance(seen, dict), f"fake upstream /_last_auth: {status} {seen!r}"
    assert seen.get("authorization") == "Bearer " + SECRET, \
        f"the upstream saw Authorization {seen.get('authorization')!r}, expected 'Bearer {SECRET}'"
    status, requests = http("GET", UPSTREAM + "/_requests", key=None)
    models_sent = sorted({r["body"].get("model") for r in requests if isinstance(r.get("body"), dict)})
    ok(f"(f) the upstream got Authorization: Bearer {SECRET} ({len(requests)} requests, models {models_sent})")

    # (g) the generation log, written behind in batches: poll, at most 5 s
    expected = {chat_config: 2, embed_config: 2}  # chat + streamed chat; base64 + float embeddings
    rows = {}
    deadline = time.monotonic() + 5
    while True:
        for config in expected:
            answer = api("GET", "/ai_logs?" + urllib.parse.urlencode({"model_configuration_id": "eq." + config}))
            assert isinstance(answer, dict) and isinstance(answer.get("data"), list), f"GET /api/v1/ai_logs: {answer!r}"
            rows[config] = answer["data"]
        if all(len(rows[config]) >= count for config, count in expected.items()) or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    for config, count in expected.items():
        name = "sdk-chat" if config == chat_config else "sdk-embed"
        assert len(rows[config]) >= count, \
            f"ai_logs: {len(rows[config])} row(s) for {name} after 5 s, expected at least {count}: {rows[config]!r}"
    everything = api("GET", "/ai_logs?limit=1000")
    for row in [*rows[chat_config], *rows[embed_config], *everything.get("data", [])]:
        assert SECRET not in json.dumps(row), f"an ai_logs row holds the provider key: {row!r}"
    ok(f"(g) ai_logs: {len(rows[chat_config])} row(s) for sdk-chat, {len(rows[embed_config])} for sdk-embed, "
       f"none holding the provider key ({len(everything.get('data', []))} rows checked)")


if __name__ == "__main__":
    try:
        main()
    except AssertionError as failure:
        print(f"FAIL {failure}", file=sys.stderr, flush=True)
        sys.exit(1)
    except Exception as failure:  # an SDK or connection error is a failure too, with where it happened
        traceback.print_exc()
        detail = getattr(getattr(failure, "response", None), "text", "")
        print(f"FAIL {type(failure).__name__}: {failure} {detail}".rstrip(), file=sys.stderr, flush=True)
        sys.exit(1)
    print("all gateway checks passed", flush=True)
