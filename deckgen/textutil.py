"""Small text helpers shared by the planning stages: slugs, words, the do/don't marks."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# A do/don't table's heads open on these marks (parse writes them; distill and plan read them): named
# here, with the other text conventions, so that planning a deck never loads the document model.
DO_MARK, DONT_MARK = "✔", "✘"

_WORD = re.compile(r"[\w][\w'’\-]*", re.UNICODE)


SLUG_LENGTH = 60
_SLUG_HEAD = 256  # characters of a text that nearly always give a full-length slug
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(text: str, fallback: str = "section") -> str:
    """ASCII, lower-case, hyphenated identifier for a title ("Modèles de fondation" → "modeles-de-fondation")."""
    # A slug keeps a text's first 60 letters and digits: a long text (section_role slugs a part's whole
    # text) is not decomposed in full when its head gives more. The head's ASCII letters and digits are
    # the whole text's first ones, in order (decomposing moves only combining marks).
    slug = _slug(text[:_SLUG_HEAD]) if len(text) > _SLUG_HEAD else ""
    if len(slug) <= SLUG_LENGTH:
        slug = _slug(text)
    return slug[:SLUG_LENGTH].rstrip("-") or fallback


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _NOT_SLUG.sub("-", ascii_text.lower()).strip("-")


def words(text: str) -> list[str]:
    """The words of a text, punctuation dropped, apostrophes and hyphens kept inside words."""
    return list(_words(text))


@lru_cache(maxsize=1 << 15)
def _words(text: str) -> tuple[str, ...]:
    # distilling counts the words of each version of each sentence many times over
    return tuple(_WORD.findall(text))
