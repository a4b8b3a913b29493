"""The Chat Completions client against the local stub: the request, retries, back-off and faults."""

from __future__ import annotations

import email.utils
import time

import pytest

from deckgen.errors import DeckgenError, LLMError
from deckgen.llm.client import DEFAULT_BASE_URL, ChatClient, LLMConfig, retry_after

from .stub import Answer, chat, closed_port_url

KEY = "sk-test-0123456789abcdef"
MESSAGES = [{"role": "system", "content": "s"}, {"role": "user", "content": "u"}]


def client(base_url: str, **kw) -> tuple[ChatClient, list[float]]:
    waits: list[float] = []
    config = LLMConfig(base_url=base_url, model="stub-model", api_key=KEY, **{"timeout": 2.0, **kw})
    return ChatClient(config, sleep=waits.append), waits


def sequence(*answers: Answer):
    """A script answering with `answers` in turn, the last one for ever after."""
    queue = list(answers)
    return lambda _req, _headers: queue.pop(0) if len(queue) > 1 else queue[0]


def test_a_good_reply_carries_the_key_the_model_and_json_mode(stub):
    stub.script = sequence(Answer(200, chat('{"points": []}')))
    c, waits = client(stub.base_url)
    assert c.complete(MESSAGES).content == '{"points": []}'
    seen = stub.seen[0]
    assert seen.path == "/v1/chat/completions"
    assert seen.headers["authorization"] == f"Bearer {KEY}"
    assert seen.body["model"] == "stub-model"
    assert seen.body["messages"] == MESSAGES
    assert seen.body["response_format"] == {"type": "json_object"}
    assert waits == [] and c.requests == 1


def test_no_key_no_authorization_header(stub):
    stub.script = sequence(Answer(200, chat("{}")))
    c = ChatClient(LLMConfig(base_url=stub.base_url, model="m"))
    c.complete(MESSAGES)
    assert "authorization" not in stub.seen[0].headers


def test_server_errors_are_retried_with_exponential_back_off(stub):
    stub.script = sequence(Answer(500, "boom"), Answer(502, "bad gateway"), Answer(200, chat("ok")))
    c, waits = client(stub.base_url, backoff=0.5)
    assert c.complete(MESSAGES).content == "ok"
    assert waits == [0.5, 1.0] and c.requests == 3


def test_persistent_500_gives_one_line_naming_the_url_and_the_cause(stub):
    stub.script = sequence(Answer(500, {"error": {"message": "model crashed"}}))
    c, waits = client(stub.base_url, retries=2)
    with pytest.raises(LLMError) as err:
        c.complete(MESSAGES)
    line = str(err.value)
    assert line.startswith(f"{stub.base_url}/chat/completions: HTTP 500")
    assert "model crashed" in line and "3 attempts" in line and "\n" not in line
    assert len(stub.seen) == 3 and len(waits) == 2


def test_429_honours_retry_after(stub):
    stub.script = sequence(Answer(429, "slow down", {"Retry-After": "7"}), Answer(200, chat("ok")))
    c, waits = client(stub.base_url)
    assert c.complete(MESSAGES).content == "ok"
    assert waits == [7.0]


def test_429_asking_for_too_long_a_wait_fails_at_once(stub):
    stub.script = sequence(Answer(429, "quota", {"Retry-After": "3600"}))
    c, waits = client(stub.base_url)
    with pytest.raises(LLMError, match=r"HTTP 429 .*retry after 3600 s"):
        c.complete(MESSAGES)
    assert waits == [] and len(stub.seen) == 1


def test_retry_after_as_an_http_date():
    now = time.time()
    assert retry_after(email.utils.formatdate(now + 30, usegmt=True), now=now) == pytest.approx(30, abs=1)
    assert retry_after("12") == 12.0
    assert retry_after("soon") is None and retry_after(None) is None


def test_a_slow_reply_times_out_and_is_retried_a_bounded_number_of_times(stub):
    stub.script = sequence(Answer(200, chat("late"), delay=1.0))
    c, waits = client(stub.base_url, timeout=0.2, retries=1)
    with pytest.raises(LLMError, match="timed out") as err:  # the stub answers after 1 s: only a timeout fails
        c.complete(MESSAGES)
    assert stub.base_url in str(err.value) and len(waits) == 1 and c.requests == 2


def test_connection_refused_fails_at_once_naming_the_url():
    url = closed_port_url()
    c, waits = client(url)
    with pytest.raises(LLMError) as err:
        c.complete(MESSAGES)
    assert str(err.value) == f"{url}/chat/completions: connection refused (is the server running?)"
    assert waits == [] and c.requests == 1


def test_client_errors_are_not_retried_and_never_show_the_key(stub):
    stub.script = sequence(Answer(401, {"error": {"message": f"Incorrect API key provided: {KEY}"}}))
    c, waits = client(stub.base_url)
    with pytest.raises(LLMError) as err:
        c.complete(MESSAGES)
    line = str(err.value)
    assert "HTTP 401" in line and "check OPENAI_API_KEY" in line
    assert KEY not in line and "***" in line
    assert waits == [] and len(stub.seen) == 1


def test_a_body_that_is_not_a_chat_completion_is_a_fault(stub):
    stub.script = sequence(Answer(200, "<html>hello</html>"))
    c, _ = client(stub.base_url)
    with pytest.raises(LLMError, match=r"not a Chat Completions reply .*<html>hello</html>"):
        c.complete(MESSAGES)


def test_configuration_from_the_environment():
    config = LLMConfig.from_env(None, {"DECKGEN_LLM_MODEL": "llama3.2", "OPENAI_API_KEY": KEY})
    assert config.base_url == DEFAULT_BASE_URL and config.model == "llama3.2"
    assert config.url == "https://api.openai.com/v1/chat/completions"
    assert KEY not in repr(config)
    local = LLMConfig.from_env("qwen", {"OPENAI_BASE_URL": "http://localhost:11434/v1/", "DECKGEN_LLM_MODEL": "x"})
    assert local.model == "qwen" and local.url == "http://localhost:11434/v1/chat/completions"
    assert local.api_key is None
    with pytest.raises(DeckgenError, match="--model NAME or set DECKGEN_LLM_MODEL"):
        LLMConfig.from_env(None, {})
    assert LLMConfig.from_env("m", {"DECKGEN_LLM_TIMEOUT": "600"}).timeout == 600
    with pytest.raises(DeckgenError, match="DECKGEN_LLM_TIMEOUT"):
        LLMConfig.from_env("m", {"DECKGEN_LLM_TIMEOUT": "soon"})
    with pytest.raises(DeckgenError, match="OPENAI_BASE_URL"):
        LLMConfig.from_env("m", {"OPENAI_BASE_URL": "localhost:11434"})


def test_a_server_refusing_json_mode_is_asked_again_without_it(stub):
    stub.script = lambda req, headers: (
        Answer(400, {"error": {"message": "'response_format.type' must be 'json_schema' or 'text'"}})
        if "response_format" in req else Answer(200, chat("{}")))
    c, waits = client(stub.base_url)
    assert c.complete(MESSAGES).content == "{}"
    assert c.complete(MESSAGES).content == "{}"
    assert ["response_format" in s.body for s in stub.seen] == [True, False, False]
    assert waits == []
