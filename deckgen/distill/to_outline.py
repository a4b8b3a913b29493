"""Document → Outline: the entry point of distillation, the takeaways, and the coverage measure."""

from __future__ import annotations

from deckgen.document import Document, Section
from deckgen.levels import LEVEL_IDS
from deckgen.outline.model import Cover, Meta, Outline, Point

from .glossary import Chunk, build_glossary
from .keyphrases import coverage, extract_keyphrases
from .points import KEYPHRASE_CHECK, TOP_KEYPHRASES, Tier, to_points
from .sections import (
    EXPERT,
    block_notes,
    is_reference_section,
    reference_items,
    section_role,
    section_sentence_text,
)
from .slides import OutlineBuilder

# --------------------------------------------------------------------------- takeaways

TAKEAWAY_POOL = 600  # sentences the takeaways are chosen from; picking is quadratic in them


def _takeaways(builder: OutlineBuilder, body: list[Section], roles: list[str]) -> tuple[Point, ...]:
    """3–5 short points for the "Key takeaways" slide: the conclusion's, else the document's most central."""
    tier = Tier(LEVEL_IDS, 12, 5, plain=True)
    conclusion = [s for s, r in zip(body, roles) if r == "conclusion"]
    points: tuple[Point, ...] = ()
    if conclusion and builder.tree_sentences(conclusion[-1]):
        points = to_points(builder.d.pick(builder.d.scope(builder.tree_sentences(conclusion[-1])), (tier,)))
    if len(points) < 3:
        everything = [s for top in body for s in builder.tree_sentences(top)]
        if len(everything) > TAKEAWAY_POOL:  # a book, not a paper: each part's opening sentences stand for it
            per_part = max(2, TAKEAWAY_POOL // len(body))
            everything = [s for top in body for s in builder.tree_sentences(top)[:per_part]]
        if everything:
            more = to_points(builder.d.pick(builder.d.scope(everything), (tier,), spread=True))
            have = {p.text for p in points}
            points = points + tuple(p for p in more if p.text not in have)[: 5 - len(points)]
    return points[:5]


# --------------------------------------------------------------------------- entry point


def _chunks(body: list[Section], lang: str) -> tuple[Chunk, ...]:
    """Every title and block of the talk's sections, in order, for the glossary."""
    out: list[Chunk] = []
    for top in body:
        for s in top.walk():
            if is_reference_section(s, last=False):
                continue
            out.append(Chunk(s.title, s.id, s.line))
            out += [Chunk(block_notes(b, lang), s.id, b.line) for b in s.blocks]
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
    sections = tuple(builder.section(top, role) for top, role in zip(body, roles))
    cover = Cover(cover_image, doc.cover.alt if doc.cover else "", cover_seed) if cover_image else None
    meta = Meta(title=doc.title, subtitle=doc.subtitle, author=doc.author, date=doc.date, lang=lang, cover=cover)
    return Outline(meta=meta, sections=sections, source_path=source_path, source_sha256=source_sha256,
                   glossary=glossary.entries, takeaways=_takeaways(builder, body, roles),
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
