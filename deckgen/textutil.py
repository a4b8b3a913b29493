"""Small text helpers shared by the planning stages: slugs, words, the do/don't marks."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# A do/don't table's heads open on these marks (parse writes them; distill and plan read them): named
# here, with the other text conventions, so that planning a deck never loads the document model.
DO_MARK, DONT_MARK = "✔", "✘"

_WORD = re.compile(r"[\w][\w'’\-]*", re.UNICODE)


def slugify(text: str, fallback: str = "section") -> str:
    """ASCII, lower-case, hyphenated identifier for a title ("Modèles de fondation" → "modeles-de-fondation")."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:60].rstrip("-") or fallback


def words(text: str) -> list[str]:
    """The words of a text, punctuation dropped, apostrophes and hyphens kept inside words."""
    return list(_words(text))


@lru_cache(maxsize=1 << 15)
def _words(text: str) -> tuple[str, ...]:
    # distilling counts the words of each version of each sentence many times over
    return tuple(_WORD.findall(text))
