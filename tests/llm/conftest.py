from __future__ import annotations

import pytest

from .stub import Stub


@pytest.fixture
def stub():
    server = Stub()
    yield server
    server.close()


@pytest.fixture(autouse=True)
def _no_llm_env(monkeypatch):
    """Tests set the LLM environment explicitly; a developer's own settings never leak in."""
    for name in ("OPENAI_BASE_URL", "OPENAI_API_KEY", "DECKGEN_LLM_MODEL", "DECKGEN_LLM_TIMEOUT", "http_proxy", "HTTP_PROXY",
                 "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
