"""The JSON Schema an outline file is validated against."""

from __future__ import annotations

from typing import Any

from deckgen.yamlcheck import LazyValidator

from .model import COVER_MOTIFS, LAYOUTS, SECTION_ROLES, VERSION

# --------------------------------------------------------------------------- schema

_STR = {"type": "string"}
_LEVELS = {"type": "array", "items": {"type": "string"}}
_POINT = {"type": "object", "required": ["text"], "additionalProperties": False,
          "properties": {"text": {"type": "string", "minLength": 1}, "levels": _LEVELS, "source": _STR}}
_SLIDE = {
    "type": "object", "required": ["id", "title"], "additionalProperties": False,
    "properties": {
        "id": {"type": "string", "minLength": 1}, "title": {"type": "string", "minLength": 1},
        "levels": _LEVELS, "points": {"type": "array", "items": _POINT},
        "terms": {"type": "array", "items": {"type": "string"}}, "notes": _STR,
        "kind": {"enum": ["content", "summary", "table", "image", "quote", "code"]},
        "layout": {"enum": list(LAYOUTS)}, "attribution": _STR,
        "code": {"type": "object", "required": ["text"], "additionalProperties": False,
                 "properties": {"text": {"type": "string", "minLength": 1}, "language": _STR}},
        "picture": {"type": "object", "required": ["path"], "additionalProperties": False,
                    "properties": {"path": {"type": "string", "minLength": 1}, "alt": _STR}},
        "table": {"type": "object", "required": ["header", "rows"], "additionalProperties": False,
                  "properties": {"header": {"type": "array", "items": _STR},
                                 "rows": {"type": "array", "items": {"type": "array", "items": _STR}}}},
        "line": {"type": "integer"},
    },
}
SCHEMA: dict[str, Any] = {
    "type": "object", "required": ["version", "meta", "sections"], "additionalProperties": False,
    "properties": {
        "version": {"const": VERSION},
        "source": {"type": "object", "additionalProperties": False,
                   "properties": {"path": _STR, "sha256": _STR}},
        "distiller": {"type": "object", "required": ["name"], "additionalProperties": False,
                      "properties": {"name": {"type": "string", "minLength": 1}, "model": _STR}},
        "meta": {"type": "object", "required": ["title"], "additionalProperties": False, "properties": {
            "title": {"type": "string", "minLength": 1}, "subtitle": _STR, "author": _STR, "date": _STR,
            "lang": {"enum": ["fr", "en"]}, "event": _STR,
            "cover": {"type": "object", "required": ["image"], "additionalProperties": False,
                      "properties": {"image": {"type": "string", "minLength": 1}, "alt": _STR,
                                     "seed": {"type": "integer"},
                                     "motif": {"enum": list(COVER_MOTIFS)}}}}},
        "audiences": {"type": "array", "minItems": 1, "items": {
            "type": "object", "required": ["id"], "additionalProperties": False, "properties": {
                "id": {"type": "string", "pattern": "^[a-z][a-z0-9-]*$"}, "label": _STR,
                "minutes": {"type": "number", "exclusiveMinimum": 0},
                "max_points": {"type": "integer", "minimum": 1, "maximum": 10},
                "max_words": {"type": "integer", "minimum": 3, "maximum": 40},
                "description": _STR}}},
        "glossary": {"type": "array", "items": {
            "type": "object", "required": ["term", "definition"], "additionalProperties": False,
            "properties": {"term": {"type": "string", "minLength": 1}, "definition": _STR, "source": _STR}}},
        "takeaways": {"type": "array", "items": _POINT},
        "references": {"type": "array", "items": _STR},
        "sections": {"type": "array", "minItems": 1, "items": {
            "type": "object", "required": ["id", "title", "slides"], "additionalProperties": False,
            "properties": {"id": {"type": "string", "minLength": 1}, "title": {"type": "string", "minLength": 1},
                           "number": _STR, "line": {"type": "integer"}, "notes": _STR,
                           "role": {"enum": list(SECTION_ROLES)},
                           "slides": {"type": "array", "items": _SLIDE}}}},
    },
}
VALIDATOR = LazyValidator(SCHEMA)  # jsonschema is imported only for an outline with errors
