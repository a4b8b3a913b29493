"""The quick schema check that lets a valid outline or theme load without jsonschema: it may say
"not sure", never "valid" for a document jsonschema rejects."""

from __future__ import annotations

import copy
import random
from pathlib import Path

import yaml
from jsonschema import Draft202012Validator

from deckgen.outline.schema import SCHEMA as OUTLINE_SCHEMA
from deckgen.theme.loader import SCHEMA as THEME_SCHEMA
from deckgen.yamlcheck import conforms

ROOT = Path(__file__).resolve().parents[2]
ODD_VALUES = [None, True, False, 0, 1, -1, 1.0, 2.5, float("nan"), "", "x", "#12345g", "#A1B2C3", "a" * 300,
              [], [""], ["general"], {}, {"text": "t"}, {"unexpected": 1}, 0.0, 7, 200, 3, "general"]


def _paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _paths(v, prefix + (i,))


def _mutated(doc, rng: random.Random):
    out = copy.deepcopy(doc)
    path = rng.choice(list(_paths(out))[1:])
    parent = out
    for p in path[:-1]:
        parent = parent[p]
    action = rng.random()
    if action < 0.6:
        parent[path[-1]] = rng.choice(ODD_VALUES)
    elif action < 0.8 and isinstance(parent, dict):
        del parent[path[-1]]
    elif isinstance(parent, dict):
        parent[rng.choice(["extra", "Levels", "notes", "kind", "seed"])] = rng.choice(ODD_VALUES)
    else:
        parent.append(rng.choice(ODD_VALUES))
    return out


def _check(doc, schema, tries: int) -> tuple[int, int]:
    full = Draft202012Validator(schema)
    rng = random.Random(14)
    said_valid = rejected = 0
    assert conforms(doc, schema) and not list(full.iter_errors(doc))
    for _ in range(tries):
        bad = _mutated(doc, rng)
        errors = list(full.iter_errors(bad))
        rejected += bool(errors)
        if conforms(bad, schema):
            said_valid += 1
            assert not errors, (errors[0].message, errors[0].absolute_path)
    return said_valid, rejected


def test_quick_check_never_passes_an_outline_jsonschema_rejects():
    doc = yaml.safe_load((ROOT / "outlines" / "ia-generative-2025.yaml").read_text(encoding="utf-8"))
    doc["sections"], doc["glossary"] = doc["sections"][:2], doc.get("glossary", [])[:3]  # every kind of field, quicker
    said_valid, rejected = _check(doc, OUTLINE_SCHEMA, 400)
    assert rejected > 250 and said_valid > 40  # the mutations exercise both answers


def test_quick_check_never_passes_a_theme_jsonschema_rejects():
    doc = yaml.safe_load((ROOT / "deckgen" / "data" / "themes" / "pastel.yaml").read_text(encoding="utf-8"))
    said_valid, rejected = _check(doc, THEME_SCHEMA, 400)
    assert rejected > 150 and said_valid > 20
