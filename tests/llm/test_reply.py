"""The reply contract: what a model's message must be before anything in it is used."""

from __future__ import annotations

import json

import pytest

from deckgen.llm.reply import ReplyError, parse_reply

LEVELS = ("general", "practitioner", "expert")


def test_a_good_reply():
    content = json.dumps({"points": [{"text": " Une  avancée majeure ", "levels": ["expert", "General"]}],
                          "takeaway": "Une avancée", "title": "Modèles"})
    reply = parse_reply(content, LEVELS)
    assert reply.points[0].text == "Une avancée majeure"
    assert reply.points[0].levels == ("general", "expert")  # audience order, case forgiven
    assert reply.takeaway == "Une avancée" and reply.title == "Modèles"


@pytest.mark.parametrize("wrapped", [
    '```json\n{"points": [{"text": "a b", "levels": ["expert"]}], "takeaway": ""}\n```',
    '<think>Let me see.</think>\n{"points": [{"text": "a b", "levels": ["expert"]}], "takeaway": ""}',
])
def test_fences_and_reasoning_are_peeled_off(wrapped):
    assert parse_reply(wrapped, LEVELS).points[0].text == "a b"


@pytest.mark.parametrize(("content", "problem"), [
    ("", "empty reply"),
    ('{"points": [', "not JSON"),
    ("[1, 2]", "expected a JSON object"),
    ('{"takeaway": "x"}', "points: expected a non-empty list"),
    ('{"points": [], "takeaway": "x"}', "points: expected a non-empty list"),
    ('{"points": ["a"], "takeaway": "x"}', r"points\[0\]: expected an object"),
    ('{"points": [{"text": "", "levels": ["expert"]}], "takeaway": "x"}', r"points\[0\].text: empty"),
    ('{"points": [{"text": 3, "levels": ["expert"]}], "takeaway": "x"}', r"points\[0\].text: expected a string"),
    ('{"points": [{"text": "a"}], "takeaway": "x"}', r"points\[0\].levels: expected a non-empty list"),
    ('{"points": [{"text": "a", "levels": ["kids"]}], "takeaway": "x"}', r"points\[0\].levels\[0\]: unknown level"),
    ('{"points": [{"text": "a", "levels": ["expert"]}]}', "takeaway: expected a string"),
    ('{"points": [{"text": "a", "levels": ["expert"]}], "takeaway": "x", "title": 5}', "title: expected a string"),
])
def test_malformed_replies_say_what_is_wrong(content, problem):
    with pytest.raises(ReplyError, match=problem):
        parse_reply(content, LEVELS)


def test_too_many_points_is_not_an_answer():
    content = json.dumps({"points": [{"text": f"p {i}", "levels": ["expert"]} for i in range(13)], "takeaway": ""})
    with pytest.raises(ReplyError, match="more than 12"):
        parse_reply(content, LEVELS)
