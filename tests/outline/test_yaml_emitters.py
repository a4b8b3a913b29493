"""Outlines are written by libyaml when it writes PyYAML's very bytes: a fuzz over outline-shaped data."""

from __future__ import annotations

import random

import pytest
import yaml

from deckgen.outline import save
from deckgen.outline.save import _Flow, yaml_text

pytestmark = pytest.mark.skipif(save._CDumper is None, reason="PyYAML without libyaml")

PIECES = ["word", "mot", "élément", "l’IA", "C'est", " ", "  ", "\n", "\n\n", ": ", " #", "# ", "- ", "-", "?",
          "'", '"', "|", ">", "{", "}", "[", "]", ",", "&", "*", "!", "%", "@", "`", "«\u00a0", "\u00a0»", "…",
          "—", "null", "true", "yes", "~", "0", "12", "3.5", "1e3", "0x1F", "x" * 60, "long " * 30, "\t", "\r",
          "🎊", "🛰", "\U0001F600x", "\ue000", "\u2028", "\x85", "\ufeff", "\u200b", "ü", "日本", "  \n", " \n ",
          "\n  indented", "\n    - nested", "\n\t", "trailing "]


def _text(rng: random.Random) -> str:
    return "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 12)))


def _data(rng: random.Random, depth: int = 0):
    kind = rng.random()
    if depth > 3 or kind < 0.45:
        return rng.choice([_text(rng), _text(rng), rng.randint(0, 500)])
    if kind < 0.6:
        return _Flow(_text(rng) for _ in range(rng.randint(0, 3)))
    if kind < 0.8:
        return [_data(rng, depth + 1) for _ in range(rng.randint(0, 4))]
    return {rng.choice(["id", "title", "text", "notes", _text(rng)]) + str(i): _data(rng, depth + 1)
            for i in range(rng.randint(0, 5))}


def test_libyaml_writes_what_pyyaml_writes():
    rng = random.Random(14)
    by_c = with_emoji = 0
    for _ in range(3000):
        data = {"sections": [_data(rng) for _ in range(rng.randint(1, 4))]}
        fast, slow = yaml_text(data), yaml_text(data, fast=False)
        assert fast == slow, data
        assert yaml.safe_load(slow) is not None
        stood_in = save._with_stand_ins(data)
        if stood_in is not None and save._for_c(stood_in[0]):
            by_c += 1
            with_emoji += bool(stood_in[1])
    assert by_c > 300 and with_emoji > 30  # the fast path was taken (emoji too), not only the fallback


def test_emoji_are_written_as_they_are():
    assert "🎊 2026" in yaml_text({"title": "🎊 2026 edition"})
