from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "assets" / "ia-generative-2025" / "whitepaper.md"


@pytest.fixture
def example_md() -> Path:
    return EXAMPLE


@pytest.fixture
def project(tmp_path: Path, monkeypatch) -> Path:
    """A scratch project (assets/, outlines/, output/) holding a copy of the example talk; cwd is set to it."""
    talk = tmp_path / "assets" / "ia-generative-2025"
    talk.mkdir(parents=True)
    shutil.copy(EXAMPLE, talk / "whitepaper.md")
    (tmp_path / "outlines").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def fixture_decks():
    """tests/check/fixtures/decks.py (builders of deliberately defective decks), loaded once."""
    name = "deckgen_check_fixture_decks"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, Path(__file__).parent / "check/fixtures/decks.py")
        mod = importlib.util.module_from_spec(spec)
        sys.modules[name] = mod
        spec.loader.exec_module(mod)
    return sys.modules[name]
