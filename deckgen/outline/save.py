"""Save an outline as YAML with a fingerprint, so an outline a person has edited is never silently overwritten."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

import yaml

from deckgen.atomic import write_text_atomic
from deckgen.errors import OutlineEditedError

from .io import read_outline_text
from .model import FINGERPRINT_PREFIX, Outline, Point

# --------------------------------------------------------------------------- save


class _Dumper(yaml.SafeDumper):
    def analyze_scalar(self, scalar):
        # The emitter's character-by-character look at each text (which quoting it allows) depends on
        # the text alone: a text met again (a point in several places, a repeated passage) is looked at once.
        seen = self.__dict__.setdefault("_analysed", {})
        found = seen.get(scalar)
        if found is None:
            found = seen[scalar] = super().analyze_scalar(scalar)
        return found

    def write_literal(self, text):
        """PyYAML's write_literal, a run of characters at a time instead of one character at a time
        (the same calls in the same order: the same bytes); notes are long, and were most of the
        time spent writing an outline."""
        hints = self.determine_block_hints(text)
        self.write_indicator("|" + hints, True)
        if hints[-1:] == "+":
            self.open_ended = True
        self.write_line_break()
        runs = _RUNS.findall(text)
        if runs and runs[0][0] not in _BREAKS:
            self.write_indent()
        for i, run in enumerate(runs):
            last = i == len(runs) - 1
            if run[0] in _BREAKS:
                for br in run:
                    self.write_line_break(None if br == "\n" else br)
                if not last:
                    self.write_indent()
            else:
                self.stream.write(run.encode(self.encoding) if self.encoding else run)
                if last:
                    self.write_line_break()


_BREAKS = "\n\x85\u2028\u2029"  # the line breaks of PyYAML's emitter
_RUNS = re.compile(f"[{_BREAKS}]+|[^{_BREAKS}]+")


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
        if m.cover.motif:
            meta["cover"]["motif"] = m.cover.motif
    data: dict[str, Any] = {"version": outline.version}
    if outline.source_path:
        data["source"] = {"path": outline.source_path, "sha256": outline.source_sha256}
    if outline.distilled_by:
        by = outline.distilled_by
        data["distiller"] = {"name": by.name, **({"model": by.model} if by.model else {})}
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
            if sl.code:
                d["code"] = {"language": sl.code.language, "text": sl.code.text}
            if sl.attribution:
                d["attribution"] = sl.attribution
            if sl.layout:
                d["layout"] = sl.layout
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


# libyaml's emitter (PyYAML's C one, several times faster) writes the very bytes of PyYAML's own for
# text of printable characters of the Basic Multilingual Plane and line feeds (not the other line
# breaks), as tests/outline/test_yaml_emitters.py pins; an outline with any other character is
# written by PyYAML's emitter. Characters beyond the plane (emoji), which libyaml escapes where PyYAML
# writes them as they are, go through it as private-use characters the outline does not hold, put
# back afterwards: both emitters treat the two alike (printable, one column).
_CDumper = None
if getattr(yaml, "__with_libyaml__", False):
    class _CDumper(yaml.CSafeDumper):  # type: ignore[no-redef]
        def represent_data(self, data):
            # texts and numbers are most of an outline: their nodes straight away, as the representers
            # registered below and SafeRepresenter.represent_int make them (texts and numbers are never aliased)
            kind = type(data)
            if kind is str:
                return yaml.ScalarNode("tag:yaml.org,2002:str", data, style="|" if "\n" in data else None)
            if kind is int:
                return yaml.ScalarNode("tag:yaml.org,2002:int", str(data))
            return super().represent_data(data)

    _CDumper.add_representer(str, _str_presenter)
    _CDumper.add_representer(_Flow, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", v, flow_style=True))
_NOT_FOR_C = re.compile("[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd]|\ufeff| \\n|\\n\\Z")


def _for_c(data: Any, flow: bool = False) -> bool:
    """True when every text in `data` (keys too) is one libyaml writes as PyYAML does: a text of several
    lines only as a literal block (never in a flow list or a key, never ending with a space)."""
    if isinstance(data, str):
        return not _NOT_FOR_C.search(data) and ("\n" not in data or not flow and not data.endswith(" "))
    if isinstance(data, dict):
        return all(_for_c(k, True) and _for_c(v) for k, v in data.items())
    if isinstance(data, list):
        return all(_for_c(v, isinstance(data, _Flow)) for v in data)
    return isinstance(data, int)  # line numbers, seeds, minutes (bool is an int too)


_ASTRAL = re.compile("[\U00010000-\U0010fffe]")  # PyYAML's printable characters beyond the plane
_PRIVATE = re.compile("[\ue000-\uf8ff]")


def _texts(data: Any):
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for k, v in data.items():
            yield from _texts(k)
            yield from _texts(v)
    elif isinstance(data, list):
        for v in data:
            yield from _texts(v)


def _stood_in(data: Any, table: dict[str, str]) -> Any:
    if isinstance(data, str):
        return _ASTRAL.sub(lambda m: table[m.group()], data) if _ASTRAL.search(data) else data
    if isinstance(data, dict):
        return {_stood_in(k, table): _stood_in(v, table) for k, v in data.items()}
    if isinstance(data, _Flow):
        return _Flow(_stood_in(v, table) for v in data)
    if isinstance(data, list):
        return [_stood_in(v, table) for v in data]
    return data


def _with_stand_ins(data: Any) -> tuple[Any, dict[str, str]] | None:
    """`data` with each character beyond the plane replaced by a private-use one it does not hold, and
    {stand-in: character}; None when there are not enough free private-use characters."""
    texts = list(_texts(data))
    astral = sorted({c for t in texts if _ASTRAL.search(t) for c in _ASTRAL.findall(t)})
    if not astral:
        return data, {}
    taken = {c for t in texts for c in _PRIVATE.findall(t)}
    free = (chr(c) for c in range(0xE000, 0xF900) if chr(c) not in taken)
    table = dict(zip(astral, free))
    if len(table) < len(astral):
        return None
    return _stood_in(data, table), {v: k for k, v in table.items()}


def yaml_text(data: Any, *, fast: bool = True) -> str:
    """`data` as block YAML, keys in order, Unicode as is, lines up to 100 characters."""
    options = dict(sort_keys=False, allow_unicode=True, width=100, default_flow_style=False)
    stood_in = _with_stand_ins(data) if fast and _CDumper is not None else None
    if stood_in is not None and _for_c(stood_in[0]):
        text = yaml.dump(stood_in[0], Dumper=_CDumper, **options)
        for stand_in, char in stood_in[1].items():
            text = text.replace(stand_in, char)
        return text
    return yaml.dump(data, Dumper=_Dumper, **options)


def dump_outline(outline: Outline) -> str:
    """The outline as YAML text, with a header comment carrying its fingerprint."""
    body = yaml_text(outline_to_data(outline))
    head = ("# deckgen outline: edit freely, then `deckgen build` this file.\n"
            "# deckgen will not overwrite it once edited unless you pass --force (your version is kept as .bak).\n")
    body = HELP + body
    return head + FINGERPRINT_PREFIX + _digest(body) + "\n" + body


# Said once at the top of every outline (after the fingerprint, which must stay in the first lines).
HELP = """\
# Levels: a slide is in the decks its `levels:` names, and each point only in the decks its own
# `levels:` names. To move a slide to another level, change both, or the slide comes out empty:
#   - title: Costs
#     levels: [practitioner, expert]        # the slide, in two decks
#     points:
#     - text: Training a large model costs millions
#       levels: [practitioner, expert]      # this point, in the same two
# Long text is first set smaller (down to the theme's sizes.body_min), then continues on a next slide.
"""


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


def set_cover_seed(path: Path, seed: int) -> None:
    """Record the cover seed in an outline. An outline deckgen wrote is re-saved (it stays unedited); a
    person's edited outline gets only that one value changed, so none of their edits is lost."""
    from dataclasses import replace

    from .io import load_outline

    path = Path(path)
    text = read_outline_text(path)
    if not is_edited(text):
        outline = load_outline(path)
        if outline.meta.cover is not None:
            cover = replace(outline.meta.cover, seed=seed)
            write_text_atomic(path, dump_outline(replace(outline, meta=replace(outline.meta, cover=cover))))
        return
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    cover = _child(_child(root, "meta"), "cover")
    if cover is None or cover.flow_style:
        raise OutlineEditedError(f"cannot record the cover seed here: add `seed: {seed}` under meta.cover",
                                 file=path)
    value = _child(cover, "seed")
    if value is not None:
        new = text[:value.start_mark.index] + str(seed) + text[value.end_mark.index:]
    else:  # a new key line after the cover mapping, at its keys' indentation
        indent = " " * cover.value[0][0].start_mark.column
        end = cover.end_mark.index if text[cover.end_mark.index - 1:cover.end_mark.index] == "\n" \
            else text.index("\n", cover.end_mark.index) + 1
        new = text[:end] + f"{indent}seed: {seed}\n" + text[end:]
    write_text_atomic(path, new)


def _child(node, key: str):
    if not isinstance(node, yaml.MappingNode):
        return None
    for k, v in node.value:
        if isinstance(k, yaml.ScalarNode) and k.value == key:
            return v
    return None
