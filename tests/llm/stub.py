"""A local OpenAI-compatible stub server for the LLM distiller's tests (127.0.0.1, ephemeral port).

`Stub.script` decides each answer: a callable given the request (parsed JSON body and headers)
that returns an `Answer`. The default plays a well-behaved model that phrases each point with the
first words of a sentence of the section, so every point is faithful by construction.
"""

from __future__ import annotations

import json
import re
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LEVELS = ["general", "practitioner", "expert"]


@dataclass
class Answer:
    status: int = 200
    body: bytes | str | dict = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


@dataclass
class Seen:
    path: str
    headers: dict[str, str]
    body: dict


def section_text(request: dict) -> str:
    user = request["messages"][1]["content"]
    return user.split("<<<\n", 1)[1].rsplit("\n>>>", 1)[0]


def faithful_points(text: str, n: int = 4, words: int = 8) -> list[str]:
    """The first `words` words of the first `n` sentences of the section (all from its own text)."""
    sentences = [s for s in re.split(r"(?<=[.!?])\s+|\n+", text) if len(s.split()) >= 4]
    out = []
    for s in sentences:
        phrase = " ".join(s.split()[:words]).rstrip(",;:")
        if phrase not in out:
            out.append(phrase)
        if len(out) == n:
            break
    return out


def chat(content: str) -> dict:
    return {"id": "chatcmpl-stub", "object": "chat.completion", "model": "stub",
            "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": content}}]}


def good_content(request: dict) -> str:
    points = faithful_points(section_text(request))
    return json.dumps({"points": [{"text": p, "levels": LEVELS} for p in points],
                       "takeaway": points[0] if points else ""}, ensure_ascii=False)


def good(request: dict, headers: dict) -> Answer:
    return Answer(200, chat(good_content(request)))


class Stub:
    """The server, what it was asked, and the script that answers."""

    def __init__(self) -> None:
        self.seen: list[Seen] = []
        self.script: Callable[[dict, dict], Answer] = good
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # keep the test output clean
                pass

            def do_POST(self) -> None:
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                body = json.loads(raw or b"{}")
                headers = {k.lower(): v for k, v in self.headers.items()}
                stub.seen.append(Seen(self.path, headers, body))
                answer = stub.script(body, headers)
                if answer.delay:
                    time.sleep(answer.delay)
                data = answer.body
                if isinstance(data, dict):
                    data = json.dumps(data, ensure_ascii=False)
                if isinstance(data, str):
                    data = data.encode("utf-8")
                try:
                    self.send_response(answer.status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    for k, v in answer.headers.items():
                        self.send_header(k, v)
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout tests)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.02},
                                       daemon=True)
        self.thread.start()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def closed_port_url() -> str:
    """A URL on 127.0.0.1 where nothing listens (the port was just free)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/v1"
