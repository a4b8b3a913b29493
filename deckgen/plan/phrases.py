"""Short forms of a point for the screen: its key phrase, its salient figure (the notes keep the sentence)."""

from __future__ import annotations

import re

from deckgen.textutil import words

# A clause boundary: where a sentence can stop and still say something whole. Never a colon: what
# comes before one only announces ("Le « Réutilisateur » : toute personne…", "The rule is simple: …").
_BOUNDARY = re.compile(r"\s*(?:;|\u00a0;|,| —| –| \()\s")
# Words a phrase cannot end on: it would announce something the slide no longer shows.
_DANGLING = {
    "en": {"a", "an", "the", "of", "to", "in", "on", "for", "with", "by", "and", "or", "but", "that", "which",
           "is", "are", "as", "at", "from", "its", "their", "this", "these", "than", "not", "be", "can", "will"},
    "fr": {"le", "la", "les", "l", "un", "une", "des", "de", "du", "d", "à", "au", "aux", "en", "et", "ou", "mais",
           "que", "qui", "dont", "pour", "par", "avec", "sur", "dans", "est", "sont", "son", "sa", "ses", "leur",
           "leurs", "ce", "cette", "ces", "ne", "pas", "se", "sans", "plus"},
}
# A sentence opening on one of these starts with a subordinate clause: its first clause alone says nothing
# ("Since such expressions are reformatted," needs what follows), so it is never cut at a clause boundary.
_SUBORDINATE = re.compile(
    r"^(?:since|because|although|though|while|whereas|if|unless|when|whenever|where|as long as|so that|once|"
    r"even if|even though|puisque|parce que|lorsque|lorsqu['’]|quand|si|s['’]il|s['’]ils|bien que|quoique|"
    r"alors que|tandis que|dès que|dès lors que|afin que|pour que|même si|dans le cas où|au cas où)\b",
    re.IGNORECASE)
MIN_PHRASE_WORDS = 3
MIN_COMMA_WORDS = 5  # a comma after fewer words usually opens a list ("A, B and C do …"), not a clause
_ENUMERATION = re.compile(r"^\s*(?:[\w'’-]+\s+){0,3}?(?:et|ou|and|or)\s", re.I)


def key_phrase(text: str, max_words: int, lang: str) -> str:
    """The longest leading clause of `text` of at most `max_words` words, or `text` when none reads whole.

    Cutting only at clause boundaries keeps the phrase faithful and complete; the full sentence stays
    in the notes.
    """
    if len(words(text)) <= max_words or _SUBORDINATE.match(text):
        return text
    best = ""
    for m in _BOUNDARY.finditer(text):
        head = text[: m.start()].rstrip(" ,;:\u00a0—–")
        n = len(words(head))
        if n > max_words:
            break
        last = re.split(r"[\s'’]", head.lower())[-1] if head else ""
        comma = m.group(0).strip() == ","
        if comma and (n < MIN_COMMA_WORDS or _ENUMERATION.match(text[m.end():])):
            continue  # the comma separates items of a list: cutting there changes the meaning
        if n >= MIN_PHRASE_WORDS and last not in _DANGLING.get(lang, _DANGLING["en"]) and head.count("(") == head.count(")"):
            best = head
    return best or text


# A figure worth showing large: a percentage, an amount with its unit or scale, a multiplier, a year.
_FIGURES = (
    re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)?\s?%"),
    re.compile(r"(?<![\w.,])[$€£]\s?\d+(?:[.,]\d+)?(?:\s?(?:billion|million|trillion|bn|k|M))?", re.IGNORECASE),
    re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)?\s?(?:milliards?|millions?|billions?|trillions?|thousand|mille)"
               r"(?:\s(?:de\s|d['’])?(?:dollars|euros|\$|€))?", re.IGNORECASE),
    re.compile(r"(?<![\w.,])[x×]\s?\d+(?:[.,]\d+)?\b|(?<![\w.,])\d+(?:[.,]\d+)?\s?[x×](?!\w)"),
    re.compile(r"(?<![\w.,/-])(?:19|20)\d\d(?![\w.,/-]|\s?%)"),
    re.compile(r"(?<![\w.,/-])\d{2,4}(?![\w.,/-])"),
)
_NOT_A_FIGURE = re.compile(r"(?:article|art\.|section|chapitre|alinéa|§|step|étape|rfc|pep|version|v)\s*$", re.IGNORECASE)
MAX_FIGURE_CHARS = 14


def salient_figure(text: str) -> str:
    """The most telling number in `text` ("70 %", "2022", "$4.4 billion"), or "" when it holds none."""
    for pattern in _FIGURES:
        for m in pattern.finditer(text):
            figure = m.group(0).strip()
            if len(figure) <= MAX_FIGURE_CHARS and not _NOT_A_FIGURE.search(text[: m.start()]):
                return figure
    return ""


_NUMBER = re.compile(r"^[-+]?[$€£]?\s?\d[\d\s\u00a0\u202f,.']*(?:\s?(?:%|[kKMG]|ms|s|x))?$")


def as_number(cell: str) -> float | None:
    """The value of a table cell that holds a plain number ("1 200", "3,5 %", "$12"), else None."""
    text = cell.strip()
    if not text or not _NUMBER.match(text):
        return None
    digits = re.sub(r"[^\d,.\-+]", "", text)
    if digits.count(",") == 1 and digits.count(".") == 0:
        digits = digits.replace(",", ".")  # a decimal comma
    else:
        digits = digits.replace(",", "")
    try:
        return float(digits)
    except ValueError:
        return None


def monogram(title: str) -> str:
    """Two letters that stand for a title: its first two significant words' initials."""
    ws = [w for w in re.findall(r"[^\W\d_]+", title) if len(w) > 3] or re.findall(r"[^\W\d_]+", title)
    return "".join(w[0].upper() for w in ws[:2]) or title[:1].upper()
