"""The font file that stands in for a deck's typeface when measuring its text.

Office fonts are rarely installed where the check runs, so each is measured with a metric-compatible
free font (same advances): Carlito for Calibri, Liberation for Arial / Times / Courier, Caladea for
Cambria. Carlito is bundled with deckgen and is the fallback for anything unknown.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from deckgen.measure import resolve_font_file

_FONT_FILES = {
    # typeface (lower case) → (regular, bold) file names
    "calibri": ("Carlito-Regular.ttf", "Carlito-Bold.ttf"),
    "carlito": ("Carlito-Regular.ttf", "Carlito-Bold.ttf"),
    "calibri light": ("Carlito-Regular.ttf", "Carlito-Bold.ttf"),
    "arial": ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"),
    "helvetica": ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"),
    "liberation sans": ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"),
    "arimo": ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"),
    "times new roman": ("LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf"),
    "times": ("LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf"),
    "liberation serif": ("LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf"),
    "courier new": ("LiberationMono-Regular.ttf", "LiberationMono-Bold.ttf"),
    "courier": ("LiberationMono-Regular.ttf", "LiberationMono-Bold.ttf"),
    "liberation mono": ("LiberationMono-Regular.ttf", "LiberationMono-Bold.ttf"),
    "consolas": ("LiberationMono-Regular.ttf", "LiberationMono-Bold.ttf"),
    "cambria": ("Caladea-Regular.ttf", "Caladea-Bold.ttf"),
    "caladea": ("Caladea-Regular.ttf", "Caladea-Bold.ttf"),
    "dejavu sans": ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
}
_FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.local/share/fonts", "~/.fonts",
              "/Library/Fonts", "/System/Library/Fonts", "C:/Windows/Fonts")


@lru_cache(maxsize=1)
def _system_fonts() -> dict[str, str]:
    index: dict[str, str] = {}
    for d in _FONT_DIRS:
        root = Path(os.path.expanduser(d))
        if not root.is_dir():
            continue
        for dirpath, _dirs, files in os.walk(root):
            for f in files:
                if f.lower().endswith((".ttf", ".otf")):
                    index.setdefault(f.lower(), os.path.join(dirpath, f))
    return index


@lru_cache(maxsize=256)
def font_file(typeface: str | None, bold: bool = False) -> str:
    """The font file used to measure `typeface`: a metric-compatible one when known, else Carlito."""
    name = (typeface or "").strip().lower()
    candidates: list[str] = []
    if name in _FONT_FILES:
        candidates.append(_FONT_FILES[name][1 if bold else 0])
    elif name:
        flat = name.replace(" ", "")
        style = "Bold" if bold else "Regular"
        candidates += [f"{flat}-{style}.ttf", f"{flat}-{style}.otf"] + ([f"{flat}.ttf"] if not bold else [])
    for cand in candidates:
        if cand.startswith("Carlito"):
            break  # the bundled copy, so every machine measures Calibri alike
        hit = _system_fonts().get(cand.lower())
        if hit:
            return hit
    return str(resolve_font_file("Carlito-Bold.ttf" if bold else "Carlito-Regular.ttf"))
