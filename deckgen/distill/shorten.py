"""Shorten a sentence into a faithful slide point, by deletion only.

Shortening only ever deletes words from the sentence (openers, asides, parentheticals, examples,
trailing clauses), so every word of a point is a word of the source: a presenter can trust it.
Each way of shortening has a cost; the caller picks among the versions that fit its word limit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from deckgen.textutil import words

from .sentences import bare, clause_follows, has_verb, rules_for, stopwords, tokens, word_count
from .standalone import (
    Context,
    definite_for_demonstrative,
    is_meta,
    resolve,
    strip_connective,
    strip_enumerator,
    strip_presentative,
)
from .validity import MIN_WORDS, _alt, _commas, _depth_zero, is_point

MAX_COMMAS = 24  # beyond this many commas a sentence is only cut, never pruned clause by clause
MAX_WHOLE_LIST = 4  # enumerations of up to this many items are never cut down


# --------------------------------------------------------------------------- shortening


@dataclass(frozen=True)
class Compression:
    """One shortened version of a sentence; `cost` grows with how much structure was cut."""

    text: str
    cost: float
    cut: bool = False  # ends early: it must still hold a verb to be a statement


@lru_cache(maxsize=4)
def _patterns(lang: str) -> dict[str, re.Pattern[str]]:
    r = rules_for(lang)
    w = r"(?![\w'’-])"  # end of a word (an apostrophe or hyphen would continue it)
    return {
        "opener": re.compile(rf"^(?:{_alt(r.openers)}){w}\s*,\s*", re.IGNORECASE),
        "aside": re.compile(rf",\s*(?:{_alt(r.asides)}){w}\s*,", re.IGNORECASE),
        "filler": re.compile(rf"(?<![\w'’-])(?:{'|'.join(r.fillers)}){w}\s*,?", re.IGNORECASE),
        "example": re.compile(rf",\s+(?:{_alt(r.example_cues)}){w}", re.IGNORECASE),
        "bare_example": re.compile(rf"(?<=\w)\s+(?:{_alt(r.bare_example_cues)}){w}", re.IGNORECASE),
        "lead": re.compile(rf"^(?:{_alt(r.lead_prepositions)}){w}", re.IGNORECASE),
        "participle": re.compile(rf",\s+{r.participle}\s+(?=\S)", re.IGNORECASE),
        "trailing": re.compile(rf",\s+(?:(?:{_alt(r.trailing_cues)}){w}|{r.gerund}{w})", re.IGNORECASE),
        "clause": re.compile(r"\s*(?:[;:](?=\s)|\s[—–-]\s)\s*|,\s+"),  # "https://" is no clause break
        "gerund": re.compile(rf"\s+(?:{r.gerund_cut}){w}", re.IGNORECASE),
        "conj": re.compile(rf"\s+(?:{_alt(r.conjunctions)}){w}\s+", re.IGNORECASE),
        "prep": re.compile(rf"\s+(?:{_alt(r.prepositions)}){w}\s+", re.IGNORECASE),
        "listconj": re.compile(rf"\s(?:{_alt(r.list_conjunctions)})\s", re.IGNORECASE),
    }


_PAREN = re.compile(r"\s*[(\[][^()\[\]]*[)\]]")
_DASH_ASIDE = re.compile(r"\s+[—–]\s+[^—–]+?\s+[—–](?=\s)")


def _tidy(text: str) -> str:
    """Collapse the gaps that deletions leave and strip what may not end a point."""
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"\s+([,.;:!?)\]])", lambda m: m.group(1) if m.group(1) in ",.)]" else " " + m.group(1), text)
    text = re.sub(r",\s*,", ",", text)
    text = re.sub(r"^[\s,;:—–-]+", "", text)
    text = re.sub(r"[\s,;:—–-]+$", "", text)
    if text.endswith(".") and not re.search(r"\b(?:etc|[A-Z])\.$", text):
        text = text[:-1].rstrip()
    return text


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _segment_after(text: str, comma: int) -> str:
    """The text after a comma up to the next comma, semicolon, colon or the end."""
    m = re.search(r",\s|;|\s:\s|:\s", text[comma + 1:])
    return text[comma + 1: comma + 1 + m.start()] if m else text[comma + 1:]


def _aside_end(text: str, comma: int, lang: str, commas: set[int], listed: set[int]) -> int | None:
    """The comma closing a short verbless aside opened at `comma` ("constituer au préalable, à la
    main, une base …") when the main clause resumes after it, else None. `commas` are the sentence's
    depth-zero commas, `listed` those that separate the items of an enumeration."""
    seg = _segment_after(text, comma)
    end = comma + 1 + len(seg)
    if comma in listed or end in listed or end not in commas or not text.startswith(",", end):
        return None  # "…, sur l'équité, la diversité …": list items, not an aside
    rest = words(text[end + 1: end + 80])  # its first words say whether the clause resumes
    r = rules_for(lang)
    joins = r.conjunctions + r.list_conjunctions + r.subordinators

    def opens(part: list[str]) -> bool:
        head = " ".join(part[:2]).lower()
        return any(head == c or head.startswith(c + " ") for c in joins)

    if len(seg.split()) > 6 or len(rest) < 2 or opens(rest) or opens(words(seg)) or has_verb(seg, lang):
        return None  # "…, mais les défis éthiques, techniques …": a clause goes on, no aside
    return end


def _asides(text: str, lang: str, runs: list[list[int]]) -> dict[int, int]:
    """Opening comma → closing comma of each plain aside of the sentence."""
    commas = _commas(text)
    at, listed = set(commas), {c for run in runs for c in run}
    found = {c: _aside_end(text, c, lang, at, listed) for c in commas}
    return {c: e for c, e in found.items() if e is not None}


def _enumerations(text: str, lang: str) -> list[list[int]]:
    """Runs of commas that separate the items of an enumeration ("A, B, C ou D")."""
    pats = _patterns(lang)
    runs: list[list[int]] = []
    run: list[int] = []
    for comma in _commas(text):
        seg = _segment_after(text, comma).strip()
        if re.match(rf"(?:{'|'.join(rules_for(lang).list_conjunctions)})\s", seg, re.IGNORECASE):
            runs.append(run + [comma])  # ", et bien d'autres": the last item after a serial comma
            run = []
        elif pats["trailing"].match(text, comma):
            run = []  # ", ouvrant la voie …", ", qui …": a clause, not a list item
        elif pats["listconj"].search(" " + " ".join(seg.split()[:7]) + " "):
            runs.append(run + [comma])
            run = []
        elif len(seg.split()) <= 6 and not has_verb(seg, lang):
            run.append(comma)
        else:
            run = []
    return runs


def _list_end(text: str, start: int, runs: list[list[int]]) -> int | None:
    """The comma that closes a phrase opened at `start`, skipping the commas inside enumerations."""
    inside = {c for run in runs for c in run}
    return next((c for c in _commas(text) if c > start and c not in inside), None)


def _item_removals(text: str, lang: str) -> list[tuple[int, int, float]]:
    """Spans dropping one middle item of an enumeration of three or more ("A, B ou C" → "A ou C")."""
    pats = _patterns(lang)
    spans = []
    for run in _enumerations(text, lang):
        last = run[-1]
        head = text[last: last + 1 + len(" ".join(_segment_after(text, last).split()[:7])) + 1]
        conj = pats["listconj"].search(head)
        bounds = run + ([last + conj.start()] if conj and not head.lstrip(", ").lower().startswith(
            conj.group(0).strip().lower()) else [])
        if len(bounds) + 1 <= MAX_WHOLE_LIST:
            continue  # "du texte, des images, du code ou de la musique": a short list is said whole
        if len(bounds) >= 2:
            spans += [(a, b, 1.5) for a, b in zip(bounds, bounds[1:])]
        if len(bounds) >= 3:
            spans.append((bounds[0], bounds[-1], 2.0))  # keep the first and last items only
    return spans


def _middle_removals(text: str, lang: str) -> list[tuple[int, int, float]]:
    """Spans that can go without breaking the sentence, with their cost: examples, incidental
    participial phrases, a leading adverbial phrase ("Grâce à X, …"), a middle list item."""
    pats = _patterns(lang)
    runs = _enumerations(text, lang)
    spans: list[tuple[int, int, float]] = []
    for m in pats["example"].finditer(text):
        end = _list_end(text, m.end(), runs)
        if end is not None and _depth_zero(text, m.start()):
            spans.append((m.start(), end + 1, 0.5))
    for m in pats["bare_example"].finditer(text):
        end = _list_end(text, m.end(), runs)
        if end is None or not _depth_zero(text, m.start()):
            continue
        items = text[m.end(): end]
        parts = re.split(r",\s|\s(?:" + "|".join(rules_for(lang).list_conjunctions) + r")\s", items)
        if len(parts) >= 2 and all(len(p.split()) <= 3 for p in parts):  # a short list of names
            spans.append((m.start(), end, 0.5))
    for m in pats["participle"].finditer(text):
        end = text.find(",", m.end())
        if end > 0 and _depth_zero(text, m.start()) and len(text[m.start():end].split()) <= 10:
            spans.append((m.start(), end + 1, 0.5))
    if pats["lead"].match(text):
        end = _list_end(text, 0, runs)
        if end is not None and len(text[:end].split()) <= 12:
            spans.append((0, end + 1, 1.0))
    spans += [(comma, end + 1, 1.0) for comma, end in _asides(text, lang, runs).items()]
    spans += _item_removals(text, lang)
    return sorted(set(spans))


def _cuts(text: str, lang: str) -> list[tuple[int, float]]:
    """Positions where the sentence may end early, with the cost of ending there.

    Commas inside an enumeration are not clause boundaries: cutting there would leave a list
    half-said ("du texte, des images"). Only the comma after a first item may end the point, when
    the items are phrases (not single words) and no colon announced the list. A conjunction ends a
    point only before a whole clause ("… et accélère la production"), not before a last noun
    ("allier performance et durabilité").
    """
    pats = _patterns(lang)
    found: dict[int, float] = {}
    blocked: set[int] = set()
    runs = _enumerations(text, lang)
    for run in runs:
        blocked.update(run[1:])
        last = run[-1]
        head_end = last + 1 + len(" ".join(_segment_after(text, last).split()[:7])) + 1
        blocked.update(m.start() for m in pats["conj"].finditer(text, last, head_end))
        first_item = re.split(r"\s(?:" + "|".join(rules_for(lang).list_conjunctions) + r")\s",
                              _segment_after(text, run[0]).strip())[0]
        before = text[:run[0]]
        announced = ":" in before and len(before[before.rfind(":"):].split()) <= 8
        substantial = len([t for t in tokens(first_item) if t not in stopwords(lang)]) >= 2
        if substantial and not announced:
            found[run[0]] = 3.0
        else:
            blocked.add(run[0])
    fixed = set(found)
    asides = _asides(text, lang, runs)
    blocked.update(asides.values())  # never end on the aside itself
    for name, cost in (("trailing", 1.0), ("gerund", 1.5), ("clause", 2.0), ("conj", 2.5), ("prep", 3.5)):
        for m in pats[name].finditer(text):
            pos = m.start()
            if pos <= 0 or pos in blocked or pos in fixed or not _depth_zero(text, pos):
                continue
            if len(text[:pos].split()) < MIN_WORDS:
                continue
            if name == "clause" and m.group(0).strip() == ":" and _is_label(text[:pos], lang):
                continue  # the term of a definition alone says nothing
            if name == "clause" and pos in asides:
                continue  # "de constituer au préalable[, à la main, une base …]": the object is still to come
            if _CONTRAST.match(text, m.end() if name in ("conj", "prep") else pos):
                continue  # "protects against duplicates, but not against reordering": the contrast is the point
            if name == "conj" and not clause_follows(text[m.end():], lang):
                continue  # "applies uniform horizontal [and vertical whitespace]": and-ed nouns, not clauses
            if name == "conj" and (len(_segment_after(text, m.end() - 1).split()) < 4
                                   or re.search(r"\b(?:entre|between)\b(?!.*\b(?:et|and)\b)", text[:pos])):
                continue  # "allier performance [et durabilité]", "tensions entre innovation [et …]"
            found[pos] = min(found.get(pos, cost), cost)
    return sorted(found.items())


# what follows a cut that makes it a contrast or a negation the point cannot lose
_CONTRAST = re.compile(r"[\s,;:—–-]*(?:(?:but|mais|and|et|or|ou)\s+(?:not|never|no|pas|non|jamais|plus)\b|"
                       r"not\b|pas\b|non\b|never\b|jamais\b|rather than|plutôt que|instead of|au lieu de|"
                       r"sauf\b|except\b|unless\b|à moins)", re.IGNORECASE)


def _is_label(head: str, lang: str) -> bool:
    """A short verbless phrase before a colon: the term a definition or a list item names."""
    return len(words(head)) <= 6 and not has_verb(head, lang)


def _tails(text: str, lang: str) -> list[str]:
    """Independent clauses after "; ", ", mais " or ": " that can stand alone as a point."""
    r = rules_for(lang)
    but = "mais" if lang == "fr" else "but"
    out = []
    for m in re.finditer(rf"\s*;\s+|,\s+{but}\s+|\s*:\s+", text):
        if not _depth_zero(text, m.start()):
            continue
        tail = text[m.end():]
        if ":" in m.group(0) and _is_label(text[: m.start()], lang):
            continue  # "Le « Réutilisateur » : toute personne qui …": a definition says its term
        first = tail.split(" ")[0].lower().replace("’", "'")
        if first in r.determiners or bare(first) != first and first.split("'")[0] in ("l", "d"):
            out.append(tail)
    return out


def clean_sentence(sentence: str, lang: str, *, keep_parentheses: bool = False) -> str:
    """The sentence without what never belongs on a slide: openers, asides, fillers, (parentheses)."""
    pats = _patterns(lang)
    text = re.sub(r"\s+", " ", sentence).strip()
    if not keep_parentheses:
        text = _PAREN.sub("", text)
    text = _DASH_ASIDE.sub("", text)
    for _ in range(3):  # "Par ailleurs, en effet, …": openers can stack
        text = pats["opener"].sub("", text)
    text = _capitalise(strip_presentative(strip_connective(strip_enumerator(text), lang), lang))
    text = definite_for_demonstrative(text, lang)
    text = pats["aside"].sub("", text)
    text = pats["filler"].sub("", text)
    return _tidy(text)


@lru_cache(maxsize=8192)
def compressions(sentence: str, lang: str) -> tuple[Compression, ...]:
    """Every shortened version of a sentence, cheapest first (text deduplicated, order stable)."""
    found: dict[str, tuple[float, bool]] = {}
    for keep, extra in ((False, 0.0), (True, 1.5)):
        base = clean_sentence(sentence, lang, keep_parentheses=keep)
        if keep and base == clean_sentence(sentence, lang):
            continue
        variants = [(base, extra)]
        # a sentence of dozens of clauses never fits a slide by dropping one of them; trying each
        # (and each cut after it) would cost cubic time: such a sentence is only cut, near its start
        spans = _middle_removals(base, lang) if len(_commas(base)) <= MAX_COMMAS else []
        for a, b, cost in spans:
            variants.append((base[:a] + base[b:], extra + cost))
        cheap = _non_overlapping([(a, b) for a, b, cost in spans if cost <= 0.5])
        if len(cheap) > 1:
            text = base
            for a, b in reversed(cheap):
                text = text[:a] + text[b:]
            variants.append((text, extra + 0.5 * len(cheap)))
        for variant, cost in variants:
            variant = _tidy(variant)
            _add(found, variant, cost)
            inside = [(a, b) for a, b, c in _middle_removals(variant, lang) if c <= 0.5]
            for pos, cut_cost in _cuts(variant, lang):
                if not any(a < pos < b for a, b in inside):  # never end inside an aside or example list
                    _add(found, _tidy(variant[:pos]), cost + cut_cost, cut=True)
            for tail in _tails(variant, lang):
                _add(found, _tidy(tail), cost + 2.5, cut=True)
                for pos, cut_cost in _cuts(tail, lang):
                    _add(found, _tidy(tail[:pos]), cost + 2.5 + cut_cost, cut=True)
    ordered = sorted(found.items(), key=lambda kv: (kv[1][0], -len(kv[0]), kv[0]))
    return tuple(Compression(_capitalise(t), c, cut) for t, (c, cut) in ordered)


def _non_overlapping(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in spans:
        if not out or a >= out[-1][1]:
            out.append((a, b))
    return out


def _add(found: dict[str, tuple[float, bool]], text: str, cost: float, *, cut: bool = False) -> None:
    if text and (text not in found or cost < found[text][0]):
        found[text] = (cost, cut)


RESOLVED_COST = 0.8  # a point whose pronoun was replaced by its antecedent: fine, but the author's own is better


@lru_cache(maxsize=1 << 14)  # the same sentence is shortened for several tiers, scopes and repeated passages
def shorten(sentence: str, lang: str, limit: int, context: Context = Context(), *,
            about_the_page: bool = False) -> tuple[Compression, ...]:
    """The versions of `sentence` that make a valid point of at most `limit` words, cheapest first.

    A version opening on a subject pronoun takes the previous sentence's subject (`context`) when
    that is safe, else it is left out. A sentence about the document itself ("Ce guide explique…") is
    left out unless `about_the_page` (a section that says nothing else)."""
    if _is_meta(sentence, lang) and not about_the_page:
        return ()  # before "Ce document" reads "Le document": the sentence is about the page, not the topic
    out = []
    for c in compressions(sentence, lang):
        text = resolve(c.text, lang, context)
        if text is None:
            continue
        if text != c.text:
            c = Compression(text, c.cost + RESOLVED_COST, c.cut)
        if word_count(c.text) <= limit and _point(c.text, lang, c.cut):
            out.append(c)
    return tuple(sorted(out, key=lambda c: (c.cost, -len(c.text), c.text)))


# A sentence is shortened once per tier (12, 16, 18 words) and context: its versions are judged once.
_is_meta = lru_cache(maxsize=1 << 14)(is_meta)


@lru_cache(maxsize=1 << 16)
def _point(text: str, lang: str, cut: bool) -> bool:
    """`is_point(text, lang, limit, cut=cut)` for any `limit` of at least the text's word count (the
    limit only caps the count; tests/distill/test_shorten.py holds them equal)."""
    return is_point(text, lang, word_count(text), cut=cut)
