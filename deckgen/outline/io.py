"""Load an outline file: validate it (errors with file, line and field) and build the model."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from deckgen.errors import ErrorList, OutlineError
from deckgen.levels import LEVEL_IDS, Audience, default_audiences
from deckgen.yamlcheck import field_path, load_validated, node_line, read_text

from .model import (
    CodeSample,
    Cover,
    DistilledBy,
    GlossaryEntry,
    Meta,
    Outline,
    OutlineSection,
    Picture,
    Point,
    Slide,
    TableData,
)
from .schema import VALIDATOR

# --------------------------------------------------------------------------- load


def read_outline_text(path: Path) -> str:
    return read_text(path)


def load_outline(path: Path) -> Outline:
    """Read and validate an outline file; every problem found is reported with file, line, field."""
    path = Path(path)
    data, root, errors = load_validated(path, VALIDATOR, OutlineError)
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
            if slide.get("kind") == "code" and not slide.get("code"):
                err("a code slide needs a 'code'", where)
    return errors


def _points(items) -> tuple[Point, ...]:
    return tuple(Point(p["text"], tuple(p.get("levels") or LEVEL_IDS), p.get("source", "")) for p in items or [])


def _from_data(data: dict) -> Outline:
    m = data["meta"]
    cover = m.get("cover")
    meta = Meta(title=m["title"], subtitle=m.get("subtitle", ""), author=m.get("author", ""),
                date=str(m.get("date", "")), lang=m.get("lang", "en"), event=m.get("event", ""),
                cover=Cover(cover["image"], cover.get("alt", ""), cover.get("seed", 0), cover.get("motif", ""))
                if cover else None)
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
                line=sl.get("line", 0), attribution=sl.get("attribution") or "", layout=sl.get("layout") or "",
                code=CodeSample(sl["code"]["text"], sl["code"].get("language") or "") if sl.get("code") else None))
        sections.append(OutlineSection(s["id"], s["title"], s.get("number", ""), tuple(slides), s.get("line", 0),
                                       s.get("notes") or "", s.get("role", "other")))
    src = data.get("source") or {}
    by = data.get("distiller")
    return Outline(
        distilled_by=DistilledBy(by["name"], by.get("model", "")) if by else None,
        meta=meta, sections=tuple(sections), source_path=src.get("path", ""),
        source_sha256=src.get("sha256", ""), audiences=tuple(audiences),
        glossary=tuple(GlossaryEntry(g["term"], g.get("definition", ""), g.get("source", ""))
                       for g in data.get("glossary") or []),
        takeaways=_points(data.get("takeaways")), references=tuple(data.get("references") or ()))
