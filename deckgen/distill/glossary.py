"""glossary: the jargon of a document, each term with a short plain-language definition.

A definition comes from the document when it gives one — a parenthesis ("hallucinations
(génération de contenus erronés…)"), an appositive ("X, c'est-à-dire …"), an acronym expansion
("intelligence artificielle générative (IAG)") — else from the bundled list for the document's
language (`deckgen/data/glossary-<lang>.yaml`). Nothing is fetched.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path

from deckgen.errors import InputError
from deckgen.outline.model import GlossaryEntry
from deckgen.textutil import words
from deckgen.yamlcheck import load_yaml

from .definitions import list_definitions, sentence_definitions
from .sentences import bare, split_sentences, stopwords
from .shorten import shorten
from .terms import Finder, finder, folded, is_cased, word_runs

MAX_DEFINITION_WORDS = 15
# "l'OCDE" counts; the capital comes before the look-behind (which is about the character before it)
# so that the regex engine skips straight to capitals, not trying every place of a long text
_ACRONYM = re.compile(r"[A-Z](?<![\w-][A-Z])[A-Z0-9]{1,5}(?![\w'’])")


@dataclass(frozen=True)
class Term:
    """A jargon term of the bundled list: its display form, other spellings, a short definition.

    `common` terms are known to a general audience: they get a glossary entry but general-level
    points need not avoid them.
    """

    term: str
    definition: str
    aliases: tuple[str, ...] = ()
    common: bool = False


FIELDS = ("ai", "software", "distributed", "law", "design")  # "ai" is glossary-<lang>.yaml, the others
# a field's glossary is used when the document names a quarter of its terms, from 2 (a page) to 6 (a book)
FIELD_MIN_TERMS = (2, 6)
WORDS_PER_FIELD_TERM = 400
SECONDARY_FIELD_SHARE = 0.25


@lru_cache(maxsize=16)
def bundled_terms(lang: str, field: str = "ai") -> tuple[Term, ...]:
    """The bundled glossary of one field in `lang` (English when there is none for it)."""
    folder = resources.files("deckgen.data")
    names = [f"glossary-{lang}.yaml", "glossary-en.yaml"] if field == "ai" else \
        [f"glossary-{field}-{lang}.yaml", f"glossary-{field}-en.yaml"]
    name = next((n for n in names if folder.joinpath(n).is_file()), None)
    if name is None:
        return ()
    data = load_yaml(folder.joinpath(name).read_text(encoding="utf-8"), Path(name), InputError)[0] or []
    return tuple(Term(str(d["term"]), str(d["definition"]), tuple(str(a) for a in d.get("aliases") or ()),
                      bool(d.get("common", False))) for d in data)


# --------------------------------------------------------------------------- matching


@dataclass(frozen=True)
class _Matcher:
    term: Term
    pattern: Finder


@lru_cache(maxsize=32)
def _field_matchers(lang: str, field: str) -> tuple[_Matcher, ...]:
    return tuple(_Matcher(t, finder((t.term, *t.aliases))) for t in bundled_terms(lang, field))


def _matchers(lang: str, fields: tuple[str, ...] = FIELDS) -> tuple[_Matcher, ...]:
    """The terms of the given fields' glossaries, a term listed in two fields only once (first wins)."""
    seen: set[str] = set()
    out = []
    for name in fields:
        for m in _field_matchers(lang, name):
            if m.term.term.lower() not in seen:
                seen.add(m.term.term.lower())
                out.append(m)
    return tuple(out)


def fields_of(text: str, lang: str, hits: dict | None = None) -> tuple[str, ...]:
    """The fields whose vocabulary the document uses: at least FIELD_MIN_TERMS distinct terms of each.
    `hits` collects each term's first match, for the caller to look up instead of searching again."""
    def needed(field: str) -> int:
        low, high = FIELD_MIN_TERMS
        return max(low, min(high, math.ceil(len(_field_matchers(lang, field)) / 4),
                            math.ceil(len(words(text)) / WORDS_PER_FIELD_TERM)))

    low = folded(text)
    runs = word_runs(low)
    hits = {} if hits is None else hits
    for f in FIELDS:
        for m in _field_matchers(lang, f):
            if m.pattern not in hits:
                hits[m.pattern] = m.pattern.search(text, low, runs)
    found = {f: sum(1 for m in _field_matchers(lang, f) if hits[m.pattern]) for f in FIELDS}
    top = max(found.values(), default=0)
    # a field the text only touches (4 law terms in an AI paper of 40) would crowd the main field's entries
    return tuple(f for f in FIELDS if found[f] >= needed(f) and found[f] >= SECONDARY_FIELD_SHARE * top)


def acronyms(text: str) -> list[str]:
    """ALLCAPS words of 2 to 6 characters, in order of appearance, without repeats."""
    return list(dict.fromkeys(m.group(0) for m in _ACRONYM.finditer(text) if sum(c.isalpha() for c in m.group(0)) >= 2))


# --------------------------------------------------------------------------- definitions in the source


@dataclass(frozen=True)
class Chunk:
    """A piece of the document's text and where it comes from."""

    text: str
    section_id: str
    line: int
    items: tuple[str, ...] = ()  # a list's items, which may be a definition list
    pairs: tuple[tuple[str, str], ...] = ()  # (term, definition) rows of a glossary table

    @property
    def source(self) -> str:
        return f"{self.section_id}:L{self.line}"


_APPOSITIVE = {
    # not "à savoir": it introduces an enumeration of what precedes, not a definition of the last word
    "fr": r",\s+(?:c'est-à-dire|c’est-à-dire|autrement dit)\s+(?P<def>[^,.;:()]+)",
    "en": r",\s+(?:i\.e\.,?|that is,|in other words,|which means|meaning)\s+(?P<def>[^,.;:()]+)",
}
_COPULA = {
    "fr": r"\s+(?:désigne|se définit comme|est défini comme|est définie comme|signifie)\s+(?P<def>[^.;:()]+)",
    "en": r"\s+(?:refers to|is defined as|means|denotes)\s+(?P<def>[^.;:()]+)",
}
_ENGLISH_LOOK = re.compile(r"(?:ing|ness|ship|ware|ck|sh|th|oo|ee|ea|w|k)", re.IGNORECASE)


def _looks_english(word: str) -> bool:
    """A rough test for an anglicism inside French text (ASCII, English spelling patterns)."""
    return word.isascii() and word.isalpha() and len(word) >= 4 and bool(_ENGLISH_LOOK.search(word))


def _expansion(before: str, acronym: str, lang: str) -> str | None:
    """The words just before an acronym whose initials spell it ("intelligence artificielle générative")."""
    letters = [c for c in acronym if c.isalpha()]
    toks = list(re.finditer(r"[\w][\w'’-]*", before))
    need = len(letters) - 1
    start = None
    for m in reversed(toks[-(2 * len(letters) + 2):]):
        word = bare(m.group(0))
        if need < 0:
            break
        if word[:1].upper() == letters[need].upper():
            need -= 1
            start = m
        elif word in stopwords(lang):
            continue
        else:
            return None
    if need >= 0 or start is None:
        return None
    return re.sub(r"^(?:[ldjmnstc]|qu)['’]", "", before[start.start():].strip(), flags=re.IGNORECASE)


# an example, a pointer or a hedge is no definition: "(e.g., …)", "(voir la documentation)", "(typically …)"
_NOT_A_DEFINITION = re.compile(r"^(?:e\.g|i\.e|eg|ie|see|voir|cf|typically|usually|often|par exemple|souvent|"
                               r"notamment|comme|such as|like|for example|for instance)\b", re.IGNORECASE)


def _definition_text(text: str, lang: str) -> str | None:
    """A definition trimmed to its core, at most 15 words, first letter capitalised."""
    text = re.sub(r"\s+", " ", text).strip(" ,;:.")
    if text.count("«") != text.count("»"):
        text = text.strip(" «»").strip()
    if not text or _NOT_A_DEFINITION.match(text) or text.endswith("?") or re.search(r"https?:|//", text):
        return None
    if len(words(text)) > MAX_DEFINITION_WORDS:
        options = shorten(text, lang, MAX_DEFINITION_WORDS)
        if not options:
            return None
        text = options[0].text
    return text[:1].upper() + text[1:] + ("" if text.endswith((".", "!", "?")) else ".")


def _is_listing(inner: str) -> bool:
    """"(texte, image, audio, vidéo)": examples, not a definition."""
    parts = [p.strip() for p in inner.split(",")]
    return len(parts) > 2 or len(parts) > 1 and all(len(p.split()) <= 2 for p in parts)


def _term_before(before: str, lang: str) -> tuple[Term | None, str] | None:
    """The term that ends right where a definition starts: a known one, an acronym or an anglicism."""
    before = before.rstrip()
    low = folded(before)
    for m in _matchers(lang):
        if not m.pattern.may_end(low):
            continue
        for hit in m.pattern.pattern.finditer(before):
            if hit.end() == len(before):
                return m.term, hit.group(0)
    tail = re.search(r"([\w][\w'’-]*)$", before)
    if not tail:
        return None
    word = bare(tail.group(1)) if not _ACRONYM.fullmatch(tail.group(1)) else tail.group(1)
    if _ACRONYM.fullmatch(word) or (lang == "fr" and _looks_english(word)):
        return None, word
    return None


@dataclass(frozen=True)
class _Found:
    term: str
    definition: str
    source: str
    known: Term | None


def source_definitions(chunks: tuple[Chunk, ...], lang: str) -> list[_Found]:
    """Terms the document defines itself, in order of appearance."""
    found: list[_Found] = []
    for chunk in chunks:
        text = chunk.text
        for m in re.finditer(r"\(([^()]{2,160})\)", text):
            inner, before = m.group(1).strip(), text[: m.start()]
            if _ACRONYM.fullmatch(inner):
                exp = _expansion(before, inner, lang)
                if exp:
                    found.append(_Found(inner, _definition_text(exp, lang) or exp, chunk.source, None))
                continue
            tail = re.search(r"(?<![\w-])([A-Z][A-Z0-9]{1,5})\s*$", before)
            exp = _expansion(inner, tail.group(1), lang) if tail else None
            if tail and exp and len(exp.split()) >= len(inner.split()) - 1:  # "GDPR (General Data Protection …)"
                found.append(_Found(tail.group(1), _definition_text(inner, lang) or inner, chunk.source, None))
                continue
            if inner[:1].islower() and len(inner.split()) >= 3 and not _is_listing(inner):
                hit = _term_before(before, lang)
                definition = _definition_text(inner, lang)
                if hit and definition:
                    known, surface = hit
                    found.append(_Found(known.term if known else surface, definition, chunk.source, known))
        for pattern in (_APPOSITIVE.get(lang, _APPOSITIVE["en"]), _COPULA.get(lang, _COPULA["en"])):
            for m in re.finditer(pattern, text, re.IGNORECASE):
                hit = _term_before(text[: m.start()], lang)
                definition = _definition_text(m.group("def"), lang)
                if hit and definition and len(m.group("def").split()) >= 2:
                    known, surface = hit
                    found.append(_Found(known.term if known else surface, definition, chunk.source, known))
        found += _shaped_definitions(chunk, lang)
    return found


def _known(term: str, lang: str) -> Term | None:
    low = folded(term.strip())
    for m in _matchers(lang):
        hit = m.pattern.may_match(low) and m.pattern.pattern.fullmatch(term.strip())
        if hit:
            return m.term
    return None


def _shaped_definitions(chunk: Chunk, lang: str) -> list[_Found]:
    """Glossary tables, definition lists, copulas, appositives and naming verbs (`definitions`)."""
    def known(term: str) -> bool:
        return _known(term, lang) is not None

    pairs = list(chunk.pairs) + list_definitions(list(chunk.items), known)
    if not chunk.items and not chunk.pairs:
        pairs += sentence_definitions(chunk.text, lang, known)
    out = []
    for term, raw in pairs:
        first = split_sentences(raw, lang)
        definition = _definition_text(first[0], lang) if first else None
        if definition and len(words(definition)) >= 2 and term.lower() not in definition.lower()[:len(term) + 4]:
            k = _known(term, lang)
            out.append(_Found(k.term if k else term, definition, chunk.source, k))
    return out


# --------------------------------------------------------------------------- the glossary of a document


@dataclass(frozen=True)
class Glossary:
    """The jargon of one document, and how to spot it in a piece of text."""

    entries: tuple[GlossaryEntry, ...]
    matchers: tuple[tuple[str, Finder, bool], ...]  # display term, pattern, common
    common_acronyms: frozenset[str]
    # has_jargon's answers by text: each level's tiers score the same sentences again
    _jargon: dict[str, bool] = field(default_factory=dict, compare=False, hash=False, repr=False)

    def terms_in(self, text: str) -> tuple[str, ...]:
        """Jargon in `text`: glossary terms (not the common ones) and undefined acronyms of 3+ letters,
        in order of appearance."""
        hits: list[tuple[int, str]] = []
        low = folded(text)
        candidates, present = self._candidates(low)
        for term, pattern in candidates:
            m = pattern.search(text, low, present=present)
            if m:
                hits.append((m.start(), term))
        for a in acronyms(text):
            if len(a) >= 3 and a.lower() not in self._known:
                hits.append((text.find(a), a))
        return tuple(dict.fromkeys(t for _, t in sorted(hits)))

    def has_jargon(self, text: str) -> bool:
        """True when `text` holds a term a general audience may not know (or any acronym)."""
        if text not in self._jargon:
            self._jargon[text] = self._has_jargon(text)
        return self._jargon[text]

    def _has_jargon(self, text: str) -> bool:
        low = folded(text)
        candidates, present = self._candidates(low)
        if any(pattern.search(text, low, present=present) for _, pattern in candidates):
            return True
        return any(a not in self.common_acronyms for a in acronyms(text))

    def _candidates(self, low: str) -> tuple[list[tuple[str, Finder]], set[str]]:
        """The terms (not the common ones) one of whose spellings' first words the folded text holds:
        the others cannot match, and a slide's text is asked about every term of the document. And
        those first words, for `Finder.search` not to look for them again."""
        present = {w for w in self._first_words if w in low}
        return [(term, p) for term, p, common in self.matchers
                if not common and (p.firsts is None or not p.firsts.isdisjoint(present))], present

    @cached_property
    def _known(self) -> frozenset[str]:
        """The terms and common acronyms, lower-cased: an acronym among them is no jargon of its own."""
        return frozenset({t.lower() for t, _, _ in self.matchers} | {a.lower() for a in self.common_acronyms})

    @cached_property
    def _first_words(self) -> frozenset[str]:
        return frozenset(w for _, p, common in self.matchers if not common and p.firsts for w in p.firsts)


@dataclass(frozen=True)
class _Hit:
    """A term of the document: where it first occurs, how it is shown and defined, how to spot it."""

    position: tuple[int, int]  # first occurrence in the text, then the list's order
    term: str
    definition: str
    source: str
    common: bool
    pattern: Finder


def build_glossary(chunks: tuple[Chunk, ...], lang: str) -> Glossary:
    """Detect the jargon of a document (its chunks in order) and define every term found."""
    full = "\n".join(c.text for c in chunks)
    lowered = full.lower()
    defined: dict[str, _Found] = {}
    for f in source_definitions(chunks, lang):
        defined.setdefault((f.known.term if f.known else f.term).lower(), f)
    hits: list[_Hit] = []
    common_acronyms: set[str] = set()
    first: dict = {}  # each bundled term's first match in the text, found while choosing the fields
    for order, m in enumerate(_matchers(lang, fields_of(full, lang, first))):
        if m.term.common:
            common_acronyms.update(f for f in (m.term.term, *m.term.aliases) if _ACRONYM.fullmatch(f))
        found = first[m.pattern]
        if not found:
            continue
        # the list's spelling when the text uses it, else the text's own: the planner looks terms up in the text
        shown = m.term.term if m.term.term.lower() in lowered else _display(found.group(0), m.term.term)
        src = defined.pop(m.term.term.lower(), None)
        definition, source = (src.definition, src.source) if src else (m.term.definition, "data")
        hits.append(_Hit((found.start(), order), shown, definition, source, m.term.common, m.pattern))
    for f in defined.values():  # acronyms and anglicisms only the document defines
        pos = full.find(f.term)
        hits.append(_Hit((pos if pos >= 0 else len(full), len(hits)), f.term, f.definition, f.source, False,
                         finder((f.term,))))
    hits.sort(key=lambda h: h.position)
    entries = {h.term.lower(): GlossaryEntry(h.term, h.definition, h.source) for h in reversed(hits)}
    ordered = tuple(entries[k] for k in dict.fromkeys(h.term.lower() for h in hits))
    return Glossary(ordered, tuple((h.term, h.pattern, h.common) for h in hits), frozenset(common_acronyms))


def _display(surface: str, canonical: str) -> str:
    """The text's spelling of a term, lower-cased like the list's unless it is an acronym or a brand."""
    surface = re.sub(r"\s+", " ", surface)
    return surface if is_cased(canonical) or is_cased(surface) and surface.isupper() else surface.lower()
