"""The faithfulness guard: a model's point may only say what its section's source says.

A point passes when every number, every named entity and every content word in it occurs in the
section's source text. Matching forgives form, never substance:

- text is compared accent- and case-folded, French elisions ("l'", "qu'") and English "'s" dropped;
- content words match through a light suffix stripper (plurals, gender, common verb endings), so
  "modèles génératifs" matches "modèle générative" but "personnalisation" does not match
  "personnaliser" (a derivation can shift the meaning; the model must reuse the source's word);
- named entities (capitalised words that do not open a sentence, acronyms anywhere) must occur as
  written, give or take a plural "s";
- numbers match by value whatever their format ("70 %", "70%", "70 pour cent"; "70,5" and "70.5";
  "1 000 000" and "1,000,000"), and a percentage must be a percentage in the source too.

Function words come from the caller (the distiller's stopword lists), so the guard stays a pure
function of its inputs.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

_TOKEN = re.compile(r"[^\W_]+(?:['\-][^\W_]+)*")
_ELISION = re.compile(r"^(?:[ldjmnstc]|qu|jusqu|lorsqu|puisqu)'")
_SENTENCE_BREAK = re.compile(r"[.!?:;]\s+$|^\s*[\"«“(\[]*\s*$")
# Thousands groups need the same separator throughout and exactly three digits per group; a number
# is never glued to a preceding digit (so "2025 200" is two numbers, "100 000" is one). Digits glued
# to a name ("GPT-4", "Llama3") belong to the name, which is checked whole: "Llama 4" is not "GPT-4".
_NUMBER = re.compile(
    r"(?<![\d.,])(?<![^\W\d_])(?<![^\W\d_]-)(?:\d{1,3}(?P<sep>[ ,.])\d{3}(?:(?P=sep)\d{3})*(?![\d])(?:[.,]\d+)?|\d+(?:[.,]\d+)?)"
    r"(?P<pct>\s?%|\s?pour\s?cent\b|\s?per\s?cent\b|\s?percent\b)?")

# Longest first; a suffix is stripped only if at least four letters remain. Inflection only:
# plural, feminine, the commonest verb endings of French and English.
_SUFFIXES = (
    ("euses", "eu"), ("ennes", "en"), ("ements", "ement"), ("eurs", "eu"), ("aient", ""), ("ives", "if"), ("elles", "el"),
    ("euse", "eu"), ("enne", "en"), ("ieux", "ieu"), ("eur", "eu"), ("ies", "y"), ("ied", "y"), ("ive", "if"), ("ifs", "if"),
    ("elle", "el"), ("els", "el"), ("aux", "al"), ("ales", "al"), ("ale", "al"), ("ees", ""),
    ("ing", ""), ("ent", ""), ("ait", ""), ("ant", ""), ("ons", ""), ("ee", ""), ("es", ""),
    ("er", ""), ("ez", ""), ("ed", ""), ("e", ""), ("s", ""), ("x", ""),
)
# Words a faithful summary may add without adding a claim: abbreviations, and the words of "70 percent"
# (numbers are checked by value; numbers in words, like "trois", are not checked at all).
_ALWAYS_ALLOWED = frozenset({"vs", "etc", "via", "ex", "eg", "ie", "cf", "percent", "cent"})


def fold(text: str) -> str:
    """Lower case without accents, typographic apostrophes and spaces made plain."""
    text = text.replace("’", "'").replace("ʼ", "'").replace("œ", "oe").replace("Œ", "OE")
    text = text.replace("æ", "ae").replace("Æ", "AE").replace("\u00a0", " ").replace("\u202f", " ")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _bare(token: str) -> str:
    """A folded token without its elided article or English possessive."""
    token = _ELISION.sub("", token)
    return token[:-2] if token.endswith("'s") else token


def stem(word: str) -> str:
    """A folded word with its inflection stripped, enough to match plural with singular, feminine
    with masculine, conjugated with infinitive."""
    for suffix, repl in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) + len(repl) >= 4:
            return word[: len(word) - len(suffix)] + repl
    return word


def _parts(token: str) -> list[str]:
    return [p for p in re.split(r"['\-]", token) if p]


def numbers(text: str) -> set[tuple[str, bool]]:
    """Every reading of every number in a text as (canonical value, is a percentage).

    "1,000" is a thousand in English and one in French: both readings are kept, so the check
    compares like with like without guessing the locale.
    """
    out: set[tuple[str, bool]] = set()
    for m in _NUMBER.finditer(fold(text)):
        pct = bool(m.group("pct"))
        raw = m.group(0)[: m.end(0) - m.start(0) - len(m.group("pct") or "")]
        for value in _readings(raw):
            out.add((value, pct))
    return out


def _canonical(integer: str, fraction: str = "") -> str:
    integer = integer.lstrip("0") or "0"
    fraction = fraction.rstrip("0")
    return f"{integer}.{fraction}" if fraction else integer


def _readings(raw: str) -> set[str]:
    groups = re.split(r"[ ,.]", raw)
    seps = re.findall(r"[ ,.]", raw)
    if not seps:
        return {_canonical(raw)}
    readings = set()
    if all(len(g) == 3 for g in groups[1:]) and len(groups[0]) <= 3:
        readings.add(_canonical("".join(groups)))  # every separator groups thousands
    if seps[-1] != " " and all(len(g) == 3 for g in groups[1:-1]):
        readings.add(_canonical("".join(groups[:-1]), groups[-1]))  # the last one is a decimal mark
    return readings


@dataclass(frozen=True)
class SourceIndex:
    """What a section's source text contains, in the forms the guard compares."""

    tokens: frozenset[str]
    stems: frozenset[str]
    numbers: frozenset[tuple[str, bool]]

    @classmethod
    def of(cls, text: str) -> SourceIndex:
        toks: set[str] = set()
        for m in _TOKEN.finditer(fold(text)):
            token = _bare(m.group(0))
            toks.add(token)
            toks.update(_parts(token))
        nums = numbers(text)
        nums |= {(value, False) for value, _ in nums}  # "70 %" in the source supports a bare "70"
        return cls(frozenset(toks), frozenset(stem(t) for t in toks), frozenset(nums))

    def has_word(self, token: str) -> bool:
        if token in self.tokens or stem(token) in self.stems:
            return True
        parts = _parts(token)
        return len(parts) > 1 and all(p in self.tokens or stem(p) in self.stems for p in parts)

    def has_name(self, token: str) -> bool:
        if token in self.tokens or (token.endswith("s") and token[:-1] in self.tokens):
            return True
        parts = _parts(token)
        if any(c.isdigit() for c in token):
            return False  # "GPT-5" is not "GPT-4" plus a 5 from elsewhere
        return len(parts) > 1 and all(p in self.tokens for p in parts)


@dataclass(frozen=True)
class Verdict:
    """What a point says that its source does not (empty tuples: the point is faithful)."""

    numbers: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    words: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not (self.numbers or self.names or self.words)

    def reason(self) -> str:
        parts = []
        for label, items in (("number", self.numbers), ("name", self.names), ("word", self.words)):
            if items:
                plural = "s" if len(items) > 1 else ""
                parts.append(f"{label}{plural} " + ", ".join(f"'{i}'" for i in items))
        return "; ".join(parts) + " not in the source" if parts else "faithful"


def _is_name(surface: str, sentence_start: bool) -> bool:
    letters = [c for c in surface if c.isalpha()]
    if not letters or not letters[0].isupper():
        return any(c.isupper() for c in letters[1:])  # "iPhone", "eBPF"
    if any(c.isupper() for c in letters[1:]):
        return True  # an acronym or a CamelCase name is a name even at the start of a sentence
    return not sentence_start


def _dedup(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def check_point(text: str, source: SourceIndex, stopwords: frozenset[str]) -> Verdict:
    """The numbers, names and content words of `text` that `source` does not contain."""
    missing_numbers = []
    for m in _NUMBER.finditer(fold(text)):
        pct = bool(m.group("pct"))
        raw = m.group(0)[: m.end(0) - m.start(0) - len(m.group("pct") or "")]
        if not any((value, pct) in source.numbers for value in _readings(raw)):
            missing_numbers.append(m.group(0).strip())
    missing_names, missing_words = [], []
    for m in re.finditer(r"[^\W_]+(?:['’\-][^\W_]+)*", text):
        surface = m.group(0)
        token = _bare(fold(surface))
        if not token or token.isdigit() or any(c.isdigit() for c in token) and not any(c.isalpha() for c in token):
            continue  # numbers are checked above, by value
        start = m.start() == 0 or bool(_SENTENCE_BREAK.search(text[: m.start()]))
        if _is_name(surface, start):
            if not source.has_name(token):
                missing_names.append(surface)
            continue
        if len(token) < 2 or token in stopwords or token in _ALWAYS_ALLOWED:
            continue
        if any(c.isdigit() for c in token):
            continue  # "4o", "3b": model names are checked as names, their digits as numbers
        if not source.has_word(token):
            missing_words.append(surface)
    return Verdict(_dedup(missing_numbers), _dedup(missing_names), _dedup(missing_words))


def fold_words(words: Iterable[str]) -> frozenset[str]:
    """Stopwords in the folded form the guard compares."""
    return frozenset(_bare(fold(w)) for w in words)
