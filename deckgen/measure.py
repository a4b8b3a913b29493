"""Measure text with real font metrics (FreeType via Pillow) to decide what fits in a box.

All lengths are in points. Widths come from the glyph advances of the font file that the theme
declares as metric-compatible with the font written into the deck (Carlito for Calibri).
"""

from __future__ import annotations

import importlib.resources
import logging
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from fontTools.ttLib import TTFont
from PIL import ImageFont

from deckgen.errors import ThemeError

_REF_PX = 200  # measure at a large pixel size, then scale: sub-pixel accurate advances
SAFETY = 1.04  # widths are padded by 4 %: renderers differ slightly in hinting and kerning

# Carlito (SIL OFL 1.1, licence beside the files) is bundled: metric-compatible with Calibri.
BUNDLED_FONTS = importlib.resources.files("deckgen.data") / "fonts"
# Carlito's head table has a 1970 creation date; fontTools warns about it on every load.
logging.getLogger("fontTools.ttLib.tables._h_e_a_d").setLevel(logging.ERROR)


def resolve_font_file(spec: str, base_dir: Path | None = None) -> Path:
    """Return the path of a font file named in a theme: a path, or a file of the bundled Carlito."""
    candidate = Path(spec)
    if base_dir is not None and not candidate.is_absolute():
        local = base_dir / candidate
        if local.is_file():
            return local
    if candidate.is_file():
        return candidate
    bundled = BUNDLED_FONTS / candidate.name
    if bundled.is_file():
        return Path(str(bundled))
    raise ThemeError(f"font file not found: {spec}", field="fonts")


@lru_cache(maxsize=32)
def _font(path: str) -> ImageFont.FreeTypeFont:
    try:
        return ImageFont.truetype(path, _REF_PX)
    except OSError as exc:
        raise ThemeError(f"cannot read font file: {exc}", file=path) from exc


@lru_cache(maxsize=4096)
def _advance(path: str, text: str) -> float:
    return _font(path).getlength(text) / _REF_PX


def text_width(text: str, font_file: Path | str, size_pt: float) -> float:
    """Width in points of `text` on one line."""
    return _advance(str(font_file), text) * size_pt * SAFETY


@lru_cache(maxsize=32)
def _em_line_height(path: str) -> float:
    # Office and LibreOffice space single lines by the font's ascent + descent + line gap
    # (hhea, or the Windows metrics when larger), not by the em size Pillow reports.
    try:
        font = TTFont(path, lazy=True)
    except Exception as exc:  # fontTools raises many types on a bad file
        raise ThemeError(f"cannot read font file: {exc}", file=path) from exc
    upm = font["head"].unitsPerEm
    hhea = font["hhea"]
    total = hhea.ascent - hhea.descent + hhea.lineGap
    if "OS/2" in font:
        os2 = font["OS/2"]
        total = max(total, os2.usWinAscent + os2.usWinDescent)
    return total / upm


def line_height(font_file: Path | str, size_pt: float, spacing: float = 1.0) -> float:
    """Height in points of one line at `spacing` (proportional line spacing, 1.0 = single)."""
    return _em_line_height(str(font_file)) * size_pt * spacing


def wrap(text: str, font_file: Path | str, size_pt: float, width_pt: float) -> list[str]:
    """Greedy word wrap as a slide renderer does it; over-long words are broken by characters."""
    lines: list[str] = []
    for hard_line in text.split("\n"):
        line = ""
        for word in hard_line.split():
            trial = f"{line} {word}" if line else word
            if text_width(trial, font_file, size_pt) <= width_pt:
                line = trial
                continue
            if line:
                lines.append(line)
            line = ""
            while text_width(word, font_file, size_pt) > width_pt and len(word) > 1:
                cut = len(word) - 1
                while cut > 1 and text_width(word[:cut], font_file, size_pt) > width_pt:
                    cut -= 1
                lines.append(word[:cut])
                word = word[cut:]
            line = word
        lines.append(line)
    return lines


@dataclass(frozen=True)
class Para:
    """One paragraph to measure: its text, size, left indent and spacing."""

    text: str
    size_pt: float
    indent_pt: float = 0.0
    space_before_pt: float = 0.0
    space_after_pt: float = 0.0
    spacing: float = 1.0


def paragraphs_height(paras: list[Para], font_file: Path | str, width_pt: float) -> float:
    """Height in points that `paras` need when wrapped to `width_pt`."""
    total = 0.0
    for p in paras:
        n = len(wrap(p.text, font_file, p.size_pt, max(1.0, width_pt - p.indent_pt)))
        total += n * line_height(font_file, p.size_pt, p.spacing) + p.space_before_pt + p.space_after_pt
    return total


def longest_line(paras: list[Para], font_file: Path | str, width_pt: float) -> float:
    """Widest wrapped line, in points, including its indent."""
    widest = 0.0
    for p in paras:
        for line in wrap(p.text, font_file, p.size_pt, max(1.0, width_pt - p.indent_pt)):
            widest = max(widest, p.indent_pt + text_width(line, font_file, p.size_pt))
    return widest


def fits(paras: list[Para], font_file: Path | str, width_pt: float, height_pt: float) -> bool:
    """True when `paras` fit the box both ways."""
    return (paragraphs_height(paras, font_file, width_pt) <= height_pt
            and longest_line(paras, font_file, width_pt) <= width_pt)
