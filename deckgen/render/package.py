"""The deck as a file: template opening, deterministic archive, edit detection, atomic write."""

from __future__ import annotations

from pathlib import Path

from deckgen.errors import ThemeError
from deckgen.plan.deckplan import DeckPlan
from deckgen.theme.loader import Theme

from .manifest import write_decks, written_by_deckgen
from .slides import DeckDrawing


def render_deck(plan: DeckPlan, theme: Theme) -> tuple[bytes, list[str]]:
    """Build the deck in memory; returns the .pptx bytes and renderer warnings."""
    deck = DeckDrawing(plan, theme)
    try:
        return deck.build(), deck.warnings
    except ValueError as exc:  # python-pptx refuses a negative or huge length: a theme past theme/limits.py
        raise ThemeError(f"the theme leaves no room to lay out a slide ({str(exc).splitlines()[0][:120]})",
                         file=theme.path) from exc


def write_deck(plan: DeckPlan, theme: Theme, path: Path) -> list[str]:
    """Render and write atomically (a failure leaves no file behind)."""
    data, warnings = render_deck(plan, theme)
    write_decks([(path, data)])
    return warnings


__all__ = ["render_deck", "write_deck", "write_decks", "written_by_deckgen"]
