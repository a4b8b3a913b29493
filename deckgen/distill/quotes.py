"""Block quotes: a quotation with its attribution, or a callout ("> [!NOTE]", "> Note: …").

A quotation the author set apart gets a slide of its own with its speaker; its attribution line
("> — Ada Lovelace, mathematician", "-- Name", or a paragraph "— Name" right after the quote) is
never a bullet. A callout is the author's own text in a box: its sentences are ordinary points.
"""

from __future__ import annotations

import re

from deckgen.document import Block, Paragraph, Quote
from deckgen.textutil import words

QUOTE_WORDS = (4, 40)  # shorter is not a message, longer does not fit a quote slide
MAX_ATTRIBUTION_WORDS = 12

_DASH = r"(?:—|–|―|--|-)"
# the attribution at the end of a flattened quote: after the quotation's last punctuation
_TRAILING = re.compile(rf"(?:(?<=[.!?…»”\"'’])|(?<=\w))\s+{_DASH}\s*(?P<who>[^\s—–―-][^—–―]*?)\s*$")
_LINE = re.compile(rf"^\s*{_DASH}\s*(?P<who>\S.*?)\s*$")
_CALLOUT = re.compile(r"^\s*(?:\[!(?:NOTE|TIP|IMPORTANT|WARNING|CAUTION|INFO|DANGER)\]|"
                      r"(?:note|tip|warning|important|caution|remarque|attention|astuce|avertissement|"
                      r"à noter|nb|n\.b\.)\s*(?::|\s(?=[A-Z`.]))|"
                      r"(?:note|tip|remarque|astuce)\s*$)\s*", re.IGNORECASE)


def _is_name(who: str) -> bool:
    """"Ada Lovelace, mathematician", "Anonyme": a capitalised short phrase, not a sentence."""
    n = len(words(who))
    return 1 <= n <= MAX_ATTRIBUTION_WORDS and who[:1].isupper() and not who.rstrip().endswith((".", ":", "?"))


def split_attribution(text: str) -> tuple[str, str]:
    """A quote's text and its attribution ("" when there is none)."""
    m = _TRAILING.search(text)
    if m and _is_name(m.group("who")) and len(words(text[: m.start()])) >= QUOTE_WORDS[0]:
        return text[: m.start()].strip(), m.group("who").strip()
    return text.strip(), ""


def attribution_line(block: Block | None) -> str:
    """The speaker named by a paragraph that is only an attribution line ("— Name, role"), else ""."""
    if not isinstance(block, Paragraph):
        return ""
    m = _LINE.match(block.text)
    return m.group("who") if m and _is_name(m.group("who")) else ""


def callout_text(text: str) -> str | None:
    """The text of a callout without its label ("[!NOTE] Limiter…" → "Limiter…"), None for a quotation."""
    m = _CALLOUT.match(text)
    return text[m.end():].strip() if m else None


def quotation(block: Block, following: Block | None) -> tuple[str, str] | None:
    """(quote, attribution) when the block is a quotation that deserves its own slide, else None."""
    if not isinstance(block, Quote) or callout_text(block.text) is not None:
        return None
    text, who = split_attribution(block.text)
    who = who or attribution_line(following)
    if not QUOTE_WORDS[0] <= len(words(text)) <= QUOTE_WORDS[1]:
        return None
    return text, who
