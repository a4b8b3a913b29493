"""terms: finding a glossary term's spellings in a text — one regex per term, behind a cheap substring test.

A document is searched for every term of five bundled glossaries, and each slide's text for the
document's terms: most terms are absent, and a regex proves an absence only by scanning the whole
text. Every match of a term's pattern contains each word of one of its spellings (as the regex
engine folds case), so a plain substring test on the case-folded text rules most terms out at once,
and the regex starts at the first place a match could begin: the same matches, found sooner.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

try:  # the characters the regex engine treats as one under IGNORECASE beyond their lower case ("ſ", "s")
    from re._casefix import _EXTRA_CASES
except ImportError:  # pragma: no cover - another Python: its own table (none before 3.11)
    _EXTRA_CASES = {}


# the engine compares letters by their (simple) lower case, and these groups of lower cases as one
_SAME = {c: chr(min(c, *others)) for c, others in _EXTRA_CASES.items() if min(c, *others) != c}
_SAME_RE = re.compile("[" + "".join(re.escape(chr(c)) for c in _SAME) + "]") if _SAME else None


def folded(text: str) -> str:
    """`text` lower-cased as the regex engine compares letters, "’" as "'": one character for one."""
    if text.isascii():
        return text.lower()
    # "İ".lower() is two characters where the engine's lower case is "i"
    low = text.replace("’", "'").replace("\u0130", "i").lower()
    return _SAME_RE.sub(lambda m: _SAME[ord(m.group())], low) if _SAME_RE else low


def is_cased(form: str) -> bool:
    """Acronyms and brand-like forms (IA, LoRA, QLoRA) must match with their case: "ia" is no term."""
    return any(c.isupper() for c in form[1:])


def _parts(form: str) -> list[str]:
    return [p for p in re.split(r"[\s\-‐]+", form.strip()) if p]


def _form_regex(form: str) -> str:
    # plurals are tolerated on every word: "modèles de fondation", "deepfakes", "réseaux de neurones"
    body = r"[\s\-‐]+".join(re.escape(p).replace("'", "['’]") + r"(?:s|x|es)?" for p in _parts(form))
    return body if is_cased(form) else f"(?i:{body})"


def term_source(forms: tuple[str, ...]) -> str:
    """One word-bounded, plural-tolerant pattern for all the spellings of a term, longest first."""
    alts = "|".join(_form_regex(f) for f in sorted(forms, key=len, reverse=True))
    return rf"(?<![\w-])(?:{alts})(?![\w])"


@dataclass(frozen=True)
class Finder:
    """A term's pattern, and the folded words of each spelling that any match of it contains."""

    source: str
    words: tuple[tuple[str, ...], ...]

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        # compiled when a text first holds the term's words: most of five glossaries' terms never are
        return re.compile(self.source)

    def _firsts(self, low: str) -> list[tuple[int, str]]:
        """(first place, first word) of each spelling whose words all occur in the folded text."""
        out = []
        for ws in self.words:
            at = low.find(ws[0])
            if at >= 0 and (len(ws) == 1 or all(w in low for w in ws[1:])):
                out.append((at, ws[0]))
        return out

    @cached_property
    def firsts(self) -> frozenset[str] | None:
        """The first words of its spellings (folded), one of which any match begins with; None when a
        spelling has no words (it matches anywhere)."""
        return frozenset(ws[0] for ws in self.words) if all(self.words) else None

    @cached_property
    def _scans(self) -> list[re.Pattern[str] | None]:
        return [None] * len(self.words)  # each compiled when a text first holds all its words

    def _scan(self, i: int) -> re.Pattern[str]:
        found = self._scans[i]
        if found is None:
            found = self._scans[i] = re.compile(_scan_regex(self.words[i]))
        return found

    def search(self, text: str, low: str | None = None, runs: frozenset[str] | None = None,
               present: set[str] | frozenset[str] | None = None) -> re.Match[str] | None:
        """`pattern.search(text)`; `low` is `folded(text)`, `runs` is `word_runs(low)` and `present` holds
        the first words of its spellings that occur in `low` (`word in low`), when the caller has them."""
        if not all(self.words):
            return self.pattern.search(text)  # a spelling without words (an empty alias) matches anywhere
        low = folded(text) if low is None else low
        scans = [self._scan(i) for i, ws in enumerate(self.words)
                 if (ws[0] in present if present is not None else _holds_first(ws[0], low, runs))
                 and (len(ws) == 1 or all(w in low for w in ws[1:]))]
        # each spelling's pattern on the folded text finds every place a match can begin (and, for a
        # spelling that is not case-sensitive, only those): the term's own pattern is tried there, in order
        at = 0
        while scans:
            starts = [m.start() for m in (rx.search(low, at) for rx in scans) if m]
            if not starts:
                return None
            at = min(starts)
            found = self.pattern.match(text, at)
            if found:
                return found
            at += 1
        return None

    def may_end(self, low: str) -> bool:
        """False when no match can end where `low` (a folded text) ends."""
        return not all(self.words) or any(low.endswith((ws[-1], ws[-1] + "s", ws[-1] + "x", ws[-1] + "es"))
                                          for ws in self.words)

    def may_match(self, low: str) -> bool:
        return not all(self.words) or bool(self._firsts(low))


_RUN = re.compile(r"\w+")


def word_runs(low: str) -> frozenset[str]:
    """The runs of word characters of a (folded) text: a book is searched for hundreds of terms."""
    return frozenset(_RUN.findall(low))


def _holds_first(first: str, low: str, runs: frozenset[str] | None) -> bool:
    """False when no match can begin with `first`. A match's first word has no word character or hyphen
    before it and none but a plural ending after it: a first word of word characters only is then a
    whole run of the text, with or without its ending."""
    if runs is not None and _RUN.fullmatch(first):
        return first in runs or first + "s" in runs or first + "x" in runs or first + "es" in runs
    return first in low


def _scan_regex(words: tuple[str, ...]) -> str:
    """A spelling's pattern on folded text; its look-behind follows the first word, so that the regex
    engine looks for that word as a literal prefix, not position by position."""
    rest = "".join(r"[\s\-‐]+" + re.escape(w) + r"(?:s|x|es)?" for w in words[1:])
    return rf"{re.escape(words[0])}(?<![\w-].{{{len(words[0])}}})(?:s|x|es)?{rest}(?![\w])"


def finder(forms: tuple[str, ...]) -> Finder:
    return Finder(term_source(forms), tuple(tuple(folded(p) for p in _parts(f)) for f in forms))
