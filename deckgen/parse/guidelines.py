"""Design-system guidelines: a "Do" block beside a "Don't" block becomes a two-column table.

Design systems (DSFR, Material, Carbon…) pair a recommendation with its counter-example in
containers titled "✅ À faire" / "❌ À ne pas faire" or "Do" / "Don't". Read one after the other
they are two loose sentences; set side by side they are the comparison the page draws.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from itertools import zip_longest

from deckgen.document import DO_MARK, DONT_MARK, Image, Paragraph, Table

_MARK_CHARS = "✅❌✔✓✗✘⚠👍👎\ufe0f"  # how pages mark a verdict, emoji variation selector included
_MARKS = rf"[\s{_MARK_CHARS}]*"
_DO = re.compile(rf"^{_MARKS}(à faire|a faire|do|recommandé|recommended|bonne pratique|good|correct)\W*$", re.I)
_DONT = re.compile(rf"^{_MARKS}(à ne pas faire|a ne pas faire|à éviter|don[’']?t|do not|avoid|déconseillé|"
                   rf"not recommended|mauvaise pratique|bad|incorrect)\W*$", re.I)
# "dsfr-doc-guideline[✅ À faire]{col=6}", "do", "tip Don't": the bracketed title, else what follows the name
_LABEL = re.compile(r"^\s*[\w-]+\s*(?:\[(?P<bracket>[^\]]*)\]|(?P<rest>[^{]*))")


@dataclass(frozen=True)
class GuidelineTable(Table):
    """A table made of "Do" / "Don't" pairs: the next pairs of the same page section join it."""


@dataclass(frozen=True)
class Guideline:
    """One "Do" or "Don't" container: its verdict, its title as written and its sentences."""

    do: bool
    label: str
    text: str
    line: int


def verdict(info: str) -> tuple[bool, str] | None:
    """(is a "Do", its label without marks) for a container titled as a guideline, else None."""
    m = _LABEL.match(info)
    candidates = [m.group("bracket") or m.group("rest") or "" if m else "", info.split("{")[0]]
    for label in (c.strip() for c in candidates if c and c.strip()):
        clean = " ".join(re.sub(f"[{_MARK_CHARS}]", " ", label).split())
        clean = clean[:1].upper() + clean[1:]
        if _DO.match(label):
            return True, clean
        if _DONT.match(label):
            return False, clean
    return None


def guideline(info: str, blocks: list, line: int) -> Guideline | None:
    """The guideline a container holds, from its paragraphs (its pictures stay pictures)."""
    kind = verdict(info)
    if kind is None or any(not isinstance(b, (Paragraph, Image)) for b in blocks):
        return None  # a list or code inside is more than a sentence beside its counter-example
    text = " ".join(b.text for b in blocks if isinstance(b, Paragraph)).strip()
    return Guideline(kind[0], kind[1], text, line)


def pair_guidelines(events: list, is_picture: Callable[[object], bool], is_heading: Callable[[object], bool],
                    wrap: Callable[[object], object]) -> list:
    """`events` with each run of guidelines (pictures between them allowed) made one table of
    "Do" beside "Don't", rows in the order written; a run with one side only stays as paragraphs."""
    out: list = []
    i = 0
    while i < len(events):
        if not isinstance(events[i], Guideline):
            out.append(events[i])
            i += 1
            continue
        run, pictures = [], []
        while i < len(events) and (isinstance(events[i], Guideline) or is_picture(events[i])):
            (run if isinstance(events[i], Guideline) else pictures).append(events[i])
            i += 1
        dos = [g for g in run if g.do and g.text]
        donts = [g for g in run if not g.do and g.text]
        if dos and donts:
            rows = tuple((a.text if a else "", b.text if b else "") for a, b in zip_longest(dos, donts))
            # the verdict marked as design systems mark it, with glyphs every office font falls back on
            header = (f"{DO_MARK} {dos[0].label}", f"{DONT_MARK} {donts[0].label}")
            out.append(wrap(GuidelineTable(header, rows, run[0].line)))
        else:
            out += [wrap(Paragraph(g.text, g.line)) for g in run if g.text]
        out += pictures
    return _join_tables(out, is_heading)


def _join_tables(events: list, is_heading: Callable[[object], bool]) -> list:
    """The guideline tables of one section as one table, where the first stands: a page that pairs
    "Do" and "Don't" three times under a heading makes one comparison of three rows, not three slides."""
    out: list = []
    last: int | None = None  # index in `out` of the guideline table the next one may join
    for event in events:
        table = getattr(event, "block", event)
        if isinstance(table, GuidelineTable) and last is not None:
            joined = getattr(out[last], "block", out[last])
            if joined.header == table.header:
                merged = GuidelineTable(joined.header, joined.rows + table.rows, joined.line)
                out[last] = replace(out[last], block=merged) if hasattr(out[last], "block") else merged
                continue
        if isinstance(table, GuidelineTable):
            last = len(out)
        elif is_heading(event):
            last = None
        out.append(event)
    return out
