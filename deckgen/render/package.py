"""The deck as a file: template opening, deterministic archive, edit detection, atomic write."""

from __future__ import annotations

import zipfile
from pathlib import Path

from deckgen.atomic import write_bytes_atomic
from deckgen.plan.deckplan import DeckPlan
from deckgen.theme.loader import Theme

from .archive import FIXED_TIME
from .slides import DeckDrawing


def written_by_deckgen(path: Path) -> bool:
    """True when the deck at `path` is still as deckgen wrote it (no editor has saved it since).

    PowerPoint, Keynote and LibreOffice rewrite lastModifiedBy, the revision and the modified date
    on save; deckgen writes fixed values.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            core = archive.read("docProps/core.xml").decode("utf-8", "replace")
    except (OSError, KeyError, zipfile.BadZipFile):
        return False
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ")
    return ("<cp:lastModifiedBy>deckgen</cp:lastModifiedBy>" in core and "<cp:revision>1</cp:revision>" in core
            and f">{stamp}</dcterms:modified>" in core)


def render_deck(plan: DeckPlan, theme: Theme) -> tuple[bytes, list[str]]:
    """Build the deck in memory; returns the .pptx bytes and renderer warnings."""
    deck = DeckDrawing(plan, theme)
    return deck.build(), deck.warnings


def write_deck(plan: DeckPlan, theme: Theme, path: Path) -> list[str]:
    """Render and write atomically (a failure leaves no file behind)."""
    data, warnings = render_deck(plan, theme)
    write_bytes_atomic(path, data)
    return warnings
