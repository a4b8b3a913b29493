"""yake_port gives the YAKE library's keyphrases and scores, bit for bit, on real text in both languages."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import yake

from deckgen.distill import yake_port
from deckgen.distill.sections import section_sentence_text
from deckgen.parse import parse_document

ROOT = Path(__file__).resolve().parent.parent.parent
DOCS = [ROOT / "assets" / "ia-generative-2025" / "whitepaper.md",
        *sorted((Path(__file__).parent / "fixtures").glob("*.md"))]

pytestmark = pytest.mark.skipif(not yake.__version__.startswith("0.7"), reason="the port follows yake 0.7")


def _texts() -> list[tuple[str, str]]:
    """Each section's sentences (what a slide's scope reads), whole and cut at random words."""
    rng = random.Random(5)
    out = []
    for path in DOCS:
        doc = parse_document(path)
        for section in doc.walk():
            text = section_sentence_text(section, doc.lang)
            ws = text.split()
            out.append((text, doc.lang))
            for _ in range(2):
                a = rng.randint(0, len(ws))
                out.append((" ".join(ws[a:rng.randint(a, len(ws))]), doc.lang))
    out += [("The API and the APIs: 3 APIs, v2.0, e-mail, rate-of-return; RATE OF RETURN.", "en"),
            ("L'IA générative (IAG) et l’IA : 12,5 % des PME… « Oui ». Modèles, modèle.", "fr"),
            ("", "en"), ("!!! ...", "en"), ("a an the of", "en"), ("Données données DONNÉES", "fr")]
    return out


def test_the_port_gives_the_librarys_keyphrases_and_scores():
    texts = _texts()
    assert len(texts) > 100
    for text, lang in texts:
        for top in (5, 15):
            want = [(k, float(s)) for k, s in yake.KeywordExtractor(lan=lang, n=3, top=top).extract_keywords(text)]
            assert yake_port.extract(text, lang, top) == want, text


def test_stopwords_are_the_librarys():
    for lang in ("fr", "en", "xx"):
        assert yake_port.stopwords(lang) == yake.KeywordExtractor(lan=lang).stopword_set


def test_pairwise_sum_is_numpys():
    np = pytest.importorskip("numpy")
    rng = random.Random(9)
    for n in [0, 1, 7, 8, 9, 16, 17, 127, 128, 129, 300, 1000, 9000]:
        values = [rng.random() * rng.choice([1, 1e-3, 1e6]) for _ in range(n)]
        assert yake_port._pairwise_sum(values) == float(np.sum(np.array(values, dtype=np.float64)))
