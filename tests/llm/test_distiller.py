"""The LLM distiller over the example talk, against the local stub server."""

from __future__ import annotations

import json
import re

import pytest

from deckgen.api import distill_outline
from deckgen.distill.sentences import stopwords
from deckgen.errors import LLMError
from deckgen.levels import default_audiences
from deckgen.llm.cache import ReplyCache
from deckgen.llm.client import ChatClient, LLMConfig
from deckgen.llm.distiller import LLMDistiller, limits_of, sections_by_line
from deckgen.llm.guard import fold_words
from deckgen.parse import parse_markdown, read_source

from ..conftest import EXAMPLE, REPO
from .stub import LEVELS, Answer, chat, good, good_content

KEY = "sk-distiller-test-key"


@pytest.fixture(scope="module")
def talk():
    doc = parse_markdown(read_source(EXAMPLE), EXAMPLE)
    return doc, distill_outline(EXAMPLE, REPO)


def run(talk, stub, cache_dir, *, enabled=True):
    doc, outline = talk
    client = ChatClient(LLMConfig(base_url=stub.base_url, model="stub-model", api_key=KEY, timeout=2.0),
                        sleep=lambda _s: None)
    lines: list[str] = []
    distiller = LLMDistiller(client, ReplyCache(cache_dir, enabled=enabled), stopwords=fold_words(stopwords("fr")),
                             limits=limits_of(default_audiences("fr")), lang="fr", progress=lines.append)
    result = distiller.run(outline, sections_by_line(doc))
    return result, lines


def all_points(outline):
    return [p for _s, sl in outline.slides() for p in sl.points] + list(outline.takeaways)


def test_the_model_writes_the_points_and_every_point_cites_its_source(talk, stub, tmp_path):
    result, lines = run(talk, stub, tmp_path)
    stats = result.stats
    assert stats.slides == stats.requests == len(stub.seen) > 10
    assert stats.model_share >= 0.8
    assert all(s.headers["authorization"] == f"Bearer {KEY}" for s in stub.seen)
    model_texts = {p for s in stub.seen for p in json.loads(good_content(s.body))["points"][0:4] for p in [p["text"]]}
    points = all_points(result.outline)
    share = sum(p.text in model_texts for p in points) / len(points)
    assert share >= 0.8, share
    assert all(re.fullmatch(r"[a-z0-9-]+:L\d+(:s\d+)?", p.source) for p in points)
    assert result.outline.takeaways != talk[1].takeaways and 3 <= len(result.outline.takeaways) <= 5
    # notes, terms and structure are the extractive distiller's
    before = [(sl.id, sl.notes, sl.terms, sl.levels) for _s, sl in talk[1].slides()]
    assert [(sl.id, sl.notes, sl.terms, sl.levels) for _s, sl in result.outline.slides()] == before
    assert len(lines) == stats.slides and lines[0].startswith(f"[1/{stats.slides}] ")


def test_a_second_run_sends_no_request_and_gives_the_same_outline(talk, stub, tmp_path):
    first, _ = run(talk, stub, tmp_path)
    sent = len(stub.seen)
    second, lines = run(talk, stub, tmp_path)
    assert len(stub.seen) == sent and second.stats.requests == 0
    assert second.stats.from_cache == second.stats.slides
    assert second.outline == first.outline
    assert all(line.endswith("(cached)") for line in lines)
    third, _ = run(talk, stub, tmp_path, enabled=False)  # --no-cache
    assert third.stats.requests == second.stats.slides and third.outline == first.outline


def test_a_point_with_a_number_absent_from_the_source_is_refused_and_named(talk, stub, tmp_path):
    def hallucinate(req, headers):
        data = json.loads(good_content(req))
        data["points"].append({"text": "87 % des entreprises l'utilisent", "levels": LEVELS})
        return Answer(200, chat(json.dumps(data, ensure_ascii=False)))

    stub.script = hallucinate
    result, _ = run(talk, stub, tmp_path)
    refused = [w for w in result.warnings if "refused" in w]
    assert len(refused) == result.stats.refused == result.stats.slides
    assert all("number '87 %'" in w and w.endswith("not in the source") for w in refused)
    assert not any("87" in p.text for p in all_points(result.outline))
    assert result.stats.model_share >= 0.8  # the slides keep their other points


def test_malformed_json_is_retried_once_with_the_problem(talk, stub, tmp_path):
    calls = []

    def flaky(req, headers):
        calls.append(req)
        return Answer(200, chat('{"points": [{"text": "oops"')) if len(calls) == 1 else good(req, headers)

    stub.script = flaky
    result, _ = run(talk, stub, tmp_path)
    assert result.stats.requests == result.stats.slides + 1 and result.stats.fallbacks == 0
    retry = calls[1]["messages"]
    assert retry[-1]["role"] == "user" and "not JSON" in retry[-1]["content"]
    assert not any("malformed" in w for w in result.warnings)


def test_twice_malformed_falls_back_to_the_extractive_points(talk, stub, tmp_path):
    doc, outline = talk
    first_slide = [sl for _s, sl in outline.slides() if sl.kind in ("content", "summary") and sl.points][0]
    calls = []

    def broken_first_slide(req, headers):
        calls.append(req)
        return Answer(200, chat("not json at all")) if len(calls) <= 2 else good(req, headers)

    stub.script = broken_first_slide
    result, _ = run(talk, stub, tmp_path)
    assert result.stats.fallbacks == 1
    warning = [w for w in result.warnings if "malformed" in w]
    assert warning == [f"slide '{first_slide.id}': the model's reply was malformed twice (not JSON (Expecting value "
                       "at line 1 column 1)); kept the extractive points"]
    kept = next(sl for _s, sl in result.outline.slides() if sl.id == first_slide.id)
    assert kept.points == first_slide.points
    again, _ = run(talk, stub, tmp_path)  # only valid replies were cached: the broken slide is asked again
    assert again.stats.requests == 1


def test_a_level_the_model_leaves_empty_keeps_its_extractive_points(talk, stub, tmp_path):
    def experts_only(req, headers):
        data = json.loads(good_content(req))
        for p in data["points"]:
            p["levels"] = ["expert"]
        return Answer(200, chat(json.dumps(data, ensure_ascii=False)))

    stub.script = experts_only
    result, _ = run(talk, stub, tmp_path)
    for _s, sl in result.outline.slides():
        for level in sl.levels:
            if sl.points:
                assert any(level in p.levels for p in sl.points), (sl.id, level)
    assert any("no faithful model point for level 'general'" in w for w in result.warnings)


def test_a_server_fault_stops_the_run(talk, stub, tmp_path):
    stub.script = lambda req, headers: Answer(500, "down")
    with pytest.raises(LLMError, match=r"HTTP 500"):
        run(talk, stub, tmp_path)
