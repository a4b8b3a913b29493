"""shorten judges each version of a sentence once for every word limit: the same verdicts as is_point's."""

from __future__ import annotations

from pathlib import Path

from deckgen.distill.sections import section_sentences
from deckgen.distill.sentences import word_count
from deckgen.distill.shorten import _point, compressions
from deckgen.distill.validity import is_point
from deckgen.parse import parse_document

ROOT = Path(__file__).resolve().parent.parent.parent
DOCS = [ROOT / "assets" / "ia-generative-2025" / "whitepaper.md",
        *sorted((Path(__file__).parent / "fixtures").glob("*.md"))]


def test_one_verdict_per_version_is_is_points_for_every_limit():
    checked = kept = 0
    for path in DOCS:
        doc = parse_document(path)
        for section in doc.walk():
            for sentence in section_sentences(section, doc.lang, [0]):
                for c in compressions(sentence.text, doc.lang):
                    for limit in (3, 8, 12, 16, 18, 40):
                        want = is_point(c.text, doc.lang, limit, cut=c.cut)
                        got = _fits(c.text, doc.lang, limit, c.cut)
                        assert got == want, (c.text, limit)
                        checked += 1
                        kept += want
    assert checked > 1000 and kept > 100


def _fits(text: str, lang: str, limit: int, cut: bool) -> bool:
    """What shorten asks: the word count against the limit, then the limit-free verdict."""
    return word_count(text) <= limit and _point(text, lang, cut)
