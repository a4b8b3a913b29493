"""A plain-HTTP client for the Chat Completions endpoint of any OpenAI-compatible server.

Standard library only (urllib), so the optional distiller adds no dependency. Transient faults
(timeouts, dropped connections, HTTP 408/429/5xx) are retried a bounded number of times with
exponential back-off, honouring the server's Retry-After; everything else fails at once with one
line naming the URL and the cause. The API key goes into the Authorization header and nowhere
else: it is redacted from every message this module builds.
"""

from __future__ import annotations

import email.utils
import http.client
import json
import os
import socket
import ssl
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from deckgen.errors import DeckgenError, LLMError

DEFAULT_BASE_URL = "https://api.openai.com/v1"
RETRY_STATUS = frozenset({408, 429, 500, 502, 503, 504})
MAX_BODY = 8 * 1024 * 1024  # a chat reply is a few KB; more means something else is answering


@dataclass(frozen=True)
class LLMConfig:
    """Where and how to ask. `api_key` is kept out of repr so it never lands in a traceback or log."""

    base_url: str
    model: str
    api_key: str | None = field(default=None, repr=False)
    timeout: float = 120.0  # seconds of silence tolerated per socket operation (local models are slow)
    retries: int = 3  # extra attempts after a transient fault
    backoff: float = 1.0  # first wait; doubled after each attempt
    max_wait: float = 60.0  # never sleep longer than this for one retry, whatever Retry-After says

    @property
    def url(self) -> str:
        return self.base_url.rstrip("/") + "/chat/completions"

    @classmethod
    def from_env(cls, model: str | None = None, env: Mapping[str, str] | None = None, **kw: Any) -> LLMConfig:
        """The ecosystem's conventions: OPENAI_BASE_URL, OPENAI_API_KEY, and --model or DECKGEN_LLM_MODEL
        (DECKGEN_LLM_TIMEOUT, in seconds, for models slower than the default allows)."""
        env = os.environ if env is None else env
        name = (model or env.get("DECKGEN_LLM_MODEL") or "").strip()
        if not name:
            raise DeckgenError("the openai distiller needs a model: give --model NAME or set DECKGEN_LLM_MODEL",
                               field="--model")
        base = (env.get("OPENAI_BASE_URL") or DEFAULT_BASE_URL).strip()
        if not base.startswith(("http://", "https://")):
            raise DeckgenError(f"OPENAI_BASE_URL must be an http:// or https:// URL, got '{base}'",
                               field="OPENAI_BASE_URL")
        timeout = (env.get("DECKGEN_LLM_TIMEOUT") or "").strip()
        if timeout:
            try:
                kw["timeout"] = float(timeout)
            except ValueError:
                raise DeckgenError(f"DECKGEN_LLM_TIMEOUT must be a number of seconds, got '{timeout}'",
                                   field="DECKGEN_LLM_TIMEOUT") from None
            if kw["timeout"] <= 0:
                raise DeckgenError("DECKGEN_LLM_TIMEOUT must be positive", field="DECKGEN_LLM_TIMEOUT")
        return cls(base_url=base.rstrip("/"), model=name, api_key=env.get("OPENAI_API_KEY") or None, **kw)


@dataclass(frozen=True)
class Completion:
    """The assistant message of a reply, and why the model stopped ("length" means it was cut off)."""

    content: str
    finish_reason: str = ""


class _NoJsonMode(Exception):
    """The server rejects `response_format: json_object` (LM Studio wants a schema, some old servers
    know no such field); the prompt asks for JSON anyway, so the request is sent again without it."""


class _Transient(Exception):
    """A fault worth another attempt; `wait` is the server's Retry-After, if it gave one."""

    def __init__(self, cause: str, wait: float | None = None) -> None:
        super().__init__(cause)
        self.cause = cause
        self.wait = wait


def retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header: delta-seconds or an HTTP date; None if absent or bad."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def _error_detail(body: bytes) -> str:
    """The server's own explanation, short: OpenAI-style {"error": {"message"}} or the start of the text."""
    text = body.decode("utf-8", "replace").strip()
    try:
        data = json.loads(text)
    except ValueError:
        data = None
    if isinstance(data, dict):
        err = data.get("error")
        if isinstance(err, dict) and isinstance(err.get("message"), str):
            text = err["message"]
        elif isinstance(err, str):
            text = err
        elif isinstance(data.get("message"), str):
            text = data["message"]
    text = " ".join(text.split())
    return text[:200] + ("…" if len(text) > 200 else "")


def _network_cause(exc: BaseException) -> tuple[str, bool]:
    """A short cause for a failed connection, and whether another attempt may succeed."""
    reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused (is the server running?)", False
    if isinstance(reason, socket.gaierror):
        return "cannot resolve the host name", False
    if isinstance(reason, TimeoutError | socket.timeout):
        return "timed out waiting for the server", True
    if isinstance(reason, ssl.SSLError):
        return f"TLS error: {reason.reason or reason}", False
    if isinstance(reason, ConnectionError | http.client.HTTPException):
        return "the server closed the connection", True
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror, False
    return str(reason) or type(reason).__name__, False


class ChatClient:
    """POST {base}/chat/completions, one JSON request at a time."""

    def __init__(self, config: LLMConfig, *, sleep: Callable[[float], None] = time.sleep) -> None:
        self.config = config
        self._sleep = sleep  # injectable so tests check the waits without spending them
        self.requests = 0  # HTTP requests actually sent, retries included
        self.json_mode = True  # cleared once the server has refused response_format

    def redact(self, text: str) -> str:
        key = self.config.api_key
        return text.replace(key, "***") if key else text

    def fail(self, cause: str) -> LLMError:
        return LLMError(self.redact(cause), file=self.config.url)

    def _body(self, messages: list[dict[str, str]]) -> bytes:
        payload: dict[str, Any] = {"model": self.config.model, "messages": messages, "temperature": 0,
                                   "stream": False}
        if self.json_mode:
            payload["response_format"] = {"type": "json_object"}
        return json.dumps(payload, ensure_ascii=False).encode("utf-8")

    def complete(self, messages: list[dict[str, str]]) -> Completion:
        """The assistant's reply to `messages`; raises LLMError once retries are spent."""
        attempts = self.config.retries + 1
        failures = 0
        while True:
            try:
                return self._parse(self._post(self._body(messages)))
            except _NoJsonMode:
                self.json_mode = False  # not a fault: ask again at once, and so for the rest of the run
            except _Transient as exc:
                failures += 1
                if failures >= attempts:
                    raise self.fail(f"{exc.cause} (gave up after {attempts} attempts)") from None
                wait = exc.wait if exc.wait is not None else self.config.backoff * 2 ** (failures - 1)
                if wait > self.config.max_wait:
                    raise self.fail(f"{exc.cause}; the server asks to retry after {wait:.0f} s "
                                    f"(more than the {self.config.max_wait:.0f} s deckgen waits)") from None
                self._sleep(wait)

    def _post(self, body: bytes) -> bytes:
        headers = {"Content-Type": "application/json", "Accept": "application/json",
                   "User-Agent": "deckgen-llm-distiller"}
        if self.config.api_key:
            headers["Authorization"] = f"Bearer {self.config.api_key}"
        request = urllib.request.Request(self.config.url, data=body, headers=headers, method="POST")
        self.requests += 1
        try:
            with urllib.request.urlopen(request, timeout=self.config.timeout) as resp:
                data = resp.read(MAX_BODY + 1)
        except urllib.error.HTTPError as exc:
            detail = _error_detail(exc.read(64 * 1024) if exc.fp else b"")
            cause = f"HTTP {exc.code} {exc.reason}" + (f": {detail}" if detail else "")
            if exc.code in RETRY_STATUS:
                raise _Transient(cause, retry_after(exc.headers.get("Retry-After"))) from None
            if exc.code in (400, 422) and self.json_mode and "response_format" in detail:
                raise _NoJsonMode() from None
            hint = " (check OPENAI_API_KEY)" if exc.code in (401, 403) else \
                " (check OPENAI_BASE_URL and --model)" if exc.code == 404 else ""
            raise self.fail(cause + hint) from None
        except (urllib.error.URLError, OSError, http.client.HTTPException) as exc:
            cause, transient = _network_cause(exc)
            if transient:
                raise _Transient(cause) from None
            raise self.fail(cause) from None
        if len(data) > MAX_BODY:
            raise self.fail(f"reply larger than {MAX_BODY // (1024 * 1024)} MB")
        return data

    def _parse(self, data: bytes) -> Completion:
        """The first choice's message; a body that is not a chat completion means a wrong URL."""
        try:
            reply = json.loads(data.decode("utf-8"))
            choice = reply["choices"][0]
            content = choice["message"].get("content") or ""
        except (ValueError, KeyError, IndexError, TypeError, AttributeError):
            start = " ".join(data[:80].decode("utf-8", "replace").split())
            raise self.fail(f"not a Chat Completions reply (no choices[0].message): '{start}'") from None
        if not isinstance(content, str):
            content = json.dumps(content, ensure_ascii=False)
        return Completion(content, str(choice.get("finish_reason") or ""))
