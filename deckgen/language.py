"""Which language a text is in (French or English), and the words each language treats as glue."""

from __future__ import annotations

from deckgen.textutil import words

# Short, frequent function words: enough to tell French from English on a few sentences,
# deterministic, and nothing to download.
_FR = frozenset(["le", "la", "les", "un", "une", "des", "du", "de", "et", "est", "sont", "dans", "pour", "par", "sur", "avec", "qui", "que", "ne", "pas", "plus", "ou", "au", "aux", "ce", "cette", "ces", "il", "elle", "ils", "elles", "nous", "vous", "leur", "leurs", "se", "sa", "son", "ses", "en", "à", "été", "être", "aussi", "mais", "comme", "tout", "très", "entre", "sans"])
_EN = frozenset(["the", "a", "an", "and", "is", "are", "of", "to", "in", "for", "on", "with", "that", "this", "these", "those", "it", "its", "be", "been", "by", "as", "at", "from", "or", "not", "but", "which", "their", "they", "we", "you", "can", "will", "has", "have", "was", "were", "also", "more", "than", "into", "about", "such"])

SUPPORTED = ("fr", "en")


def detect_language(text: str, default: str = "en") -> str:
    """Return "fr" or "en" from the share of each language's function words in `text`."""
    fr = en = 0
    for w in _leading_words(text, 5000):
        w = w.split("'")[-1].split("’")[-1]
        fr += w in _FR
        en += w in _EN
    if fr == en:
        return default
    return "fr" if fr > en else "en"


def normalise_lang(value: str | None) -> str | None:
    """Map "fr-FR", "French", "français"… to "fr"/"en"; None when unknown."""
    if not value:
        return None
    v = str(value).strip().lower()
    if v.startswith(("fr", "français", "francais")):
        return "fr"
    if v.startswith(("en", "english", "anglais")):
        return "en"
    return None


def _leading_words(text: str, count: int) -> list[str]:
    """`words(text.lower())[:count]`, from the text's head when it holds them: a book is not split
    into words to count its first pages'. The head's last word may be cut short, so the head must
    hold one word more than asked for."""
    size = 8 * count
    while size < len(text):
        found = words(text[:size].lower())
        if len(found) > count:
            return found[:count]
        size *= 4
    return words(text.lower())[:count]

