"""Document → Outline: the entry point of distillation, the takeaways, and the coverage measure."""

from __future__ import annotations

import re

from dataclasses import replace

from deckgen.document import Code, Document, ListBlock, Section, Table
from deckgen.levels import LEVEL_IDS
from deckgen.outline.model import Cover, Meta, Outline, OutlineSection, Point
from deckgen.textutil import words

from .definitions import is_glossary_title, table_definitions
from .glossary import Chunk, build_glossary
from .keyphrases import coverage, extract_keyphrases
from .points import GENERAL_TIER, KEYPHRASE_CHECK, TOP_KEYPHRASES, Tier, to_points
from .sections import (
    EXPERT,
    Sentence,
    block_notes,
    is_reference_section,
    reference_items,
    section_role,
    section_sentence_text,
)
from .slides import OutlineBuilder

# --------------------------------------------------------------------------- takeaways

TAKEAWAY_POOL = 600  # sentences the takeaways are chosen from; picking is quadratic in them
MAX_TAKEAWAYS = 5
TAKEAWAY_TIER = Tier(LEVEL_IDS, 12, 1, plain=True)


def _parts(body: list[Section], builder: OutlineBuilder) -> list[list[Sentence]]:
    """The sentences of each part a talk's key messages are drawn from: the top-level sections, or,
    when there are fewer than three, their subsections (a part's own introduction being one)."""
    parts: list[tuple[Section, bool]] = [(top, True) for top in body]  # (section, with its subsections)

    def told(parts: list[tuple[Section, bool]]) -> int:  # parts that have sentences (not only a table)
        return sum(bool(builder.tree_sentences(s) if deep else builder.sentences(s)) for s, deep in parts)

    while told(parts) < 3 and any(deep and s.children for s, deep in parts):
        wider: list[tuple[Section, bool]] = []
        for s, deep in parts:
            subs = [c for c in s.children if not is_reference_section(c, last=False)] if deep else []
            wider += [(s, False), *((c, True) for c in subs)] if subs else [(s, deep)]
        parts = wider
    pools = [p for p in (builder.tree_sentences(s) if deep else builder.sentences(s) for s, deep in parts) if p]
    if sum(map(len, pools)) > TAKEAWAY_POOL:  # a book, not a paper: each part's opening sentences stand for it
        per_part = max(2, TAKEAWAY_POOL // len(pools))
        pools = [p[:per_part] for p in pools]
    return pools


def _takeaways(builder: OutlineBuilder, body: list[Section], roles: list[str],
               sections: tuple[OutlineSection, ...]) -> tuple[Point, ...]:
    """The talk's few key messages: each part's best point, the parts most central to the document first.

    At most one per part; never a sentence the conclusion slide already shows (the closing
    messages would repeat it word for word); the summary and the conclusion count as parts.
    """
    shown = {p.source for s, r in zip(sections, roles) if r == "conclusion" for _, p in _points(s)}
    shown_text = {_key(p.text) for s, r in zip(sections, roles) if r == "conclusion" for _, p in _points(s)}
    parts = _parts(body, builder)
    everything = [s for part in parts for s in part]
    if not everything:
        return ()
    whole = builder.d.scope(everything)
    central = {s.order: c for s, c in zip(whole.sentences, whole.centrality)}
    found: list[tuple[float, int, Point]] = []
    for part in parts:
        pool = [s for s in part if s.source not in shown]
        # "Etalab propose par ailleurs un guide…": a sentence that says it is an addition is no key message
        pool = [s for s in pool if not _ADDITIVE.search(s.text)] or pool
        if not pool:
            continue
        for pick in builder.d.pick(builder.d.scope(pool), (TAKEAWAY_TIER,)):
            (point,) = to_points([pick])
            if _key(point.text) not in shown_text:
                found.append((central.get(pick.option.sentence.order, 0.0), pick.option.sentence.order, point))
    best = sorted(found, key=lambda f: (-f[0], f[1]))[:MAX_TAKEAWAYS]
    return tuple(p for _, _, p in sorted(best, key=lambda f: f[1]))


_ADDITIVE = re.compile(r"\b(?:par ailleurs|en outre|de plus|également|aussi|also|as well|moreover|furthermore|"
                       r"in addition)\b", re.IGNORECASE)


def _key(text: str) -> str:
    return " ".join(words(text.lower()))


def _points(section: OutlineSection):
    for slide in section.slides:
        for p in slide.points:
            yield slide, p


# --------------------------------------------------------------------------- structure and repeats

GENERAL_CONTENT_SLIDES = 5  # a 15-minute talk needs at least this many screens of content


def _promoted(body: list[Section], builder: OutlineBuilder) -> frozenset[str]:
    """Subsections shown to the general audience when the document has too few parts for a talk.

    The general deck has one slide per top-level part; with fewer than five parts, the longest
    subsections (most sentences) that have a short enough sentence get a general slide too, until
    the deck has six content slides (one to spare for a part the planner folds)."""
    if len(body) >= GENERAL_CONTENT_SLIDES:
        return frozenset()
    subs = [c for top in body for c in top.children if not is_reference_section(c, last=False)
            and builder.d.options(builder.d.scope(builder.tree_sentences(c)), GENERAL_TIER.limit)]
    def speaks(top: Section) -> bool:  # the part's own text gives its general slide a point
        own = builder.sentences(top) if top.children else builder.tree_sentences(top)
        return bool(own) and bool(builder.d.options(builder.d.scope(own), GENERAL_TIER.limit))

    need = GENERAL_CONTENT_SLIDES + 1 - sum(speaks(top) for top in body)
    ranked = sorted(subs, key=lambda c: (-len(builder.tree_sentences(c)), c.line))[:need]
    # still short: a part told only by a table (a comparison, a glossary) is shown to newcomers too
    tables = [top for top in body if not top.children and not builder.tree_sentences(top)
              and not is_glossary_title(top.title)  # the deck's glossary slide says it for newcomers
              and any(isinstance(b, Table) and b.rows for b in top.blocks)]
    short = GENERAL_CONTENT_SLIDES - len(body) - len(ranked) + len(tables)
    return frozenset(c.id for c in ranked) | frozenset(t.id for t in tables if short > 0)


def _without_repeats(sections: tuple[OutlineSection, ...]) -> tuple[OutlineSection, ...]:
    """A point already shown on an earlier slide of the same level is not shown again."""
    seen: dict[tuple[str, str], str] = {}
    out = []
    for section in sections:
        slides = []
        for slide in section.slides:
            if slide.kind == "quote":
                slides.append(slide)
                continue
            kept = []
            for p in slide.points:
                key = _key(p.text)
                if any(seen.get((lv, key), slide.id) != slide.id for lv in p.levels):
                    continue
                for lv in p.levels:
                    seen[(lv, key)] = slide.id
                kept.append(p)
            slides.append(replace(slide, points=tuple(kept)))
        out.append(replace(section, slides=tuple(slides)))
    return tuple(out)


# --------------------------------------------------------------------------- entry point


def _chunks(body: list[Section], lang: str) -> tuple[Chunk, ...]:
    """Every title and block of the talk's sections, in order, for the glossary."""
    out: list[Chunk] = []
    for top in body:
        for s in top.walk():
            if is_reference_section(s, last=False):
                continue
            out.append(Chunk(s.title, s.id, s.line))
            for b in s.blocks:
                if isinstance(b, Code):
                    continue  # identifiers and keywords of code are never glossary terms
                items = tuple(i.text for i in b.items) if isinstance(b, ListBlock) else ()
                pairs = tuple(table_definitions(b, s.title)) if isinstance(b, Table) else ()
                out.append(Chunk(block_notes(b, lang), s.id, b.line, items, pairs))
    return tuple(out)


def document_to_outline(doc: Document, *, source_path: str, source_sha256: str,
                        cover_image: str | None, cover_seed: int) -> Outline:
    """Distill a parsed document into an outline (deterministic, offline)."""
    lang = doc.lang
    body: list[Section] = []
    references: list[str] = []
    for i, top in enumerate(doc.sections):
        if is_reference_section(top, last=i == len(doc.sections) - 1):
            references += reference_items(top)
        else:
            body.append(top)
            for sub in top.walk():
                if sub is not top and is_reference_section(sub, last=False):
                    references += reference_items(sub)

    glossary = build_glossary(_chunks(body, lang), lang)

    builder = OutlineBuilder(doc, body, glossary)
    roles = [section_role(top, lang) for top in body]
    promoted = _promoted(body, builder)
    sections = _without_repeats(tuple(builder.section(top, role, promoted) for top, role in zip(body, roles)))
    cover = Cover(cover_image, doc.cover.alt if doc.cover else "", cover_seed) if cover_image else None
    meta = Meta(title=doc.title, subtitle=doc.subtitle, author=doc.author, date=doc.date, lang=lang, cover=cover)
    return Outline(meta=meta, sections=sections, source_path=source_path, source_sha256=source_sha256,
                   glossary=glossary.entries, takeaways=_takeaways(builder, body, roles, sections),
                   references=tuple(references))


# --------------------------------------------------------------------------- measures


def keyphrase_coverage(doc: Document, outline: Outline, *, level: str = EXPERT,
                       top: int = KEYPHRASE_CHECK) -> dict[str, float]:
    """For each top-level section: the share of its `top` YAKE keyphrases (content words) that occur
    in the points `level` sees on that section's slides."""
    lang = doc.lang
    by_id = {s.id: s for s in doc.sections}
    out: dict[str, float] = {}
    for section in outline.sections:
        src = by_id.get(section.id)
        if src is None:
            continue
        text = section_sentence_text(src, lang)
        kps = extract_keyphrases(text, lang, TOP_KEYPHRASES)[:top]
        points = [p.text for sl in section.slides if level in sl.levels for p in sl.points if level in p.levels]
        out[section.id] = coverage(kps, points, lang)
    return out
