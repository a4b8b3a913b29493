"""Faster ways of choosing points and judging sentences give the answers of the plain ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from deckgen.distill import points as points_module
from deckgen.distill.keyphrases import cosine, jaccard
from deckgen.distill.points import MAX_SIMILARITY, Distiller, Option, Pick, Scope, Tier
from deckgen.distill.to_outline import document_to_outline
from deckgen.outline.save import dump_outline
from deckgen.parse.markdown import parse_document

HERE = Path(__file__).resolve().parent
DOCS = [HERE.parents[1] / "assets" / "ia-generative-2025" / "whitepaper.md", *sorted((HERE / "fixtures").glob("*.md"))]


def plain_value(d: Distiller, o: Option, tier: Tier, scope: Scope, picks: list[Pick], spread: bool) -> float:
    """Maximal marginal relevance as first written: every term measured against every pick."""
    covered = set().union(*(p.option.stems for p in picks)) if picks else set()
    gain = sum(k.weight for k in scope.keyphrases if k.covered_by(o.stems) and not k.covered_by(covered))
    value = 0.40 * o.centrality + 0.30 * gain + 0.10 * o.sentence.lead + 0.01 * o.words - 0.06 * o.cost
    first = d._subject_word(o.text)
    if first in d.rules.pronoun_start:
        value -= 0.30 if tier.plain else 0.12
    elif first in d.rules.demonstratives:
        value -= 0.12 if tier.plain else 0.05
    if tier.plain and d.glossary.has_jargon(o.text):
        value -= 0.25
    if o.words < 6:
        value -= 0.06
    if picks:
        value -= 0.35 * max(cosine(o.vector, p.option.vector) for p in picks)
    if spread and any(p.option.sentence.section_id == o.sentence.section_id for p in picks):
        value -= 0.25
    return value


def plain_pick(self: Distiller, scope: Scope, tiers: tuple[Tier, ...], *, spread: bool = False) -> list[Pick]:
    picks: list[Pick] = []
    for tier in tiers:
        options = self.options(scope, tier.limit)
        while len(picks) < tier.upto:
            used = {p.option.sentence.order for p in picks}
            best = None
            for o in options:
                if o.sentence.order in used or not all(
                        jaccard(o.text, p.option.text, self.lang) < MAX_SIMILARITY for p in picks):
                    continue
                v = plain_value(self, o, tier, scope, picks, spread)
                if best is None or (v, -o.sentence.order) > (best[0], best[1]):
                    best = (v, -o.sentence.order, o)
            if best is None:
                break
            picks.append(Pick(best[2], tier.levels))
    return picks


def outline_text(path: Path) -> str:
    doc = parse_document(path)
    return dump_outline(document_to_outline(doc, source_path="talk/doc.md", source_sha256="0" * 64,
                                            cover_image=None, cover_seed=3))


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.name)
def test_points_picked_incrementally_are_those_of_the_plain_greedy_choice(path, monkeypatch):
    fast = outline_text(path)
    monkeypatch.setattr(points_module.Distiller, "pick", plain_pick)
    assert outline_text(path) == fast
