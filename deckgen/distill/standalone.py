"""Self-contained points: a point must make sense without the sentence before it.

A slide point is read alone, out of its paragraph. So it may not open on a pronoun that needs the
previous sentence ("It will insert…", "Elle nécessite…"), on a discourse connective ("In other
words, …", "Par exemple, …"), on a subordinate clause with no main clause ("Where there are…",
"Lorsque…"), hold code, or carry a cut marker ("Prefer... on the same line").

Repairs are deletions or substitutions by words of the same section, so a point stays faithful:
a leading connective goes when what follows stands alone; a presentative goes ("Il existe des
méthodes …" → "Des méthodes …", "There are three cases …" → "Three cases …"); a subject pronoun is
replaced by the subject of the previous sentence when that subject is a plain noun phrase of the
same number ("Black reformats files. It does not …" → "Black does not …"). Anything else that
leans on its context is refused, and the distiller picks another sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice

from deckgen.textutil import words

from .sentences import rules_for

# Discourse connectives that may open a sentence. They link it to what came before; on a slide
# they dangle. Longest first so "in other words" wins over "in".
_CONNECTIVES = {
    "en": ("in other words", "otherwise", "for example", "for instance", "however", "moreover", "furthermore",
           "in addition", "additionally", "in this case", "in that case", "in such cases", "on the other hand",
           "as a result", "that said", "having said that", "therefore", "consequently", "hence", "thus",
           "instead", "besides", "nevertheless", "nonetheless", "meanwhile", "likewise", "similarly",
           "alternatively", "conversely", "accordingly", "indeed", "in fact", "of course", "after all",
           "finally", "lastly", "in short", "in summary", "to sum up", "overall", "in particular",
           "in practice", "in this context", "as such", "by contrast", "in contrast", "again", "also",
           "still", "then", "so", "but", "and", "yet", "or", "plus", "first", "second", "third", "firstly",
           "secondly", "thirdly", "next", "now", "here", "anyway", "ultimately", "importantly", "notably"),
    "fr": ("par exemple", "autrement dit", "en d'autres termes", "cependant", "toutefois", "néanmoins",
           "pourtant", "par ailleurs", "en outre", "de plus", "de même", "en revanche", "au contraire",
           "à l'inverse", "par conséquent", "en conséquence", "c'est pourquoi", "dans ce cas",
           "dans ce cadre", "dans ce contexte", "à cet égard", "à ce titre", "dès lors", "en effet", "en fait",
           "de fait", "d'ailleurs", "d'une part", "d'autre part", "pour autant", "enfin", "finalement",
           "en résumé", "en somme", "bref", "en particulier", "notamment", "concrètement", "en pratique",
           "ainsi", "donc", "alors", "aussi", "également", "sinon", "puis", "ensuite", "or", "mais", "et",
           "du coup", "en plus", "premièrement", "deuxièmement", "troisièmement", "d'abord", "tout d'abord"),
}
# Connectives that are also ordinary words ("So many teams…", "Then is…", "Aussi grand que…"):
# stripped only when a comma marks them as connectives.
_NEEDS_COMMA = {"still", "then", "now", "here", "first", "second", "third", "next", "plus", "again", "also",
                "aussi", "alors", "ainsi", "or", "puis", "ensuite", "enfin", "donc"}

# Subject pronouns, with their number, that need an antecedent. ("It is easy to …" is impersonal.)
_SUBJECT_PRONOUNS = {
    "en": {"it": "sg", "they": "pl", "he": "sg", "she": "sg"},
    "fr": {"il": "sg", "elle": "sg", "ils": "pl", "elles": "pl"},
}
# Openers that always point back and cannot be resolved safely: refused.
_BACK_POINTERS = {
    "en": {"its", "their", "them", "his", "her", "this", "that", "these", "those", "such", "which", "who", "whose",
           "both", "neither", "either", "latter", "former"},
    "fr": {"cela", "ceci", "ça", "celui", "celle", "ceux", "celles", "celui-ci", "celle-ci", "ceux-ci",
           "celles-ci", "lui", "leur", "leurs", "son", "sa", "ses", "ce", "c'", "y", "en", "dont", "lequel",
           "laquelle", "lesquels", "lesquelles"},
}
# "This/These + noun" is a demonstrative determiner ("This approach…"): leaning back, but a whole
# noun phrase; only "this/that + verb" is a bare pronoun.
_DEMONSTRATIVE_DET = {"en": {"this", "that", "these", "those", "such"}, "fr": {"ce", "cet", "cette", "ces"}}
_IMPERSONAL = {
    "en": re.compile(r"^it(?:'s|\s+(?:is|was|will be|would be|can be|may be|might be|seems|takes|helps|pays|"
                     r"makes sense|matters))\s+(?:\w+\s+){0,3}?(?:to|that|for|when|if|whether)\b", re.I),
    # "Il est … de/que" is impersonal; "Il est cependant bien adapté à …" speaks of what came before
    "fr": re.compile(r"^il\s+(?:faut|fallait|faudra|s['’]agit|y\s+a|reste|convient|importe|suffit|existe|arrive|"
                     r"vaut mieux)\b|^il\s+(?:est|était|sera|serait|semble|paraît)\s+(?:[\w-]+\s+){0,3}?"
                     r"(?:de\b|d['’]|que\b|qu['’]|temps\b)", re.I),
}
# A presentative whose noun phrase can stand alone as a slide point.
_PRESENTATIVE = {
    "en": re.compile(r"^there\s+(?:is|are|exist|exists)\s+(?=(?:a|an|many|several|some|few|two|three|four|five|"
                     r"numerous|various|multiple|\d+)\b)", re.I),
    "fr": re.compile(r"^(?:il\s+existe|il\s+y\s+a)\s+(?=(?:des|plusieurs|quelques|deux|trois|quatre|cinq|\d+)\b|"
                     r"de\s+nombreu|différent|divers)", re.I),
}
# Subordinators and relatives: a point opening on one needs a main clause after its comma.
_SUBORDINATE = {
    "en": ("where", "which", "whose", "whom", "because", "since", "although", "though", "even though", "while",
           "whereas", "if", "unless", "when", "whenever", "as long as", "so that", "once", "until", "before",
           "after", "as soon as", "in case", "provided that", "given that", "whether", "in order to"),
    "fr": ("où", "lorsque", "lorsqu'", "quand", "si", "s'il", "s'ils", "parce que", "parce qu'", "puisque",
           "puisqu'", "bien que", "bien qu'", "quoique", "afin que", "afin qu'", "afin de", "afin d'", "pour que",
           "pour qu'", "de sorte que", "dont", "dès lors que", "dès lors qu'", "dès que", "dès qu'",
           "dans l'hypothèse où", "dans le cas où", "au cas où", "en cas de", "en cas d'", "tandis que",
           "alors que", "alors qu'", "même si", "sans que", "avant que", "après que", "tant que", "à moins que",
           "que", "qu'"),
}
# "(i)", "a)", "2°", "4.1", "I." at the start of an item: a label, not words of the point
_ENUMERATOR = re.compile(r"^\s*(?:\(?[ivxIVX]{1,4}\)|\(?[a-h]\)|\d+\)|[IVX\d]{1,3}\s?°|\d+(?:\.\d+)+\.?|"
                         r"[IVX]{1,4}\.|\d+\.)\s+(?=\S)")
# A point ending early that opens on one of these kept only an adverbial, not its main clause
_ADVERBIAL = {
    "en": ("in", "on", "at", "for", "with", "by", "from", "to", "depending on", "according to", "given", "based on",
           "during", "after", "before", "under", "within", "without", "through", "via", "as", "unlike", "despite",
           "thanks to", "due to", "regarding", "upon", "over", "per", "once", "apart from", "except"),
    "fr": ("pour", "dans", "par", "avec", "sans", "selon", "en", "sur", "sous", "lors", "après", "avant", "depuis",
           "pendant", "grâce", "malgré", "conformément", "concernant", "s'agissant", "à", "au", "aux", "hors",
           "sauf", "outre", "vis-à-vis", "en fonction", "en cas", "faute"),
}
_CUT_MARK = re.compile(r"…|\.\.\.|\[\s*\.\.\.\s*\]|\(\s*\.\.\.\s*\)")
# Code on a point: braces, calls, assignments, operators, inline identifiers and file names.
_CODE = re.compile(
    r"[{}]|`|\w\(|\)\.|==|!=|=>|->|\w=\w|[;]\s*$|^\$\s|<\/?\w+[^>]*>|&&|\|\||::|\w\[\w*\]"
    r"|(?<![\w.])[a-z_][a-z0-9_]*\.[a-z_][a-z0-9_]+\b(?!\.)(?<!e\.g)(?<!i\.e)"  # module.attr, process.env
    r"|\b[a-z]+(?:[A-Z][a-z0-9]+)+\b"  # camelCase identifiers: heartbeatInterval, groupId
    r"|\b\w+_\w+\b"  # snake_case identifiers
    r"|\b[\w-]+\.(?:py|js|mjs|cjs|ts|tsx|jsx|json|md|toml|ya?ml|sh|cfg|ini|txt|lock|html|css|scss|pyi|go|rs|java)\b"
    r"|(?:^|\s)--?[a-z][\w-]*|(?:^|\s)\.[a-z]\w*")
# What every match of _CODE holds, each alternative opening on a character most prose lacks: the
# regex engine skips to those characters, where _CODE tries each of its alternatives at every place.
# No match of this, no match of _CODE (tests/distill/test_equivalence.py holds them to it).
_CODE_HINT = re.compile(
    r"[{}`=<&|_]|\((?<=\w\()|\)\.|->|;\s*$|\$\s|::|\[(?<=\w\[)"  # punctuation of code
    r"|\.[a-z_]"  # module.attr, file names, .hidden
    r"|[A-Z](?<=[a-z][A-Z])"  # camelCase
    r"|-(?<![^\s]-)[a-z-]")  # options: -v, --force
_BRANDS = {"iPhone", "iPad", "iOS", "macOS", "eBay", "iCloud", "watchOS", "tvOS", "npm", "pnpm", "eCommerce"}


@dataclass(frozen=True)
class Context:
    """The subject of the previous sentence of a section, which a leading pronoun may stand for."""

    subject: str = ""
    number: str = ""  # "sg" | "pl" | "" (unknown)
    gender: str = ""  # "m" | "f" | "" (unknown or English)


def _alt(items) -> str:
    return "|".join(re.escape(i).replace(r"\ ", r"\s+").replace("'", "['’]") for i in sorted(items, key=len,
                                                                                         reverse=True))


_ADV_RE = {lang: re.compile(rf"^(?:{_alt(a)})(?![\w'’-])|^\w+(?:ing|ant)\s", re.I) for lang, a in _ADVERBIAL.items()}
_CONN_RE = {lang: re.compile(rf"^(?:{_alt(c)})(?![\w'’-])\s*(,)?\s*", re.I) for lang, c in _CONNECTIVES.items()}


def _opening(items: tuple[str, ...]) -> re.Pattern[str]:
    """Word-bounded alternatives; an elided form ("qu'", "lorsqu'") is glued to the next word."""
    elided = [i for i in items if i.endswith("'")]
    whole = rf"(?:{_alt(i for i in items if not i.endswith(chr(39)))})(?![\w-])"
    return re.compile(rf"^(?:{_alt(elided)}|{whole})" if elided else rf"^{whole}", re.I)


_SUB_RE = {lang: _opening(s) for lang, s in _SUBORDINATE.items()}


def _lang(lang: str) -> str:
    return lang if lang in _CONNECTIVES else "en"


def _first_word(text: str) -> str:
    w = words(text)
    return w[0].lower().replace("’", "'") if w else ""


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def strip_connective(text: str, lang: str) -> str:
    """The sentence without its leading discourse connectives ("In other words, X" → "X")."""
    lang = _lang(lang)
    for _ in range(3):  # "Mais, par ailleurs, …"
        m = _CONN_RE[lang].match(text)
        if not m:
            break
        head = m.group(0).rstrip(" ,").lower().replace("’", "'")
        if head in _NEEDS_COMMA and not m.group(1):
            break
        rest = text[m.end():]
        if len(words(rest)) < 3 or re.match(r"(?:que|qu['’]|that)\b", rest, re.I):
            break  # "Dès lors qu'ils…", "So that…": the connective was half of a subordinator
        text = _capitalise(rest)
    return text


def strip_enumerator(text: str) -> str:
    """"(i) la charte graphique" → "la charte graphique"; "4.1 L'État est…" → "L'État est…"."""
    return _ENUMERATOR.sub("", text, count=1)


def opens_adverbial(text: str, lang: str) -> bool:
    """True when the point opens on a prepositional or participial phrase ("Depending on…", "Pour les…")."""
    return bool(_ADV_RE[_lang(lang)].match(text.strip()))


def strip_presentative(text: str, lang: str) -> str:
    """"Il existe des méthodes X" → "Des méthodes X"; "There are three cases …" → "Three cases …"."""
    m = _PRESENTATIVE[_lang(lang)].match(text)
    return _capitalise(text[m.end():]) if m else text


def is_impersonal(text: str, lang: str) -> bool:
    return bool(_IMPERSONAL[_lang(lang)].match(text))


def leading_pronoun(text: str, lang: str) -> str | None:
    """The subject pronoun a point opens on ("it", "elle"), when it is not impersonal."""
    first = re.sub(r"'(?:s|ll|d|re)$", "", _first_word(text))
    if first in _SUBJECT_PRONOUNS[_lang(lang)] and not is_impersonal(text, lang):
        return first
    return None


def points_back(text: str, lang: str) -> bool:
    """True when the point opens on a word that needs the sentence before it."""
    lang = _lang(lang)
    toks = [w.lower().replace("’", "'") for w in words(text)]
    if not toks:
        return True
    first = toks[0]
    if lang == "en" and first in ("this", "that", "these", "those"):
        # "This approach …" is a noun phrase; "This is …", "That means …" point back
        return len(toks) < 2 or _looks_verb_en(toks[1])
    if lang == "fr" and (re.match(r"^c['’]", text.strip(), re.I) or first == "ce" and len(toks) > 1
                         and toks[1] in ("sont", "qui", "que", "dont", "n")):
        return True
    if lang == "fr" and first == "y" and len(toks) > 1:
        return True  # "Y sont retirés les noms…": there, in the sentence before
    if first in _BACK_POINTERS[lang] - {"en", "y", "ce", "c'"} | ({"this", "that", "these", "those"}
                                                                   if lang == "fr" else set()):
        return first not in _DEMONSTRATIVE_DET[lang]
    if leading_pronoun(text, lang):
        return True
    # "It is more accurate to say that it is…": impersonal, but the clause it opens leans back
    return is_impersonal(text, lang) and bool(re.search(r"\b(?:that|que|qu['’])\s*(?:it|they|il|elle|ils|elles)\b",
                                                         " ".join(words(text)[:10]), re.I))


_EN_VERBS = {"is", "are", "was", "were", "will", "would", "can", "could", "may", "might", "must", "should", "has",
             "have", "had", "does", "do", "did", "means", "meant", "makes", "allows", "lets", "helps", "ensures",
             "gives", "leads", "includes", "requires", "works", "way", "also", "not", "isn't", "doesn't", "won't"}


def _looks_verb_en(word: str) -> bool:
    return word in _EN_VERBS


def opens_subordinate(text: str, lang: str) -> bool:
    """True when the point opens on a subordinate clause or relative ("Where…", "Lorsque…", "If you…")."""
    return bool(_SUB_RE[_lang(lang)].match(text.strip()))


def has_cut_marker(text: str) -> bool:
    return bool(_CUT_MARK.search(text))


def looks_like_code(text: str) -> bool:
    """Braces, calls, assignments, identifiers or file names: code belongs on a code slide, not a point."""
    if not _CODE_HINT.search(text):
        return False
    for m in _CODE.finditer(text):
        if m.group(0).strip() not in _BRANDS:
            return True
    return False


# The document talking about itself or steering its reader ("in the next section", "voici…", "ce guide"):
# true on the page, meaningless on a slide.
_META = {
    "en": re.compile(r"\b(?:this|the following|the next|the previous) (?:guide|section|chapter|document|"
                     r"page|article|paper|white ?paper|report|post|tutorial|readme)\b|"
                     r"\b(?:see|shown|described|listed|explained|detailed|mentioned|discussed|examples?|figures?|"
                     r"tables?|diagrams?|snippets?|steps?) (?:below|above)\b|"
                     r"\b(?:continue reading|read on|as follows)\b|^here (?:is|are)\b|^let(?:'s| us)\b|"
                     r"\b(?:please )?refer to (?:the|this|our) (?:documentation|docs|guide|section|page)\b|"
                     r"\bthe following (?:link|address|form|table|diagram|example)s?\b|"
                     # a README's navigation and calls to action: link labels, not statements
                     r"^\W*(?:read more|learn more|more info|see also)\b|^\W*(?:follow|star) us\b|"
                     r"\bread (?:this |it )?in (?:a different|another|other) languages?\b|"
                     r"\b(?:see|click|read|find|check)\b.*\bhere\W*$|(?:^|\s)#[a-z][\w-]*\b", re.I),
    "fr": re.compile(r"\b(?:ce|le présent) (?:guide|document|chapitre|tutoriel|whitepaper|livre blanc|rapport)\b|"
                     r"\b(?:cette|la présente) "
                     r"(?:section|page|partie|fiche)\b|\b(?:la|les) (?:section|partie)s? (?:suivante|précédente)s?\b|"
                     r"\bci-(?:dessous|dessus|après)\b|^voici\b|\bnous vous proposons\b|\bvous trouverez\b|"
                     r"\bcomme suit\b|^(?:prenons|voyons|regardons|examinons)\b|\bon se référera\b|"
                     r"\b(?:se reporter|reportez-vous|référez-vous)\b|"
                     r"\b(?:lien|adresse|formulaire|tableau|schéma|exemple)s? suivante?s?\b", re.I),
}


def is_meta(text: str, lang: str) -> bool:
    """True when the sentence is about the document or its reading order, not about the topic."""
    return bool(_META[_lang(lang)].search(text.strip().replace("’", "'")))


_DEFINITE = {"en": {"this": "the", "that": "the", "these": "the", "those": "the"},
             "fr": {"ce": "le", "cet": "l'", "cette": "la", "ces": "les"}}
_NOT_A_NOUN = {"en": {"is", "was", "are", "were", "of", "who", "which", "that", "in", "to", "will", "can", "way"},
               "fr": {"qui", "que", "dont", "n", "ne", "sont", "est", "à", "de", "du", "des"}}


def definite_for_demonstrative(text: str, lang: str) -> str:
    """"Cette tâche est coûteuse" → "La tâche est coûteuse": a demonstrative determiner points at the
    sentence before; the definite article says the same of the thing named, on its own."""
    lang = _lang(lang)
    m = re.match(r"^(\w+)\s+([\w'’-]+)", text)
    if not m or m.group(1).lower() not in _DEFINITE[lang] or m.group(2).lower() in _NOT_A_NOUN[lang]:
        return text
    if lang == "en" and _looks_verb_en(m.group(2).lower()):
        return text
    article = _DEFINITE[lang][m.group(1).lower()]
    if article == "la" and re.match(r"[aeiouyéèêhâîô]", m.group(2), re.I):
        article = "l'"
    rest = text[m.start(2):]
    return _capitalise(article + ("" if article.endswith("'") else " ") + rest)


def resolve(text: str, lang: str, context: Context) -> str | None:
    """The point with its leading subject pronoun replaced by its antecedent, or None when unsafe."""
    pronoun = leading_pronoun(text, lang)
    if pronoun is None:
        return text
    if not context.subject or not _agrees(pronoun, lang, context):
        return None
    if re.match(r"^\s*\w+['’]", text):
        return None  # "It's one line before…": a contraction is often impersonal; not worth the risk
    return context.subject + re.sub(r"^\s*\S+", "", text, count=1)


# --------------------------------------------------------------------------- subjects, for resolution

# Determiner → (number, gender) of the noun phrase it opens; "" when the determiner does not say.
_DETERMINERS = {
    "en": {"the": ("", ""), "a": ("sg", ""), "an": ("sg", "")},
    "fr": {"le": ("sg", "m"), "la": ("sg", "f"), "l'": ("sg", ""), "un": ("sg", "m"), "une": ("sg", "f"),
           "les": ("pl", ""), "des": ("pl", "")},
}
_AUX = {
    "en": {"is", "are", "was", "were", "has", "have", "had", "can", "could", "will", "would", "should", "must",
           "may", "might", "does", "do", "did", "cannot", "isn't", "aren't", "doesn't", "don't", "won't"},
    "fr": {"est", "sont", "a", "ont", "était", "étaient", "sera", "seront", "serait", "peut", "peuvent", "doit",
           "doivent", "ne", "n'", "se", "s'", "fait", "font", "reste", "restent"},
}


@lru_cache(maxsize=None)
def _known_verbs(lang: str) -> frozenset[str]:
    return frozenset(_AUX[lang] | set(rules_for(lang).verbs))


def _verb_index(toks: list[str], lang: str) -> int | None:
    """Where the first verb of a clause is: an auxiliary or a frequent verb, or (English) an -s/-ed
    word that does not follow a determiner (so "The rules are" finds "are", not "rules")."""
    known = _known_verbs(lang)
    dets = _DETERMINERS[lang]
    for i, raw in enumerate(toks):
        t = raw.lower().replace("’", "'")
        if i == 0:
            continue
        if t in known or (lang == "fr" and re.match(r"^[ns]'", t)):
            return i
        if lang == "en" and re.fullmatch(r"[a-z]{3,}(?:s|ed)", t) and not t.endswith(("ss", "us", "is")) \
                and toks[i - 1].lower() not in dets:
            return i
    return None


_TOKEN = re.compile(r"[\w'’-]+|[^\w\s]")
MAX_SUBJECT_TOKENS = 5
# the verb comes within the first six tokens, or the sentence names no subject: the rest are never read
_TOKENS_READ = MAX_SUBJECT_TOKENS + 1


def subject_of(sentence: str, lang: str) -> Context:
    """The subject of a sentence when it is a short plain noun phrase, with its number and gender.

    Only two safe shapes: a proper name ("Black", "Kafka Connect") or a determiner and up to four
    words ("The gateway tier", "La licence"). Anything else gives an empty context.
    """
    lang = _lang(lang)
    text = strip_connective(sentence.strip(), lang)
    if points_back(text, lang) or opens_subordinate(text, lang):
        return Context()
    all_toks = [m.group() for m in islice(_TOKEN.finditer(text), _TOKENS_READ)]
    i = _verb_index(all_toks, lang)
    if i is None or i > MAX_SUBJECT_TOKENS:
        return Context()
    toks = all_toks[:i]
    head = " ".join(toks).replace(" ’", "’").replace("' ", "'").replace("’ ", "’")
    if any(not re.match(r"[\w'’-]", t) for t in toks):
        return Context()
    first = toks[0].lower().replace("’", "'")
    if first in _SUBJECT_PRONOUNS[lang] or first in _BACK_POINTERS[lang]:
        return Context()
    if lang == "fr" and re.match(r"^l['’]\w", first):
        first = "l'"
    dets = _DETERMINERS[lang]
    # code has no subject to stand for; asked last as it costs more than the checks above (most
    # sentences fail one of them)
    if (first in dets or len(toks) <= 3 and all(t[:1].isupper() for t in toks)) and looks_like_code(text):
        return Context()
    if first in dets:
        number, gender = dets[first]
        if lang == "en" and first == "the":
            number = "pl" if toks[-1].endswith("s") and not toks[-1].endswith(("ss", "us", "is")) else "sg"
        return Context(head, number, gender)
    if len(toks) <= 3 and all(t[:1].isupper() for t in toks):
        return Context(head, "sg", "")  # a proper name: Black, Kafka, Fastify
    return Context()


def _agrees(pronoun: str, lang: str, context: Context) -> bool:
    number = _SUBJECT_PRONOUNS[_lang(lang)][pronoun]
    if pronoun in ("he", "she") or context.number != number:
        return False  # "he"/"she" refer to people: a subject like "Black" may be a tool, not a person
    gender = {"il": "m", "ils": "m", "elle": "f", "elles": "f"}.get(pronoun, "")
    return not (gender and context.gender and context.gender != gender)
