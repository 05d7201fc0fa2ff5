"""A fake OpenAI upstream for the gateway's end-to-end test (stdlib only).

    python3 tests/sdk/fake_upstream.py [PORT]

Listens on 127.0.0.1:PORT (0 or no argument: a free port) and prints the port it listens on, alone on the
first line of standard output. It answers the parts of OpenAI's API the gateway forwards, deterministically:

- POST /v1/chat/completions: "Echo: " + the last user message; as `text/event-stream` chunks when the
  request has "stream": true (with a final usage chunk when stream_options.include_usage is true).
- POST /v1/embeddings: one vector of 8 floats per input (a string, a list of strings, a token array or a
  list of token arrays); base64 of little-endian float32 when encoding_format is "base64", as OpenAI does.

For the test it also answers:

- GET /_last_auth: {"authorization": <the Authorization header of the last API request, or null>}
- GET /_requests: every API request so far, [{"method", "path", "authorization", "body"}, …]
"""
import base64
import json
import struct
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOCK = threading.Lock()
REQUESTS = []  # every API request, oldest first
STATE = {"last_auth": None}


def words(text):
    return len(str(text).split())


def text_of(content):
    """A message's content as text: a string, or the text parts of a list of content parts."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(part.get("text", "") for part in content if isinstance(part, dict) and part.get("type") == "text")
    return ""


def embedding_of(index, item):
    """8 floats, each exactly representable as a float32, so base64 round trips are exact."""
    seed = len(item) if isinstance(item, (str, list)) else 0
    if isinstance(item, str):
        seed += sum(item.encode()) % 97
    return [((seed + index * 8 + k) % 32) / 16.0 - 1.0 for k in range(8)]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "FakeOpenAI/1.0"

    # -- plumbing ----------------------------------------------------------------------------------------

    def log_message(self, format, *args):
        sys.stderr.write("fake-upstream: %s\n" % (format % args))

    def read_body(self):
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            data = b""
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return data
                data += self.rfile.read(size)
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def send_json(self, status, value):
        body = json.dumps(value).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def send_error_json(self, status, message, type_="invalid_request_error", code=None, param=None):
        self.send_json(status, {"error": {"message": message, "type": type_, "param": param, "code": code}})

    def send_chunk(self, data):
        self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
        self.wfile.flush()

    # -- routes ------------------------------------------------------------------------------------------

    def do_GET(self):
        path = self.path.split("?", 1)[0]
        if path == "/_last_auth":
            with LOCK:
                self.send_json(200, {"authorization": STATE["last_auth"]})
        elif path == "/_requests":
            with LOCK:
                self.send_json(200, list(REQUESTS))
        elif path == "/v1/models":
            self.record(None)
            self.send_json(200, {"object": "list", "data": [
                {"id": "gpt-4o-mini", "object": "model", "created": 1721172741, "owned_by": "system"},
                {"id": "text-embedding-3-small", "object": "model", "created": 1705948997, "owned_by": "system"},
            ]})
        else:
            self.send_error_json(404, "Unknown path %s" % path, code="unknown_url")

    def do_POST(self):
        path = self.path.split("?", 1)[0]
        raw = self.read_body()
        try:
            body = json.loads(raw or b"null")
        except ValueError:
            body = None
        self.record(body if body is not None else raw.decode("utf-8", "replace"))
        if path not in ("/v1/chat/completions", "/v1/embeddings"):
            self.send_error_json(404, "Unknown path %s" % path, code="unknown_url")
        elif not isinstance(body, dict):
            self.send_error_json(400, "The request body is not a JSON object.")
        elif not isinstance(body.get("model"), str) or not body["model"]:
            self.send_error_json(400, "you must provide a model parameter", param="model")
        elif path == "/v1/chat/completions":
            self.chat(body)
        else:
            self.embeddings(body)

    def record(self, body):
        auth = self.headers.get("Authorization")
        with LOCK:
            STATE["last_auth"] = auth
            REQUESTS.append({"method": self.command, "path": self.path, "authorization": auth, "body": body})

    # -- OpenAI endpoints --------------------------------------------------------------------------------

    def chat(self, body):
        messages = body.get("messages")
        if not isinstance(messages, list) or not messages:
            return self.send_error_json(400, "'messages' must be a non-empty array.", param="messages")
        user = [m for m in messages if isinstance(m, dict) and m.get("role") == "user"]
        answer = "Echo: " + (text_of(user[-1].get("content")) if user else "")
        prompt_tokens = sum(words(text_of(m.get("content"))) + 3 for m in messages if isinstance(m, dict))
        completion_tokens = words(answer)
        usage = {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
            "prompt_tokens_details": {"cached_tokens": 0, "audio_tokens": 0},
            "completion_tokens_details": {"reasoning_tokens": 0, "audio_tokens": 0,
                                          "accepted_prediction_tokens": 0, "rejected_prediction_tokens": 0},
        }
        ident, created, model = "chatcmpl-fake%d" % len(REQUESTS), int(time.time()), body["model"]
        if not body.get("stream"):
            return self.send_json(200, {
                "id": ident, "object": "chat.completion", "created": created, "model": model,
                "system_fingerprint": "fp_fake",
                "choices": [{"index": 0, "message": {"role": "assistant", "content": answer, "refusal": None},
                             "logprobs": None, "finish_reason": "stop"}],
                "usage": usage, "service_tier": "default",
            })

        options = body.get("stream_options")
        include_usage = isinstance(options, dict) and options.get("include_usage") is True
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()

        def event(choices, **extra):
            chunk = {"id": ident, "object": "chat.completion.chunk", "created": created, "model": model,
                     "system_fingerprint": "fp_fake", "choices": choices}
            if include_usage:
                chunk["usage"] = None  # OpenAI sends "usage": null on every chunk but the last
            chunk.update(extra)
            self.send_chunk(b"data: " + json.dumps(chunk).encode() + b"\n\n")

        def choice(delta, finish=None):
            return [{"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish}]

        event(choice({"role": "assistant", "content": "", "refusal": None}))
        pieces = answer.split(" ")
        for i, piece in enumerate(pieces):
            event(choice({"content": piece if i == 0 else " " + piece}))
        event(choice({}, "stop"))
        if include_usage:
            event([], usage=usage)
        self.send_chunk(b"data: [DONE]\n\n")
        self.send_chunk(b"")  # the last chunk of the chunked body

    def embeddings(self, body):
        given = body.get("input")
        if isinstance(given, str) or (isinstance(given, list) and given and all(isinstance(t, int) for t in given)):
            items = [given]
        elif isinstance(given, list) and given and all(isinstance(t, (str, list)) for t in given):
            items = given
        else:
            return self.send_error_json(400, "'input' must be a string, an array of strings or token arrays.", param="input")
        as_base64 = body.get("encoding_format") == "base64"
        data = []
        for i, item in enumerate(items):
            vector = embedding_of(i, item)
            if as_base64:
                vector = base64.b64encode(struct.pack("<8f", *vector)).decode()
            data.append({"object": "embedding", "index": i, "embedding": vector})
        tokens = sum(words(t) if isinstance(t, str) else len(t) for t in items)
        self.send_json(200, {"object": "list", "data": data, "model": body["model"],
                             "usage": {"prompt_tokens": tokens, "total_tokens": tokens}})


def main():
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    print(server.server_address[1], flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
