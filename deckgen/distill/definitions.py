"""Definitions a document gives itself, in the shapes writers use for any field.

- a copula at the start of a sentence: "Kafka is a messaging system that …", "Le DSFR est un …";
- an appositive: "Doccano, an annotation tool, …", "la CNIL, autorité de contrôle, …";
- a naming verb: "on appelle pseudonymisation le traitement …", "X désigne …" (see glossary);
- a definition list: "Communauté : désigne la communauté …", "Le « Concédant » : toute personne …";
- a glossary table: a section titled Glossary / Lexique / Définitions, or a table whose header
  says Term | Definition.

Each finder returns (term, raw definition) pairs; the glossary trims and ranks them. A term must
look like a name (capitalised, an acronym) or be a known glossary term: a sentence like "The work
is a mess" defines nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from deckgen.document import Table
from deckgen.textutil import slugify, words

from .sentences import split_sentences

_NAME = r"(?:[A-Z][\w.+#-]*|[A-Z]{2,6})(?:\s+(?:[A-Z][\w.+#-]*|de|du|des|of)){0,3}"
_COPULA_START = {
    "en": re.compile(rf"^(?:The\s+)?(?P<term>{_NAME}|[a-z][\w-]+(?:\s[a-z][\w-]+){{0,2}})\s+(?:is|are)\s+"
                     r"(?P<def>(?:a|an)\s+[^.;:]{8,})"),
    "fr": re.compile(rf"^(?:(?:Le|La|Les)\s+|L['’])?"
                     rf"(?P<term>{_NAME}|[a-zé][\w'’-]+(?:\s[a-zé][\w'’-]+){{0,2}})\s+"
                     r"(?:est|sont)\s+(?P<def>(?:un|une|des)\s+[^.;:]{8,})"),
}
_APPOSITIVE = {
    "en": re.compile(rf"(?:^|[\s(])(?P<term>{_NAME}),\s+(?P<def>(?:a|an)\s+[^,.;:()]{{6,}}),"),
    "fr": re.compile(rf"(?:^|[\s(])(?P<term>{_NAME}),\s+(?P<def>(?:un|une)\s+[^,.;:()]{{6,}}),"),
}
_NAMING = {
    "fr": re.compile(r"\bon\s+(?:appelle|nomme|parle\s+de)\s+[«\"“]?\s*(?P<term>[\w'’ -]{2,40}?)\s*[»\"”]?\s+"
                     r"(?P<def>(?:le|la|les|l['’]|un|une|des|tout|toute)\s*[^.;:]{8,})", re.I),
    "en": re.compile(r"\b(?:is|are)\s+called\s+[\"“]?(?P<term>[\w -]{2,40}?)[\"”]?\s*[.,;]"),
}
# what each of the three shapes needs in a sentence (so in its text, whose sentences are pieces of it)
_MAY_DEFINE = {
    "en": re.compile(r"\s(?:is|are)\s+(?:a|an)\s|,\s+(?:a|an)\s|(?:is|are)\s+called\s"),
    "fr": re.compile(r"\s(?:est|sont)\s+(?:un|une|des)\s|,\s+(?:un|une)\s|(?i:on\s+(?:appelle|nomme|parle\s+de)\s)"),
}
_DEF_ITEM = re.compile(r"^\s*(?:[•*-]|\d+\.)?\s*(?:(?:Le|La|Les|Un|Une|Des|The|A|An)\s+|L['’])?[«\"“]?\s*"
                       r"(?P<term>[^:«»\"“”()]{2,60}?)\s*[»\"”]?\s*(?:\([^()]*\))?\s*:\s*"
                       r"(?:désigne\s+|means\s+|refers\s+to\s+)?(?P<def>\S.{8,})$")
_GLOSSARY_TITLES = ("glossary", "glossaire", "lexique", "definitions", "terminology", "terminologie", "vocabulaire",
                    "vocabulary", "article 1 definitions")
_TERM_HEADERS = ("term", "terme", "mot", "name", "nom", "concept", "notion", "acronym", "acronyme", "sigle")
_DEF_HEADERS = ("definition", "description", "meaning", "signification", "sens", "explication")


_NOT_TERMS = {"there", "here", "we", "you", "it", "this", "that", "these", "those", "what", "which", "who", "how",
              "why", "when", "where", "they", "he", "she", "one", "each", "all", "some", "il", "elle", "ils", "elles",
              "ce", "cela", "ceci", "on", "nous", "vous", "quel", "quelle", "quels", "quelles", "qui", "que", "quoi",
              "comment", "pourquoi", "chaque", "tout", "tous", "cas", "case", "step", "étape", "note", "example",
              "exemple", "article", "chapter", "chapitre", "section", "part", "partie", "the", "le", "la", "les"}


def _looks_like_term(term: str, known: Callable[[str], bool]) -> bool:
    """A name worth defining: capitalised or known, a few words, no number, link or punctuation."""
    toks = term.split()
    return (1 <= len(toks) <= 5 and (term[:1].isupper() or known(term)) and toks[0].lower() not in _NOT_TERMS
            and not re.search(r"[,;.!?/]|\d$|https?", term))


def sentence_definitions(text: str, lang: str, known: Callable[[str], bool]) -> list[tuple[str, str]]:
    """(term, definition) pairs from copulas, appositives and naming verbs in running text."""
    lang = lang if lang in _COPULA_START else "en"
    out: list[tuple[str, str]] = []
    if not _MAY_DEFINE[lang].search(text):
        return out  # no sentence of it holds the words of a copula, an appositive or a naming verb: not split
    for sentence in split_sentences(text, lang):
        m = _COPULA_START[lang].match(sentence)
        if m and _looks_like_term(m.group("term"), known) and m.group("term").lower() not in ("it", "this", "that",
                                                                                               "il", "elle", "ce"):
            out.append((m.group("term"), m.group("def")))
        for m in _APPOSITIVE[lang].finditer(sentence):
            if _looks_like_term(m.group("term"), known) and len(words(m.group("def"))) >= 4:
                out.append((m.group("term"), m.group("def")))
        naming = _NAMING.get(lang)
        for m in naming.finditer(sentence) if naming else ():
            if lang == "fr":
                out.append((m.group("term").strip(), m.group("def")))
    return out


_CLAUSE_VERBS = {"is", "are", "was", "were", "has", "have", "can", "will", "est", "sont", "a", "ont", "peut", "sera"}


def _is_noun_phrase(definition: str) -> bool:
    """"The collective group of machines …" defines; "Logs are extremely important" describes."""
    return not any(w.lower() in _CLAUSE_VERBS for w in words(definition)[:4])


def list_definitions(items: list[str], known: Callable[[str], bool]) -> list[tuple[str, str]]:
    """(term, definition) pairs of a definition list: two items or more shaped "Term : definition",
    the definition a noun phrase (a feature list "Logging: Logs are important" defines nothing)."""
    found = []
    for item in items:
        m = _DEF_ITEM.match(item)
        if (m and _looks_like_term(m.group("term").strip(), known) and len(words(m.group("def"))) >= 3
                and _is_noun_phrase(m.group("def"))):
            found.append((m.group("term").strip(), m.group("def")))
    return found if len(found) >= 2 else []


def is_glossary_title(title: str) -> bool:
    slug = slugify(title, "").replace("-", " ")
    return any(slug == t or slug.startswith(t + " ") or slug.endswith(" " + t) for t in _GLOSSARY_TITLES)


def table_definitions(table: Table, title: str) -> list[tuple[str, str]]:
    """(term, definition) rows of a glossary table: Term | Definition columns, or any two-column
    table under a glossary heading."""
    if len(table.header) < 2:
        return []
    head = [slugify(h, "") for h in table.header]
    by_header = head[0] in _TERM_HEADERS and any(h in _DEF_HEADERS for h in head[1:])
    if not by_header and not (is_glossary_title(title) and len(table.header) == 2):
        return []
    col = next((i for i, h in enumerate(head) if h in _DEF_HEADERS), 1)
    out = []
    for row in table.rows:
        if len(row) > col and row[0].strip() and len(words(row[col])) >= 2 and len(row[0].split()) <= 5:
            out.append((row[0].strip(), row[col]))
    return out
