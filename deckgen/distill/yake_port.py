"""yake_port: the YAKE keyphrase extractor as deckgen calls it (yake 0.7: n=3, window 1, "seqm" dedup at
0.9), the same arithmetic in the same order without networkx and numpy objects per word.

The library builds a networkx graph, a numpy median per word and an object per n-gram occurrence: a
distillation runs it on every slide's sentences, and it was most of a real document's distilling
time (and numpy and networkx a third of a second of start-up). Here the co-occurrence graph is two
dicts per word, the median a sort, the standard deviation numpy's pairwise sum written out; the
tokeniser (segtok) and the stop-word lists are the library's own. tests/distill/test_yake_port.py
compares both on the corpus's texts: the same phrases, the same scores, bit for bit.
"""

from __future__ import annotations

import math
import re
import string
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

from segtok.segmenter import split_multi
from segtok.tokenizer import split_contractions, web_tokenizer

N = 3  # words per keyphrase at most
DEDUP_LIM = 0.9
_EXCLUDE = frozenset(string.punctuation)
_PUNCTUATION = string.punctuation  # a word of these alone strips to nothing
_NO_PUNCTUATION = str.maketrans("", "", string.punctuation)
_DISCARD = ("u", "d")  # tags that neither co-occur nor make a valid candidate
_CAPITAL = re.compile(r"^(\s*([A-Z]))")


@lru_cache(maxsize=8)
def stopwords(lan: str) -> frozenset[str]:
    """The library's stop-word list for a language (its "noLang" list when it has none)."""
    spec = find_spec("yake")  # finds the package without importing it (and numpy, networkx with it)
    package = Path(next(iter(spec.submodule_search_locations or ())))
    folder = next((f for f in (package / "core" / "StopwordsList", package / "StopwordsList") if f.is_dir()),
                  package / "core" / "StopwordsList")
    path = folder / f"stopwords_{lan[:2].lower()}.txt"
    if not path.exists():
        path = folder / "stopwords_noLang.txt"
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        text = path.read_text(encoding="ISO-8859-1")
    return frozenset(text.lower().split("\n"))


class _Term:
    __slots__ = ("id", "stopword", "tf", "tf_a", "tf_n", "sentences", "out", "into", "h")

    def __init__(self, ident: int, stopword: bool) -> None:
        self.id, self.stopword = ident, stopword
        self.tf = self.tf_a = self.tf_n = self.h = 0.0
        self.sentences: dict[int, None] = {}  # the sentences it occurs in, in order
        self.out: dict[int, float] = {}  # co-occurrences with the next word: the graph's out-edges
        self.into: dict[int, float] = {}


class _Candidate:
    __slots__ = ("kw", "clean", "terms", "tf", "h")

    def __init__(self, kw: str, tags: str, terms: tuple[_Term, ...]) -> None:
        self.kw, self.terms = kw, terms
        self.clean = "u" not in tags and "d" not in tags  # the library keeps every tag string: any clean one
        self.tf, self.h = 0.0, 1.0


def _pre_filter(text: str) -> str:
    buffer = ""
    for part in text.split("\n"):
        buffer += ("\n\n" if _CAPITAL.match(part) else " ") + part.replace("\t", " ")
    return buffer


def _sentences(text: str) -> list[tuple[str, ...]]:
    return [_tokens(s) for s in list(split_multi(text)) if len(s.strip()) > 0]


@lru_cache(maxsize=1 << 14)
def _tokens(sentence: str) -> tuple[str, ...]:
    # a slide's sentences are also its section's and its part's: each is tokenised once
    return tuple(w for w in split_contractions(web_tokenizer(sentence))
                 if not (w.startswith("'") and len(w) > 1) and len(w) > 0)


@lru_cache(maxsize=1 << 14)
def _tag(word: str, i: int) -> str:
    if word.replace(",", "").isdigit() or word.replace(",", "").replace(".", "", 1).isdigit():
        return "d"
    cdigit = calpha = cexclude = 0
    for c in word:
        cdigit += c.isdigit()
        calpha += c.isalpha()
        cexclude += c in _EXCLUDE
    if (cdigit > 0 and calpha > 0) or (cdigit == 0 and calpha == 0) or cexclude > 1:
        return "u"
    if word.isupper() and len(word) > 0:
        return "a"
    if len(word) > 1 and word[0].isupper() and i > 0 and sum(c.isupper() for c in word) == 1:
        return "n"
    return "p"


def _pairwise_sum(a: list[float]) -> float:
    """numpy's sum of a float64 array (pairwise, eight accumulators), the same float."""
    n = len(a)
    if n < 8:
        res = 0.0
        for x in a:
            res += x
        return res
    if n <= 128:
        r = a[:8]
        i = 8
        while i < n - n % 8:
            for j in range(8):
                r[j] += a[i + j]
            i += 8
        res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
        for x in a[i:]:
            res += x
        return res
    half = n // 2
    half -= half % 8
    return _pairwise_sum(a[:half]) + _pairwise_sum(a[half:])


def _median(values: list[int]) -> float:
    s = sorted(values)
    mid = len(s) // 2
    return float(s[mid]) if len(s) % 2 else (s[mid - 1] + s[mid]) / 2


def extract(text: str, lan: str, top: int) -> list[tuple[str, float]]:
    """yake.KeywordExtractor(lan=lan, n=3, top=top).extract_keywords(text)."""
    if not text:
        return []
    try:
        return _extract(text.replace("\n", " "), stopwords(lan), top)
    except Exception:  # the library answers nothing when its arithmetic fails (it logs a warning)
        return []


def _extract(text: str, stop: frozenset[str], top: int) -> list[tuple[str, float]]:
    sentences = _sentences(_pre_filter(text))
    terms: dict[str, _Term] = {}
    of_word: dict[str, tuple[_Term, str]] = {}  # a word's term and lower case, as first looked up
    candidates: dict[str, _Candidate] = {}
    for sid, sentence in enumerate(sentences):
        block: list[tuple[str, str, _Term, str]] = []  # (tag, word, term, lower) between punctuation marks
        for pos, word in enumerate(sentence):
            if not word.strip(_PUNCTUATION):  # all(c in _EXCLUDE for c in word), in C
                block = []
                continue
            tag = _tag(word, pos)
            found = of_word.get(word)
            if found is None:
                found = of_word[word] = (_term(word, terms, stop), word.lower())
            term, low = found
            term.sentences[sid] = None
            term.tf += 1.0
            if tag == "a":
                term.tf_a += 1.0
            if tag == "n":
                term.tf_n += 1.0
            if tag not in _DISCARD and block and block[-1][0] not in _DISCARD:
                left = block[-1][2]
                left.out[term.id] = left.out.get(term.id, 0.0) + 1.0
                term.into[left.id] = term.into.get(left.id, 0.0) + 1.0
            # the phrases ending here, of 1 to N words; one that starts or ends with a stop word is
            # never a keyphrase (its words' terms, so their stop-word flags, are the same each time)
            if not term.stopword:
                _count(candidates, low, word, tag, (term,))
                if block and not block[-1][2].stopword:
                    b = block[-1]
                    _count(candidates, f"{b[3]} {low}", f"{b[1]} {word}", b[0] + tag, (b[2], term))
                if len(block) >= 2 and not block[-2][2].stopword:
                    a, b = block[-2], block[-1]
                    _count(candidates, f"{a[3]} {b[3]} {low}", f"{a[1]} {b[1]} {word}", a[0] + b[0] + tag,
                           (a[2], b[2], term))
            block.append((tag, word, term, low))
    _score_terms(terms, len(sentences))
    valid = [c for c in candidates.values() if c.clean]
    for c in valid:
        _score_candidate(c)
    valid.sort(key=lambda c: c.h)
    chosen: list[_Candidate] = []
    for c in valid:
        low = c.kw.lower()
        if all(_similarity(low, d.kw.lower()) <= DEDUP_LIM for d in chosen):
            chosen.append(c)
        if len(chosen) == top:
            break
    return [(c.kw, c.h) for c in chosen]


def _term(word: str, terms: dict[str, _Term], stop: frozenset[str]) -> _Term:
    unique, stopword = _unique(word, stop)
    found = terms.get(unique)
    if found is None:
        found = terms[unique] = _Term(len(terms), stopword)
    return found


@lru_cache(maxsize=1 << 15)
def _unique(word: str, stop: frozenset[str]) -> tuple[str, bool]:
    """A word's term (lower case, a final "s" dropped) and whether that term is a stop word, when the
    word is the first of the text to name the term."""
    unique = word.lower()
    simple_stop = unique in stop
    if unique.endswith("s") and len(unique) > 3:
        unique = unique[:-1]
    return unique, simple_stop or unique in stop or len(unique.translate(_NO_PUNCTUATION)) < 3


def _count(candidates: dict[str, _Candidate], key: str, kw: str, tags: str, terms: tuple[_Term, ...]) -> None:
    found = candidates.get(key)
    if found is None:
        found = candidates[key] = _Candidate(kw, tags, terms)
    elif not found.clean:
        found.clean = "u" not in tags and "d" not in tags
    found.tf += 1.0


def _score_terms(terms: dict[str, _Term], n_sentences: int) -> None:
    tfs = [t.tf for t in terms.values() if not t.stopword]
    if not tfs:
        return
    avg = sum(tfs) / len(tfs)  # whole numbers: any order sums them exactly, as numpy does
    std = math.sqrt(_pairwise_sum([(x - avg) * (x - avg) for x in tfs]) / len(tfs))
    max_tf = max(t.tf for t in terms.values())
    for t in terms.values():
        wdr, wir = len(t.out), sum(t.out.values())
        wdl, wil = len(t.into), sum(t.into.values())
        pwr = 0 if wir == 0 else wdr / wir
        pwl = 0 if wil == 0 else wdl / wil
        wrel = (0.5 + (pwl * (t.tf / max_tf))) + (0.5 + (pwr * (t.tf / max_tf)))
        wfreq = t.tf / (avg + std)
        wspread = len(t.sentences) / n_sentences
        wcase = max(t.tf_a, t.tf_n) / (1.0 + math.log(t.tf))
        wpos = math.log(math.log(3.0 + _median(list(t.sentences))))
        t.h = (wpos * wrel) / (wcase + (wfreq / wrel) + (wspread / wrel))


def _score_candidate(c: _Candidate) -> None:
    sum_h, prod_h = 0.0, 1.0
    terms = c.terms
    for i, t in enumerate(terms):
        if not t.stopword:
            sum_h += t.h
            prod_h *= t.h
            continue
        # a stop word inside a phrase ("rate of return"): how surely its neighbours lead to it
        prob_t1 = terms[i - 1].out[t.id] / terms[i - 1].tf if i > 0 and t.id in terms[i - 1].out else 0.0
        prob_t2 = t.out[terms[i + 1].id] / terms[i + 1].tf if i < len(terms) - 1 and terms[i + 1].id in t.out \
            else 0.0
        prob = prob_t1 * prob_t2
        prod_h *= 1 + (1 - prob)
        sum_h -= 1 - prob
    c.h = prod_h / ((sum_h + 1) * c.tf)


@lru_cache(maxsize=1 << 15)
def _similarity(a: str, b: str) -> float:
    """The library's "seqm" similarity of two lower-cased phrases (its pre-filter, then its estimate)."""
    if a == b:
        return 1.0
    la, lb = len(a), len(b)
    longest = max(la, lb)
    if abs(la - lb) > longest * 0.6:
        return 0.0
    if longest > 3:
        if a[0] != b[0] or a[-1] != b[-1]:
            return 0.0
        if min(la, lb) >= 3 and a[:2].lower() != b[:2].lower():
            return 0.0
    if abs(a.count(" ") - b.count(" ")) > 1:
        return 0.0
    return _estimate(a, b)


def _estimate(s1: str, s2: str) -> float:
    if s1 == s2:
        return 1.0
    max_len = max(len(s1), len(s2))
    if max_len == 0:
        return 0.0
    len_ratio = min(len(s1), len(s2)) / max_len
    if len_ratio < 0.3:
        return 0.0
    s1, s2 = s1.lower(), s2.lower()
    union = set(s1) | set(s2)
    if not union:
        return 0.0
    char_overlap = len(set(s1) & set(s2)) / len(union)
    if char_overlap < 0.2:
        return 0.0
    if max_len <= 4:
        return char_overlap * len_ratio
    words1, words2 = s1.split(), s2.split()
    if len(words1) > 1 or len(words2) > 1:
        word_union = set(words1) | set(words2)
        if word_union:
            word_overlap = len(set(words1) & set(words2)) / len(word_union)
            if word_overlap > 0.4:
                return word_overlap
    tri1 = {s1[i:i + 3] for i in range(len(s1) - 2)}
    tri2 = {s2[i:i + 3] for i in range(len(s2) - 2)}
    tri_union = tri1 | tri2
    tri_overlap = len(tri1 & tri2) / len(tri_union) if tri_union else 0
    return min(0.3 * len_ratio + 0.2 * char_overlap + 0.5 * tri_overlap, 1.0)
