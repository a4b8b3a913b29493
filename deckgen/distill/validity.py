"""Whether a phrase can stand on a slide as a point: long enough, whole, self-contained, no code.

The shortening stage proposes versions of a sentence; this says which of them a presenter could
show as they are.
"""

from __future__ import annotations

import re

from deckgen.textutil import words

from .sentences import bare, has_verb, rules_for, stopwords, tokens, word_count
from .standalone import (
    has_cut_marker,
    is_meta,
    looks_like_code,
    opens_adverbial,
    opens_subordinate,
    points_back,
)

MIN_WORDS = 4  # shorter than this, a point is a label, not a statement


def _alt(items: tuple[str, ...]) -> str:
    return "|".join(re.escape(i).replace(r"\ ", r"\s+") for i in sorted(items, key=len, reverse=True))


def _depth_zero(text: str, pos: int) -> bool:
    """True when `pos` is outside any parenthesis, bracket or quotation."""
    before = text[:pos]
    return (before.count("(") == before.count(")") and before.count("[") == before.count("]")
            and before.count("«") == before.count("»") and before.count('"') % 2 == 0)


def _commas(text: str) -> list[int]:
    return [m.start() for m in re.finditer(r",\s", text) if _depth_zero(text, m.start())]


# words that open a clause which must keep its verb: "Il est rappelé que tous les sites [doivent …]"
_COMPLEMENTIZER = re.compile(r"\b(?:que|qu['’]|that|which|who|qui|où|where|when|lorsque|lorsqu['’]|quand|if|si|"
                             r"because|parce que|parce qu['’])(?![\w'’-])", re.IGNORECASE)


def _open_clause(text: str, lang: str) -> bool:
    """A cut that leaves the last subordinate clause without its verb."""
    last = None
    for m in _COMPLEMENTIZER.finditer(text):
        last = m
    if last is None or has_verb(text[last.end():], lang):
        return False
    # English verbs are hard to spot without a tagger ("when lists grow"): only a stub is refused there
    return lang == "fr" or len(words(text[last.end():])) <= 3


def _last_clause(text: str, lang: str) -> str:
    but = "mais" if lang == "fr" else "but"
    return re.split(rf"\s*[;:]\s+|,\s+{but}\s+", text)[-1]


def ends_well(text: str, lang: str) -> bool:
    """True when the phrase does not end on a word that needs a continuation."""
    toks = words(text)
    if not toks:
        return False
    last = toks[-1].lower().replace("’", "'")
    if last.endswith("'"):
        return False
    return last not in rules_for(lang).end_stop and bare(last) not in rules_for(lang).end_stop


def is_point(text: str, lang: str, limit: int, *, cut: bool = False) -> bool:
    """Whether `text` can stand on a slide as a point of at most `limit` words."""
    n = word_count(text)
    if n < MIN_WORDS or n > limit:
        return False
    r = rules_for(lang)
    toks = [w.lower() for w in words(text)]
    if toks[0] in r.start_stop or not ends_well(text, lang):
        return False
    if text.count("(") != text.count(")") or text.count("«") != text.count("»") or text.count('"') % 2:
        return False
    if re.search(r"https?:|www\.|\S@\S", text):
        return False  # addresses belong in the references, not in a point
    if _CODE.search(text) or looks_like_code(text):
        return False  # shell or code fragments read as noise on a slide; they stay in the notes
    if has_cut_marker(text):
        return False  # "Prefer... on the same line": the source itself elides; not a statement
    if points_back(text, lang):
        return False  # "It will insert…", "Cela dépend…": needs the sentence before
    head, comma, rest = text.partition(", ")
    if comma and len(words(head)) <= 4 and rest and points_back(rest, lang):
        return False  # "For NodeJS, this is commonly done…": past the opener, it still leans back
    if is_meta(text, lang):
        return False  # "Nous vous proposons de les passer en revue dans la section suivante"
    if opens_subordinate(text, lang) and not _main_clause_after_comma(text, lang):
        return False  # "Where there are two empty lines in a row": a subordinate clause alone
    if cut and opens_adverbial(text, lang) and not _main_clause_after_comma(text, lang):
        return False  # "Depending on how each component is configured": the main clause was cut off
    if cut and words(text)[-1].lower() in ("pas", "plus", "jamais", "not", "never"):
        return False  # "n'agissant pas [pour le compte de …]": the negation lost what it negates
    if cut and _object_cut_off(text, lang):
        return False  # "le SIG a structuré", "se réserve le droit de supprimer": the verb lost its object
    if cut and len(re.findall(r"\bni\b", text, re.IGNORECASE)) == 1:
        return False  # "ne doit ni conférer …[, ni suggérer …]": the pair was cut in half
    if cut and _open_clause(text, lang):
        return False  # "Il est rappelé que tous les sites": the clause lost its verb
    if cut and _verb_before_last_comma(text, lang):
        return False  # "L'État est, sauf mention contraire": the verb's complement was cut off
    if sum(1 for t in tokens(text) if t not in stopwords(lang)) < 2:
        return False
    if cut and re.match(rf"(?:{_alt(r.subordinators)})(?![\w'’-])", text, re.IGNORECASE):
        return False  # "Because raw data rarely leaves the site": the main clause was cut off
    if cut and not has_verb(_last_clause(text, lang), lang):
        return False  # a cut must leave a statement, not "…, mais les défis éthiques"
    if ":" in text and len(words(text[text.rfind(":"):])) < 4:
        return False  # "… étape : ils peuvent traiter": a colon announces more than a stub

    return True


_CODE = re.compile(r"\$[({\w]|>>|&&|\|\||~/|`|\w\(\)|\{\s*\}|[=<>]{2}|\s--?\w|\w/\w+/|\w\.(?:sh|py|md|toml|ya?ml|json)\b")


def _main_clause_after_comma(text: str, lang: str) -> bool:
    """"If you install a module, npm adds it": the subordinate clause is followed by its main clause."""
    commas = _commas(text)
    return bool(commas) and has_verb(text[commas[0] + 1:], lang) and len(words(text[commas[0] + 1:])) >= 3


def _verb_before_last_comma(text: str, lang: str) -> bool:
    commas = _commas(text)
    if not commas:
        return False
    before = words(text[: commas[-1]])
    return bool(before) and bare(before[-1].lower()) in rules_for(lang).verbs


_HAVE = {"fr": {"a", "ont", "avait", "avaient", "aura", "auront", "avons", "avez", "ai", "aurait", "auraient"},
         "en": {"has", "have", "had"}}


def _object_cut_off(text: str, lang: str) -> bool:
    """A cut ending on a compound past ("a structuré") or, in French, on an infinitive after "de"
    ("le droit de supprimer"): what the verb acts on was in the part cut away ("à collaborer" often
    stands alone, so it stays)."""
    toks = [w.lower().replace("’", "'") for w in words(text)]
    if len(toks) < 2:
        return False
    before, last = toks[-2], toks[-1]
    if before in _HAVE.get(lang, set()):
        return True
    return lang == "fr" and (before == "de" or text.rstrip().lower().endswith((" d'" + last, " d’" + last))) \
        and re.search(r"(?:er|ir|re|oir)$", last) is not None

