"""outline: the editable YAML contract between the machine and the presenter.

Load, validate (JSON Schema, errors with file, line and field), and save with a fingerprint so
that an outline a person has edited is never silently overwritten.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator

from .atomic import write_text_atomic
from .errors import ErrorList, OutlineEditedError, OutlineError
from .levels import LEVEL_IDS, Audience, default_audiences
from .yamlcheck import field_path, load_validated, node_line, read_text

VERSION = 1
FINGERPRINT_PREFIX = "# fingerprint: "


# --------------------------------------------------------------------------- model


@dataclass(frozen=True)
class Point:
    """A short phrase shown on a slide, tagged with the levels that show it and where it came from."""

    text: str
    levels: tuple[str, ...] = LEVEL_IDS
    source: str = ""  # "section-id:L58" — the source line of the sentence it was taken from


@dataclass(frozen=True)
class Picture:
    """A picture on a slide: a path (relative to the project root) and its alt text."""

    path: str
    alt: str


@dataclass(frozen=True)
class TableData:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Slide:
    """One slide of the outline; the planner derives each level's deck from these."""

    id: str
    title: str
    levels: tuple[str, ...] = LEVEL_IDS
    points: tuple[Point, ...] = ()
    terms: tuple[str, ...] = ()
    notes: str = ""
    kind: str = "content"  # content | summary | table | image | quote
    picture: Picture | None = None
    table: TableData | None = None
    line: int = 0


SECTION_ROLES = ("context", "technology", "use-cases", "stakes", "outlook", "conclusion", "other")


@dataclass(frozen=True)
class OutlineSection:
    """A top-level section of the talk; `notes` is its own text before its first subsection."""

    id: str
    title: str
    number: str = ""
    slides: tuple[Slide, ...] = ()
    line: int = 0
    notes: str = ""
    role: str = "other"  # which part of the story it tells: the practitioner deck puts use cases and stakes first


@dataclass(frozen=True)
class GlossaryEntry:
    term: str
    definition: str
    source: str = ""


@dataclass(frozen=True)
class Cover:
    image: str
    alt: str
    seed: int = 0


@dataclass(frozen=True)
class Meta:
    title: str
    subtitle: str = ""
    author: str = ""
    date: str = ""
    lang: str = "en"
    event: str = ""
    cover: Cover | None = None


@dataclass(frozen=True)
class Outline:
    """The whole outline of one talk."""

    meta: Meta
    sections: tuple[OutlineSection, ...]
    source_path: str = ""
    source_sha256: str = ""
    audiences: tuple[Audience, ...] = ()
    glossary: tuple[GlossaryEntry, ...] = ()
    takeaways: tuple[Point, ...] = ()
    references: tuple[str, ...] = ()
    version: int = VERSION

    def slides(self):
        """Every slide with its section, in order."""
        for section in self.sections:
            for slide in section.slides:
                yield section, slide


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
        "kind": {"enum": ["content", "summary", "table", "image", "quote"]},
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
        "meta": {"type": "object", "required": ["title"], "additionalProperties": False, "properties": {
            "title": {"type": "string", "minLength": 1}, "subtitle": _STR, "author": _STR, "date": _STR,
            "lang": {"enum": ["fr", "en"]}, "event": _STR,
            "cover": {"type": "object", "required": ["image"], "additionalProperties": False,
                      "properties": {"image": {"type": "string", "minLength": 1}, "alt": _STR,
                                     "seed": {"type": "integer"}}}}},
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
_VALIDATOR = Draft202012Validator(SCHEMA)


# --------------------------------------------------------------------------- load


def read_outline_text(path: Path) -> str:
    return read_text(path)


def load_outline(path: Path) -> Outline:
    """Read and validate an outline file; every problem found is reported with file, line, field."""
    path = Path(path)
    data, root, errors = load_validated(path, _VALIDATOR, OutlineError)
    if not errors:
        errors = _semantic_errors(data, root, path)
    ErrorList.raise_all(errors)
    return _from_data(data)


def _semantic_errors(data: dict, root, path: Path) -> list[OutlineError]:
    errors: list[OutlineError] = []
    known = [a["id"] for a in data.get("audiences") or []] or list(LEVEL_IDS)

    def err(msg: str, where: list) -> None:
        errors.append(OutlineError(msg, file=path, line=node_line(root, where), field=field_path(where)))

    if len(set(known)) != len(known):
        err("audience ids must be unique", ["audiences"])
    seen: set[str] = set()
    for si, section in enumerate(data["sections"]):
        for li, slide in enumerate(section["slides"]):
            where = ["sections", si, "slides", li]
            if slide["id"] in seen:
                err(f"duplicate slide id '{slide['id']}'", where + ["id"])
            seen.add(slide["id"])
            for lv_i, lv in enumerate(slide.get("levels") or []):
                if lv not in known:
                    err(f"unknown level '{lv}' (levels: {', '.join(known)})", where + ["levels", lv_i])
            for pi, point in enumerate(slide.get("points") or []):
                for lv_i, lv in enumerate(point.get("levels") or []):
                    if lv not in known:
                        err(f"unknown level '{lv}' (levels: {', '.join(known)})",
                            where + ["points", pi, "levels", lv_i])
            if slide.get("kind") == "table" and not slide.get("table"):
                err("a table slide needs a 'table'", where)
    return errors


def _points(items) -> tuple[Point, ...]:
    return tuple(Point(p["text"], tuple(p.get("levels") or LEVEL_IDS), p.get("source", "")) for p in items or [])


def _from_data(data: dict) -> Outline:
    m = data["meta"]
    cover = m.get("cover")
    meta = Meta(title=m["title"], subtitle=m.get("subtitle", ""), author=m.get("author", ""),
                date=str(m.get("date", "")), lang=m.get("lang", "en"), event=m.get("event", ""),
                cover=Cover(cover["image"], cover.get("alt", ""), cover.get("seed", 0)) if cover else None)
    lang = meta.lang
    defaults = {a.id: a for a in default_audiences(lang)}
    audiences = []
    for a in data.get("audiences") or []:
        base = defaults.get(a["id"]) or Audience(a["id"], a["id"].capitalize(), 30, 4, 16)
        audiences.append(replace(base, **{k: v for k, v in a.items() if k != "id"}))
    sections = []
    for s in data["sections"]:
        slides = []
        for sl in s["slides"]:
            pic = sl.get("picture")
            tab = sl.get("table")
            slides.append(Slide(
                id=sl["id"], title=sl["title"], levels=tuple(sl.get("levels") or LEVEL_IDS),
                points=_points(sl.get("points")), terms=tuple(sl.get("terms") or ()),
                notes=sl.get("notes") or "", kind=sl.get("kind", "content"),
                picture=Picture(pic["path"], pic.get("alt", "")) if pic else None,
                table=TableData(tuple(tab["header"]), tuple(tuple(r) for r in tab["rows"])) if tab else None,
                line=sl.get("line", 0)))
        sections.append(OutlineSection(s["id"], s["title"], s.get("number", ""), tuple(slides), s.get("line", 0),
                                       s.get("notes") or "", s.get("role", "other")))
    src = data.get("source") or {}
    return Outline(
        meta=meta, sections=tuple(sections), source_path=src.get("path", ""),
        source_sha256=src.get("sha256", ""), audiences=tuple(audiences),
        glossary=tuple(GlossaryEntry(g["term"], g.get("definition", ""), g.get("source", ""))
                       for g in data.get("glossary") or []),
        takeaways=_points(data.get("takeaways")), references=tuple(data.get("references") or ()))


# --------------------------------------------------------------------------- save


class _Dumper(yaml.SafeDumper):
    pass


def _str_presenter(dumper: yaml.SafeDumper, value: str):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str_presenter)


class _Flow(list):
    """A short list written on one line: `levels: [general, expert]`."""


_Dumper.add_representer(_Flow, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", v, flow_style=True))


def _point_data(p: Point) -> dict:
    d: dict[str, Any] = {"text": p.text, "levels": _Flow(p.levels)}
    if p.source:
        d["source"] = p.source
    return d


def outline_to_data(outline: Outline) -> dict:
    """Plain data for YAML, in a stable, readable field order."""
    m = outline.meta
    meta: dict[str, Any] = {"title": m.title}
    for key in ("subtitle", "author", "date", "lang", "event"):
        if getattr(m, key):
            meta[key] = getattr(m, key)
    if m.cover:
        meta["cover"] = {"image": m.cover.image, "alt": m.cover.alt, "seed": m.cover.seed}
    data: dict[str, Any] = {"version": outline.version}
    if outline.source_path:
        data["source"] = {"path": outline.source_path, "sha256": outline.source_sha256}
    data["meta"] = meta
    if outline.audiences:
        data["audiences"] = [{"id": a.id, "label": a.label, "minutes": a.minutes, "max_points": a.max_points,
                              "max_words": a.max_words} for a in outline.audiences]
    sections = []
    for s in outline.sections:
        slides = []
        for sl in s.slides:
            d: dict[str, Any] = {"id": sl.id, "title": sl.title}
            if sl.kind != "content":
                d["kind"] = sl.kind
            d["levels"] = _Flow(sl.levels)
            d["points"] = [_point_data(p) for p in sl.points]
            if sl.terms:
                d["terms"] = _Flow(sl.terms)
            if sl.picture:
                d["picture"] = {"path": sl.picture.path, "alt": sl.picture.alt}
            if sl.table:
                d["table"] = {"header": list(sl.table.header), "rows": [list(r) for r in sl.table.rows]}
            if sl.line:
                d["line"] = sl.line
            d["notes"] = sl.notes
            slides.append(d)
        sd: dict[str, Any] = {"id": s.id}
        if s.number:
            sd["number"] = s.number
        sd["title"] = s.title
        if s.line:
            sd["line"] = s.line
        sd["role"] = s.role
        if s.notes:
            sd["notes"] = s.notes
        sd["slides"] = slides
        sections.append(sd)
    data["sections"] = sections
    if outline.takeaways:
        data["takeaways"] = [_point_data(p) for p in outline.takeaways]
    if outline.glossary:
        data["glossary"] = [{"term": g.term, "definition": g.definition, **({"source": g.source} if g.source else {})}
                            for g in outline.glossary]
    if outline.references:
        data["references"] = list(outline.references)
    return data


def dump_outline(outline: Outline) -> str:
    """The outline as YAML text, with a header comment carrying its fingerprint."""
    body = yaml.dump(outline_to_data(outline), Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                     width=100, default_flow_style=False)
    head = ("# deckgen outline: edit freely, then `deckgen build` this file.\n"
            "# deckgen will not overwrite it once edited unless you pass --force.\n")
    return head + FINGERPRINT_PREFIX + _digest(body) + "\n" + body


def _digest(body: str) -> str:
    return "sha256:" + hashlib.sha256(body.encode("utf-8")).hexdigest()


def is_edited(text: str) -> bool:
    """True when an outline's text no longer matches the fingerprint deckgen wrote into it."""
    lines = text.split("\n")
    for i, line in enumerate(lines[:5]):
        if line.startswith(FINGERPRINT_PREFIX):
            body = "\n".join(lines[i + 1:])
            return line[len(FINGERPRINT_PREFIX):].strip() != _digest(body)
    return True  # no fingerprint: written or rewritten by a person


def save_outline(outline: Outline, path: Path, *, force: bool = False) -> bool:
    """Write the outline; refuse to replace an edited one unless `force`. Returns True if written."""
    path = Path(path)
    text = dump_outline(outline)
    if path.exists():
        existing = read_outline_text(path)
        if existing == text:
            return False
        if is_edited(existing) and not force:
            raise OutlineEditedError(
                "outline was edited by hand; not overwriting it (use --force to regenerate)", file=path)
    write_text_atomic(path, text)
    return True
