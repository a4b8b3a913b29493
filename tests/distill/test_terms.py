"""The term finder's shortcut (substring test, anchored tries) finds exactly what the plain regex finds."""

from __future__ import annotations

import random

from deckgen.distill.glossary import FIELDS, bundled_terms
from deckgen.distill.terms import finder, folded, word_runs


def _variants(form: str, rng: random.Random) -> str:
    out = form.upper() if rng.random() < 0.2 else form.capitalize() if rng.random() < 0.3 else form
    out = out.replace("'", "’") if rng.random() < 0.5 else out
    return out + rng.choice(["", "s", "es", "x", "ing", "-"])


def test_finder_matches_the_regex_on_every_bundled_term():
    rng = random.Random(7)
    filler = ["le", "modèle", "de", "İstanbul", "ſtyle", "ΑΣ", "data", "l'", "(", ")", "-", "\n", "RAG",
              "ia", "IA", "API", "rapide", "apis"]
    checked = found = 0
    for lang in ("fr", "en"):
        terms = [t for f in FIELDS for t in bundled_terms(lang, f)]
        forms = [f for t in terms for f in (t.term, *t.aliases)]
        for t in terms:
            find = finder((t.term, *t.aliases))
            for _ in range(6):
                words = rng.choices(filler, k=rng.randint(0, 30))
                for _ in range(rng.randint(0, 3)):
                    words.insert(rng.randint(0, len(words)), _variants(rng.choice(forms if rng.random() < 0.3 else (t.term, *t.aliases)), rng))
                text = rng.choice([" ", " ", "-", ""]).join(words)
                want = find.pattern.search(text)
                got = find.search(text)
                assert (got and (got.span(), got.group(0))) == (want and (want.span(), want.group(0))), (t, text)
                low = folded(text)
                present = {w for w in find.firsts or () if w in low}  # as a glossary asks for its terms
                for got in (find.search(text, low), find.search(text, low, word_runs(low)),
                            find.search(text, low, present=present)):
                    assert (got and (got.span(), got.group(0))) == (want and (want.span(), want.group(0))), text
                checked += 1
                found += want is not None
    assert found > checked // 4  # the texts do hold terms, not only misses


def test_folded_keeps_every_character_in_place():
    for text in ["İstanbul’s ſtyle", "ΑΣ L’IA", "plain ascii", "ÉCOLE"]:
        assert len(folded(text)) == len(text)
