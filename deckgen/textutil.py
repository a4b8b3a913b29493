"""Small text helpers shared by the planning stages: slugs, words, block text."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from deckgen.document import Block, Code, Image, ListBlock, Paragraph, Quote, Table

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


def block_text(block: Block) -> str:
    """Plain text of a block as a presenter would read it aloud in the notes."""
    if isinstance(block, Paragraph | Quote):
        return block.text
    if isinstance(block, ListBlock):
        lines = []
        for i, item in enumerate(block.items, 1):
            mark = f"{i}." if block.ordered and item.depth == 0 else "•"
            lines.append("  " * item.depth + f"{mark} {item.text}")
        return "\n".join(lines)
    if isinstance(block, Table):
        rows = [" | ".join(block.header)] + [" | ".join(r) for r in block.rows]
        return "\n".join(rows)
    if isinstance(block, Code):
        return block.text.rstrip("\n")
    if isinstance(block, Image):
        return f"[{block.alt}]" if block.alt else ""
    return ""
