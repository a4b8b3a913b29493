"""sentences: language rules, sentence splitting, words and stop words of French and English text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pysbd

from deckgen.textutil import words

# --------------------------------------------------------------------------- language rules


@dataclass(frozen=True)
class Rules:
    """What one language needs for splitting and shortening sentences."""

    end_stop: frozenset[str]  # a point ending on one of these is a broken phrase
    start_stop: frozenset[str]  # a point starting on one of these depends on a cut-off clause
    subordinators: tuple[str, ...]  # open a subordinate clause: alone, it is not a statement
    pronoun_start: frozenset[str]  # a point starting on one of these leans on the previous sentence
    demonstratives: frozenset[str]  # "Cette approche…": a point that points back, less badly
    determiners: frozenset[str]  # words that announce a noun (used to tell nouns from verbs)
    verbs: frozenset[str]  # frequent verb forms (auxiliaries, modals, common verbs)
    openers: tuple[str, ...]  # discourse openers dropped at the start when followed by a comma
    asides: tuple[str, ...]  # incidental adverbials dropped between commas
    fillers: tuple[str, ...]  # regexes of filler adverbs that carry no content on a slide
    example_cues: tuple[str, ...]  # introduce examples (", tels que A, B ou C,")
    bare_example_cues: tuple[str, ...]  # introduce a short list of names without a comma ("X comme A, B ou C,")
    lead_prepositions: tuple[str, ...]  # open a leading adverbial phrase that may go ("Grâce à X, …")
    trailing_cues: tuple[str, ...]  # after a comma, open a clause that can be dropped
    conjunctions: tuple[str, ...]  # join clauses: a long sentence may be cut before them
    prepositions: tuple[str, ...]  # open a trailing complement that may go as a last resort
    list_conjunctions: tuple[str, ...]  # close an enumeration ("A, B ou C")
    participle: str  # regex of a past participle opening an incidental phrase
    gerund: str  # regex of a present participle / gerund opening a trailing clause
    gerund_cut: str  # regex of a gerund phrase that may end a sentence early even without a comma


_FR = Rules(
    end_stop=frozenset(["le", "la", "les", "l", "un", "une", "des", "du", "de", "d", "à", "au", "aux", "en", "dans", "par", "pour", "sur", "avec", "et", "ou", "mais", "que", "qu", "qui", "dont", "ce", "c", "cet", "cette", "ces", "son", "sa", "ses", "leur", "leurs", "mon", "ma", "mes", "ton", "ta", "tes", "notre", "nos", "votre", "vos", "comme", "tels", "telles", "tel", "telle", "entre", "vers", "sans", "sous", "chez", "selon", "depuis", "pendant", "afin", "grâce", "via", "ni", "car", "donc", "or", "si", "ne", "n", "se", "s", "y", "il", "elle", "ils", "elles", "on", "nous", "vous", "je", "j", "tu", "lui", "est", "sont", "a", "ont", "être", "avoir", "peut", "peuvent", "doit", "doivent", "plus", "moins", "très", "notamment", "ainsi", "aussi", "également", "tout", "toute", "tous", "toutes", "quelques", "plusieurs", "chaque", "certains", "certaines", "etc", "soit", "voire", "lorsque", "quand", "où", "contre", "parmi", "malgré", "envers", "hors", "dès", "lors", "puisque", "parce"]),
    start_stop=frozenset(["et", "ou", "mais", "que", "qu", "qui", "dont", "donc", "car", "ni", "puis", "or", "soit"]),
    subordinators=("parce que", "parce qu'", "puisque", "puisqu'", "lorsque", "lorsqu'", "quand", "si", "s'il",
                   "s'ils", "bien que", "bien qu'", "alors que", "alors qu'", "afin que", "afin qu'", "pour que",
                   "pour qu'", "comme", "tandis que", "dès que", "même si", "sans que"),
    pronoun_start=frozenset(["il", "elle", "ils", "elles", "cela", "ceci", "ce", "c", "on", "leur", "leurs", "sa", "son", "ses"]),
    demonstratives=frozenset(["cette", "ces", "cet"]),
    determiners=frozenset(["le", "la", "les", "l", "un", "une", "des", "du", "de", "d", "au", "aux", "ce", "cet", "cette", "ces", "son", "sa", "ses", "leur", "leurs", "mon", "ma", "mes", "notre", "nos", "votre", "vos", "chaque", "plusieurs", "quelques", "certains", "certaines"]),
    verbs=frozenset(["est", "sont", "a", "ont", "été", "être", "avoir", "était", "étaient", "sera", "seront", "serait", "seraient", "peut", "peuvent", "pourrait", "pourraient", "doit", "doivent", "devrait", "devraient", "faut", "permet", "permettent", "fait", "font", "va", "vont", "devient", "deviennent", "reste", "restent", "semble", "semblent", "existe", "existent", "demeure", "offre", "offrent", "vise", "visent", "constitue", "constituent", "marque", "représente", "pose", "soulève", "apporte", "implique", "suppose", "joue", "facilite", "transforme", "révolutionne", "favorise", "accélère", "libère", "nécessite", "exige", "dépend", "dépendra", "connaît", "émerge", "illustre", "stimule", "démocratise", "contribue"]),
    openers=("par ailleurs", "cependant", "toutefois", "en revanche", "de plus", "en outre", "ainsi",
             "enfin", "néanmoins", "pourtant", "or", "donc", "d'une part", "d'autre part",
             "par conséquent", "en effet", "en somme", "bref", "de même", "également", "aussi",
             "dans ce contexte", "dans ce cadre", "à cet égard", "en pratique", "concrètement",
             "en particulier", "plus largement", "de fait", "en résumé", "au final", "finalement",
             "d'ailleurs", "pour autant"),
    asides=("en revanche", "cependant", "toutefois", "par exemple", "en particulier", "notamment",
            "par ailleurs", "en effet", "de plus", "en outre", "d'ailleurs", "pour autant",
            "néanmoins", "pourtant", "quant à eux", "quant à elles", "bien sûr", "à son tour"),
    fillers=(r"également", r"désormais", r"d'ailleurs", r"bien sûr", r"aussi(?!\s+\S+\s+que\b)(?!\s+que\b)",
             r"ainsi(?!\s+que\b)"),
    example_cues=("tels que", "telles que", "tel que", "telle que", "comme", "notamment", "par exemple",
                  "en particulier", "y compris", "c'est-à-dire", "autrement dit", "à savoir"),
    bare_example_cues=("comme", "tels que", "telles que", "tel que", "telle que"),
    lead_prepositions=("grâce à", "pour", "avec", "face à", "au-delà de", "afin de", "afin d'", "à travers",
                       "en matière de", "en matière d'", "outre", "parce que", "parce qu'", "puisque",
                       "puisqu'", "bien que", "bien qu'", "même si"),
    trailing_cues=("ouvrant", "rendant", "permettant", "favorisant", "accélérant", "amplifiant",
                   "nécessitant", "offrant", "laissant", "créant", "tout en", "notamment",
                   "en particulier", "en passant par", "afin de", "afin d'", "ce qui", "d'où",
                   "y compris", "tels que", "telles que", "tel que", "telle que", "comme", "avec",
                   "sans", "dont", "où", "qui", "tandis que", "alors que", "mais", "et", "voire",
                   "surtout", "ainsi que", "c'est-à-dire", "soit", "etc"),
    conjunctions=("et", "mais", "tandis que", "alors que", "car", "puis", "tout en"),
    # not "avec"/"sans": "publier les événements avec la même clé" — the complement is what the verb is for
    prepositions=("dans", "pour", "grâce à", "afin de", "afin d'", "via", "lors de",
                  "au sein de", "auprès de", "depuis"),
    list_conjunctions=("ou", "et"),
    participle=r"\w{3,}(?:é|ée|és|ées|is|ise|ises|u|ue|us|ues|it|ite|its|ites)",
    gerund=r"(?:en\s+)?\w{3,}ant",
    gerund_cut=r"en\s+\w{3,}ant|tout\s+en\s+\w{3,}ant",
)

_EN = Rules(
    end_stop=frozenset(["the", "a", "an", "of", "to", "in", "for", "on", "with", "by", "and", "or", "but", "that", "which", "this", "these", "those", "its", "their", "from", "as", "at", "into", "about", "than", "via", "such", "like", "including", "not", "so", "very", "also", "between", "towards", "without", "is", "are", "be", "was", "were", "been", "being", "has", "have", "had", "can", "could", "will", "would", "should", "must", "may", "might", "do", "does", "did", "it", "they", "we", "he", "she", "i", "you", "his", "her", "our", "your", "my", "who", "whom", "whose", "whether", "if", "nor", "each", "every", "some", "any", "more", "most", "less", "etc", "e.g", "i.e", "where", "while", "when", "before", "after", "against", "into", "onto", "upon", "within", "across", "through", "during", "per", "over", "under", "about", "because", "unless", "until"]),
    start_stop=frozenset(["and", "or", "but", "that", "which", "who", "whom", "whose", "nor", "so", "yet", "then"]),
    subordinators=("because", "since", "when", "whenever", "if", "although", "though", "even though", "while",
                   "as", "unless", "whereas", "once", "until", "so that", "before", "after"),
    pronoun_start=frozenset(["it", "they", "this", "that", "he", "she", "its", "their"]),
    demonstratives=frozenset(["these", "those", "such"]),
    determiners=frozenset(["the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our", "your", "my", "each", "every", "some", "any", "no"]),
    verbs=frozenset(["is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "can", "could", "will", "would", "should", "must", "may", "might", "do", "does", "did", "remains", "remain", "becomes", "become", "makes", "make", "allows", "allow", "enables", "enable", "requires", "require", "offers", "offer"]),
    openers=("in addition", "however", "moreover", "furthermore", "additionally", "also", "thus",
             "therefore", "hence", "indeed", "in fact", "finally", "nevertheless", "nonetheless",
             "on the other hand", "in contrast", "by contrast", "meanwhile", "consequently",
             "as a result", "similarly", "likewise", "overall", "in practice", "in this context",
             "of course", "besides", "still", "in particular", "more broadly", "in short",
             "in summary", "to sum up", "importantly", "notably"),
    asides=("however", "for example", "for instance", "in particular", "e.g.", "of course", "therefore",
            "moreover", "in turn", "in fact", "indeed", "too", "though", "nevertheless"),
    fillers=(r"also", r"indeed", r"furthermore"),
    example_cues=("such as", "including", "like", "e.g.", "for example", "for instance", "especially",
                  "in particular", "notably", "that is", "i.e.", "namely", "in other words"),
    bare_example_cues=("such as", "like", "including"),
    lead_prepositions=("thanks to", "with", "for", "through", "despite", "beyond", "to", "by", "using",
                       "because", "since", "although", "though", "even though", "while"),
    trailing_cues=("which", "who", "whom", "whose", "where", "while", "whereas", "such as", "including",
                   "especially", "particularly", "notably", "like", "from", "with", "without",
                   "as well as", "so that", "in order to", "thus", "thereby", "and", "but", "or",
                   "e.g.", "i.e.", "etc", "for example", "for instance"),
    conjunctions=("and", "but", "while", "whereas", "because", "so", "yet"),
    # not "from", "by", "on", "for", "over": they often complete the verb ("moves X from A to B",
    # "managed by", "runs on", "plan for"), and cutting there leaves half a phrase
    prepositions=("in", "through", "across", "via", "within", "thanks to", "during",
                  "among", "beyond"),
    list_conjunctions=("or", "and"),
    participle=r"\w{3,}(?:ed|en|wn)",
    gerund=r"\w{3,}ing",
    gerund_cut=r"by\s+\w{3,}ing|while\s+\w{3,}ing",
)

RULES = {"fr": _FR, "en": _EN}


def rules_for(lang: str) -> Rules:
    return RULES.get(lang, _EN)


# --------------------------------------------------------------------------- splitting


@lru_cache(maxsize=4)
def _segmenter(lang: str) -> pysbd.Segmenter:
    return pysbd.Segmenter(language=lang if lang in RULES else "en", clean=False)


SEGMENT_CHARS = 4000  # pysbd is quadratic in its input: longer paragraphs are fed to it in pieces
_PIECE_END = re.compile(r"[.!?…]\s+(?=[A-ZÀ-ÖØ-Þ«\"“])")


def _pieces(text: str) -> list[str]:
    """`text` cut after sentence-looking ends into pieces of at most about SEGMENT_CHARS."""
    pieces = []
    while len(text) > SEGMENT_CHARS:
        ends = [m.end() for m in _PIECE_END.finditer(text, 0, SEGMENT_CHARS)]
        cut = ends[-1] if ends else (text.rfind(" ", 0, SEGMENT_CHARS) + 1 or SEGMENT_CHARS)
        pieces.append(text[:cut])
        text = text[cut:]
    return pieces + [text]


@lru_cache(maxsize=1 << 14)  # a paragraph is split for its slide, its part's keyphrases and the glossary
def split_sentences(text: str, lang: str) -> tuple[str, ...]:
    """Sentences of a paragraph, whitespace-normalised, in order."""
    text = re.sub(r"\s+", " ", text).strip()
    if not text:
        return ()
    segmenter = _segmenter(lang)
    return tuple(s for piece in _pieces(text) for s in (p.strip() for p in _segment(segmenter, piece)) if s)


def _segment(segmenter: pysbd.Segmenter, text: str) -> list[str]:
    """`segmenter.segment(text)` (non-destructive: each sentence with the spaces after it).

    pysbd finds where each sentence sits in the text with one regular expression per sentence,
    compiled anew every time (a third of its run); this finds the same places with str.find: the
    first occurrence of the sentence, with the whitespace after it, ending past the previous one."""
    if not text:
        return []
    sentences = segmenter.processor(text).process()
    if any(not s for s in sentences):
        return segmenter.segment(text)  # an empty match advances differently: pysbd's own way
    out, prior_end, n = [], 0, len(text)
    for sentence in sentences:
        pos = 0
        while (start := text.find(sentence, pos)) >= 0:
            end = start + len(sentence)
            while end < n and text[end].isspace():  # the pattern's trailing \s*
                end += 1
            if end > prior_end:
                out.append(text[start:end])
                prior_end = end
                break
            pos = end  # the next match begins after this one, as re.finditer's do
    return out


# --------------------------------------------------------------------------- words


_ELISION = re.compile(r"^(?:[ldjmnstc]|qu|jusqu|lorsqu|puisqu)['’]", re.IGNORECASE)


def bare(word: str) -> str:
    """A word lower-cased without its French elided article ("l'innovation" → "innovation")."""
    w = word.lower().replace("’", "'")
    return _ELISION.sub("", w) if "'" in w else w


def tokens(text: str) -> list[str]:
    """Bare lower-case words of a text, in order."""
    return list(_tokens(text))


@lru_cache(maxsize=1 << 15)
def _tokens(text: str) -> tuple[str, ...]:
    return tuple(b for b in (bare(w) for w in words(text)) if b)


def word_count(text: str) -> int:
    """Words as the planner counts them (textutil.words)."""
    return len(words(text))


# --------------------------------------------------------------------------- stopwords


@lru_cache(maxsize=4)
def stopwords(lang: str) -> frozenset[str]:
    """Function words (YAKE's bundled lists plus the shortening rules' glue words), lower-case."""
    from .yake_port import stopwords as yake_stopwords  # YAKE's stop-word files, read on first use

    base = yake_stopwords(lang if lang in RULES else "en")
    r = rules_for(lang)
    return frozenset({bare(w) for w in base} | r.end_stop | r.determiners)


def content_words(text: str, lang: str) -> list[str]:
    """Lower-case words of a text that are not function words, in order."""
    stop = stopwords(lang)
    return [t for t in tokens(text) if t not in stop]


# --------------------------------------------------------------------------- verbs


def has_verb(text: str, lang: str) -> bool:
    """A rough test that a phrase holds a finite verb, so a cut did not leave a bare noun phrase."""
    r = rules_for(lang)
    toks = [w.lower().replace("’", "'") for w in words(text)]
    for i, tok in enumerate(toks):
        b = bare(tok)
        prev = bare(toks[i - 1]) if i else ""
        nxt = toks[i + 1] if i + 1 < len(toks) else ""
        if b in stopwords(lang) and b not in r.verbs:
            continue
        if b in r.verbs or re.match(r"^(?:s|n)'\w", tok):
            return True
        if lang == "fr":
            if (len(b) > 4 and b.endswith("ent") and not b.endswith("ment") and prev not in r.determiners
                    and i > 0):
                return True
            if b.endswith(("ront", "rait", "raient", "ra")) and i > 0 and prev not in r.determiners \
                    and len(b) > 5:
                return True
            if (i > 0 and prev not in r.determiners and prev not in ("de", "d", "à", "en", "et", "ou")
                    and (nxt in r.determiners or re.match(r"^[ld]'", nxt) or nxt in ("à", "en"))
                    and b.endswith(("e", "t")) and not b.endswith("ant")
                    and not toks[i - 1].endswith(("é", "ée", "és", "ées"))):
                return True
        else:
            # "report summarises what", "partitioning lets queries": an -s or -ed word after a noun,
            # not before a preposition ("data centres to", "families of")
            glue = set(r.prepositions) | {"of", "to", "and", "or", "but", "as", "at", "from", "by", "on", "for"}
            if (i > 0 and len(b) > 3 and b.endswith(("s", "ed")) and not b.endswith(("ss", "us", "is"))
                    and prev not in glue | r.determiners and nxt not in glue):
                return True
    return False


def clause_follows(rest: str, lang: str) -> bool:
    """Whether a conjunction opens a clause ("… and applies …", "… et accélère …") rather than
    joining two nouns or adjectives ("horizontal and vertical whitespace")."""
    r = rules_for(lang)
    toks = [bare(w.lower()) for w in words(rest)[:3]]
    if not toks:
        return False
    first = toks[0]
    if first in r.determiners or first in r.pronoun_start or first in r.verbs:
        return True
    if lang == "fr":
        return has_verb(" ".join(words(rest)[:3]), lang) or bool(re.match(r"^(?:[ns]'|ne\b|se\b)", rest.strip()))
    return bool(re.fullmatch(r"[a-z]{3,}(?:s|ed)", first)) and not first.endswith(("ss", "us", "is"))
