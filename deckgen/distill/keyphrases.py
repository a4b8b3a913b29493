"""keyphrases: what a text is about — YAKE keyphrases, and how central each sentence is (TF-IDF).

Both are unsupervised and run offline: YAKE ships its stopword lists, and the TF-IDF statistics
come from the document itself (its sentences are the "documents").
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import repeat
from operator import mul

from . import yake_port
from .sentences import content_words

Vector = dict[str, float]


# --------------------------------------------------------------------------- word forms


def stem(word: str, lang: str) -> str:
    """A crude singular form, enough to match "modèles" with "modèle" and "risks" with "risk"."""
    w = word.lower()
    if len(w) <= 3:
        return w
    if lang == "en" and w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("s", "x")) and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


def stems(text: str, lang: str) -> list[str]:
    """Singular content words of a text, in order."""
    return list(_stems(text, lang))


@lru_cache(maxsize=1 << 16)
def _stems(text: str, lang: str) -> tuple[str, ...]:
    # the point picker compares every candidate with every pick: the same texts, many times
    return tuple(stem(w, lang) for w in content_words(text, lang))


# --------------------------------------------------------------------------- keyphrases


@dataclass(frozen=True)
class Keyphrase:
    """A YAKE keyphrase with a rank weight (1 for the best, decreasing) and its content-word stems."""

    text: str
    weight: float
    stems: tuple[str, ...]

    def covered_by(self, text_stems: set[str] | frozenset[str]) -> bool:
        # asked for every keyphrase of a scope about every option of its slide: a subset test in C
        return bool(self.stems) and self._stem_set.issubset(text_stems)

    @cached_property
    def _stem_set(self) -> frozenset[str]:
        return frozenset(self.stems)


@lru_cache(maxsize=512)
def extract_keyphrases(text: str, lang: str, top: int = 15) -> tuple[Keyphrase, ...]:
    """The `top` keyphrases of `text`, best first; ties broken by first position in the text."""
    if not text.strip():
        return ()
    # YAKE's own algorithm and stop words (yake_port: the library's results, several times sooner)
    found = yake_port.extract(text, lang if lang in ("fr", "en") else "en", top)
    lowered = text.lower()
    ranked = sorted(found, key=lambda kv: (round(float(kv[1]), 12), _first(lowered, kv[0]), kv[0]))
    out = []
    for i, (phrase, _) in enumerate(ranked):
        out.append(Keyphrase(phrase, 1.0 / math.sqrt(i + 1), tuple(dict.fromkeys(stems(phrase, lang)))))
    return tuple(k for k in out if k.stems)


def _first(lowered: str, phrase: str) -> int:
    pos = lowered.find(phrase.lower())
    return pos if pos >= 0 else len(lowered)


def coverage(keyphrases: tuple[Keyphrase, ...], texts: list[str], lang: str) -> float:
    """Share of `keyphrases` whose content words all occur in `texts` (1.0 when there are none)."""
    if not keyphrases:
        return 1.0
    have = {s for t in texts for s in stems(t, lang)}
    return sum(k.covered_by(have) for k in keyphrases) / len(keyphrases)


# --------------------------------------------------------------------------- TF-IDF


def idf_table(sentences: list[str], lang: str) -> dict[str, float]:
    """Smoothed inverse document frequency of each stem over the document's sentences."""
    df: Counter[str] = Counter()
    for s in sentences:
        df.update(set(stems(s, lang)))
    n = len(sentences)
    return {w: math.log((1 + n) / (1 + c)) + 1.0 for w, c in df.items()}


_TFIDF: dict[tuple[str, str, int], tuple[dict[str, float], Vector]] = {}
_TFIDF_MAX = 1 << 16


def tfidf(text: str, lang: str, idf: dict[str, float]) -> Vector:
    """Sub-linear TF-IDF vector of a text, L2-normalised (read-only: the same text gets the same vector)."""
    # A sentence is weighed for each scope and tier it is a candidate in: once per document's
    # statistics. The entry keeps `idf` alive, so its id cannot name another table meanwhile.
    key = (text, lang, id(idf))
    found = _TFIDF.get(key)
    if found is not None and found[0] is idf:
        return found[1]
    if len(_TFIDF) >= _TFIDF_MAX:
        _TFIDF.clear()
    vec = _tfidf(text, lang, idf)
    _TFIDF[key] = (idf, vec)
    return vec


def _tfidf(text: str, lang: str, idf: dict[str, float]) -> Vector:
    counts = Counter(stems(text, lang))
    vec = {w: (1 + math.log(c)) * idf.get(w, 1.0) for w, c in counts.items()}
    norm = math.sqrt(sum(v * v for v in vec.values()))
    return {w: v / norm for w, v in vec.items()} if norm else {}


def cosine(a: Vector, b: Vector) -> float:
    if len(a) > len(b):
        a, b = b, a
    # the products summed in the same order as a generator would: the same float, without its frames
    return sum(map(mul, a.values(), map(b.get, a, repeat(0.0))))


TEXTRANK_MAX = 150  # sentences; a whitepaper section has tens


def centrality(vectors: list[Vector], *, damping: float = 0.85, iterations: int = 60) -> list[float]:
    """How central each sentence is in its group: half similarity to the centroid, half TextRank.

    TextRank (PageRank over the sentence-similarity graph) rewards sentences that many others
    echo; the centroid term keeps small groups (two or three sentences) from looking all equal.
    Both are scaled to [0, 1].
    """
    # the same group is ranked for its slide, for its part's overview and for the talk's choices:
    # keyed by the vectors' contents (same words, weights and order: the same floats out)
    key = (tuple(tuple(v.items()) for v in vectors), damping, iterations)
    found = _RANKS.get(key)
    if found is None:
        if len(_RANKS) >= 1024:
            _RANKS.clear()
        found = _RANKS[key] = tuple(_rank(vectors, damping, iterations))
    return list(found)


_RANKS: dict[tuple, tuple[float, ...]] = {}


def _rank(vectors: list[Vector], damping: float, iterations: int) -> list[float]:
    n = len(vectors)
    if n == 0:
        return []
    if n == 1:
        return [1.0]
    centroid: Vector = {}
    for v in vectors:
        for w, x in v.items():
            centroid[w] = centroid.get(w, 0.0) + x / n
    to_centroid = [cosine(v, centroid) for v in vectors]
    if n > TEXTRANK_MAX:
        # the similarity graph is quadratic: past a few pages, the (linear) centroid term decides alone
        return _scaled(to_centroid)
    sim = _similarities(vectors)
    out_weight = [sum(row) for row in sim]
    # each sentence's non-zero in-links, in the order of j: the same sums as over the full row
    # (adding an exact 0.0 changes no float), without walking the zeros 60 times
    links = [[(j, sim[j][i]) for j in range(n) if sim[j][i] != 0.0] for i in range(n)]
    sources = [[j for j, _ in row] for row in links]
    weights = [[w for _, w in row] for row in links]
    base = (1 - damping) / n
    rank = [1.0 / n] * n
    for _ in range(iterations):
        share = [rank[j] / out_weight[j] if out_weight[j] > 0 else 0.0 for j in range(n)]
        # the same products summed in the same order, iterated in C
        new = [base + damping * sum(map(mul, ws, map(share.__getitem__, js))) for js, ws in zip(sources, weights)]
        done = max(abs(a - b) for a, b in zip(new, rank)) < 1e-9
        rank = new
        if done:
            break
    return [0.5 * a + 0.5 * b for a, b in zip(_scaled(to_centroid), _scaled(rank))]


def _similarities(vectors: list[Vector]) -> list[list[float]]:
    """`cosine(vectors[i], vectors[j])` for every pair (0.0 on the diagonal), bit for bit, through an
    index of which vectors hold each word: only pairs that share a word cost anything.

    cosine sums over the smaller vector's words in its order; skipping the words the other vector
    lacks adds nothing (x + 0.0 is x), so the sums along each vector's own order, kept for both
    members of a pair, give the very floats the pairwise loop gave."""
    n = len(vectors)
    holders: dict[str, list[tuple[int, float]]] = {}
    for j, v in enumerate(vectors):
        for w, x in v.items():
            holders.setdefault(w, []).append((j, x))
    along = []  # along[i][j]: the sum over vectors[i]'s words, in its order
    for i, v in enumerate(vectors):
        acc: dict[int, float] = {}
        for w, x in v.items():
            for j, y in holders[w]:
                acc[j] = acc.get(j, 0.0) + x * y
        along.append(acc)
    sizes = [len(v) for v in vectors]
    return [[0.0 if i == j else (along[i] if sizes[i] <= sizes[j] else along[j]).get(
        j if sizes[i] <= sizes[j] else i, 0.0) for j in range(n)] for i in range(n)]


def _scaled(values: list[float]) -> list[float]:
    top = max(values) if values else 0.0
    return [v / top if top > 0 else 0.0 for v in values]


def jaccard(a: str, b: str, lang: str) -> float:
    """Overlap of the content words of two phrases (1.0 = same words)."""
    return stem_overlap(frozenset(stems(a, lang)), frozenset(stems(b, lang)))


def stem_overlap(sa: frozenset[str], sb: frozenset[str]) -> float:
    """`jaccard` of two phrases from their stems, when the caller holds them already."""
    return len(sa & sb) / len(sa | sb) if sa and sb else 0.0
