"""`deckgen distill/build --distiller openai` end to end, against the local stub server."""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from deckgen.cli import main

from ..conftest import REPO, write
from .stub import LEVELS, Answer, chat, closed_port_url, good_content

KEY = "sk-cli-secret-4242"
DOC = "assets/assistants/whitepaper.md"
OUTLINE = "outlines/assistants.yaml"
TALK = Path(__file__).parent / "fixtures" / "talk.md"


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A scratch project holding one short talk (the example would make these tests slow); cwd is set to it."""
    write(tmp_path / DOC, TALK.read_text(encoding="utf-8"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(main, list(args), env=env or {}, catch_exceptions=False)


def llm_env(stub_or_url) -> dict[str, str]:
    url = stub_or_url if isinstance(stub_or_url, str) else stub_or_url.base_url
    return {"OPENAI_BASE_URL": url, "OPENAI_API_KEY": KEY}


def model_texts(stub) -> set[str]:
    return {p["text"] for s in stub.seen for p in json.loads(good_content(s.body))["points"]}


def outline_points(project) -> list[dict]:
    import yaml

    data = yaml.safe_load((project / OUTLINE).read_text(encoding="utf-8"))
    return [p for s in data["sections"] for sl in s["slides"] for p in sl["points"]] + data.get("takeaways", [])


def everything_written(project) -> str:
    return "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in project.rglob("*")
                     if p.is_file() and p.suffix in (".yaml", ".json", ".txt", ""))


def test_default_distill_sends_nothing(project, stub, monkeypatch):
    def no_network(*_a, **_k):
        raise AssertionError("the default distiller must not open a connection")

    monkeypatch.setattr(urllib.request, "urlopen", no_network)
    result = run("distill", DOC, env={**llm_env(stub), "DECKGEN_LLM_MODEL": "stub-model"})
    assert result.exit_code == 0, result.output
    assert stub.seen == []
    assert "distiller:" not in (project / OUTLINE).read_text(encoding="utf-8")
    assert not (project / "outlines" / ".deckgen-cache").exists()


def test_openai_distill_end_to_end(project, stub):
    result = run("distill", DOC, "--distiller", "openai", "--model", "stub-model", env=llm_env(stub))
    assert result.exit_code == 0, result.output
    sent = len(stub.seen)
    assert sent >= 5 and all(s.headers["authorization"] == f"Bearer {KEY}" for s in stub.seen)
    text = (project / OUTLINE).read_text(encoding="utf-8")
    assert "distiller:\n  name: openai\n  model: stub-model\n" in text
    points = outline_points(project)
    share = sum(p["text"] in model_texts(stub) for p in points) / len(points)
    assert share >= 0.8, share
    assert all(p.get("source") for p in points)
    # progress, one line per request (a short document's subsections have general slides of their own)
    assert f"[1/{sent}] Introduction: 3 model points\n[2/{sent}] Usages" in result.stderr
    assert result.stderr.count(" model points\n") == sent
    assert "model points" not in result.stdout
    assert KEY not in result.output + result.stderr + everything_written(project)
    assert list((project / "outlines" / ".deckgen-cache" / "llm").rglob("*.json"))

    again = run("distill", DOC, "--distiller", "openai", "--model", "stub-model", env=llm_env(stub))
    assert again.exit_code == 0 and len(stub.seen) == sent  # a second run sends no request
    assert "unchanged" in again.stdout and "(cached)" in again.stderr

    fresh = run("distill", DOC, "--distiller", "openai", "--model", "stub-model", "--no-cache", env=llm_env(stub))
    assert fresh.exit_code == 0 and len(stub.seen) == 2 * sent


def test_a_hallucinated_number_is_named_in_a_warning(project, stub):
    def hallucinate(req, headers):
        data = json.loads(good_content(req))
        data["points"].insert(0, {"text": "87 % des entreprises l'utilisent", "levels": LEVELS})
        return Answer(200, chat(json.dumps(data, ensure_ascii=False)))

    stub.script = hallucinate
    result = run("distill", DOC, "--distiller", "openai", "--model", "m", env=llm_env(stub))
    assert result.exit_code == 0, result.output
    assert "warning: slide 'introduction': refused the model's point \"87 % des entreprises l'utilisent\": " \
           "number '87 %'" in result.stderr
    assert "87 %" not in (project / OUTLINE).read_text(encoding="utf-8")


def test_an_unreachable_server_is_one_line_and_the_outline_is_untouched(project, stub):
    assert run("distill", DOC).exit_code == 0
    before = (project / OUTLINE).read_bytes()
    url = closed_port_url()
    result = run("distill", DOC, "--distiller", "openai", "--model", "m", "--force", env=llm_env(url))
    assert result.exit_code == 1
    assert result.stderr == f"error: {url}/chat/completions: connection refused (is the server running?)\n"
    assert (project / OUTLINE).read_bytes() == before


def test_a_server_error_is_one_line_naming_the_url_and_the_key_stays_secret(project, stub):
    stub.script = lambda req, headers: Answer(401, {"error": {"message": f"invalid key {KEY}"}})
    result = run("distill", DOC, "--distiller", "openai", "--model", "m", env=llm_env(stub))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {stub.base_url}/chat/completions: HTTP 401")
    assert KEY not in result.stderr + result.stdout
    assert not (project / OUTLINE).exists()


def test_the_openai_distiller_needs_a_model(project, stub):
    result = run("distill", DOC, "--distiller", "openai", env=llm_env(stub))
    assert result.exit_code != 0 and "--model" in result.stderr and "DECKGEN_LLM_MODEL" in result.stderr
    assert stub.seen == [] and not (project / OUTLINE).exists()
    with_env = run("distill", DOC, "--distiller", "openai", env={**llm_env(stub), "DECKGEN_LLM_MODEL": "envmodel"})
    assert with_env.exit_code == 0, with_env.output
    assert {s.body["model"] for s in stub.seen} == {"envmodel"}


@pytest.mark.parametrize("option", ["--model", "--no-cache"])
def test_llm_options_need_the_openai_distiller(project, option):
    args = [option, "m"] if option == "--model" else [option]
    result = run("distill", DOC, *args)
    assert result.exit_code == 2 and "--distiller openai" in result.stderr


def test_build_distils_with_the_model_when_it_distils(project, stub):
    import shutil

    # a cover picture already there: drawing one is not what this test is about, and takes time
    shutil.copy(REPO / "assets" / "ia-generative-2025" / "illustration-couverture.png",
                project / "assets" / "assistants" / "whitepaper-cover.png")
    result = run("build", DOC, "--level", "general", "--distiller", "openai", "--model", "stub-model",
                 env=llm_env(stub))
    assert result.exit_code == 0, result.output
    assert stub.seen and "model: stub-model" in (project / OUTLINE).read_text(encoding="utf-8")
    sent = len(stub.seen)
    again = run("build", DOC, "--level", "general", "--distiller", "openai", "--model", "stub-model",
                env=llm_env(stub))
    assert again.exit_code == 0 and len(stub.seen) == sent  # the outline is up to date: nothing to distil
