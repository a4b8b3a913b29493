"""Measure text with real font metrics (FreeType via Pillow) to decide what fits in a box.

All lengths are in points. Widths come from the glyph advances of the font file that the theme
declares as metric-compatible with the font written into the deck (Carlito for Calibri).
"""

from __future__ import annotations

import importlib.resources
import logging
import re
import struct
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterator

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


_TOKENS = re.compile(r"\n|[^\s]+")  # hard line breaks and words, as str.split() sees them
_CACHED_CHARS = 400  # cache the advance of words and lines; never of megabyte strings


@lru_cache(maxsize=8192)
def _cached_advance(path: str, text: str) -> float:
    return _font(path).getlength(text) / _REF_PX


def _advance(path: str, text: str) -> float:
    if len(text) <= _CACHED_CHARS:
        return _cached_advance(path, text)
    return _font(path).getlength(text) / _REF_PX


def text_width(text: str, font_file: Path | str, size_pt: float) -> float:
    """Width in points of `text` on one line."""
    return _advance(str(font_file), text) * size_pt * SAFETY


@lru_cache(maxsize=4096)
def _widest_advance(path: str, text: str) -> float | None:
    return max((_advance(path, w) for w in text.split()), default=None)


def widest_word(texts: list[str], font_file: Path | str, size_pt: float) -> float | None:
    """Width in points of the widest word of `texts` (None without words): what `text_width` gives it."""
    path = str(font_file)
    widest = max((a for a in (_widest_advance(path, t) for t in texts) if a is not None), default=None)
    return None if widest is None else widest * size_pt * SAFETY


@lru_cache(maxsize=32)
def _em_line_height(path: str) -> float:
    # Office and LibreOffice space single lines by the font's ascent + descent + line gap
    # (hhea, or the Windows metrics when larger), not by the em size Pillow reports.
    metrics = _sfnt_metrics(path)
    if metrics is None:  # a collection, a web font, an odd table: fontTools reads it (or says why not)
        metrics = _fonttools_metrics(path)
    upm, ascent, descent, line_gap, win = metrics
    total = ascent - descent + line_gap
    if win is not None:
        total = max(total, win[0] + win[1])
    return total / upm


_Metrics = tuple[int, int, int, int, "tuple[int, int] | None"]


def _sfnt_metrics(path: str) -> _Metrics | None:
    """(unitsPerEm, hhea ascent, descent, lineGap, OS/2 (usWinAscent, usWinDescent) or None) read from
    a plain TrueType/OpenType file's tables; None for anything else. Reading three fields this way
    spares every command the import of fontTools."""
    try:
        with open(path, "rb") as f:
            head = f.read(12)
            if len(head) < 12 or head[:4] not in (b"\x00\x01\x00\x00", b"OTTO", b"true"):
                return None
            (count,) = struct.unpack(">H", head[4:6])
            records = f.read(16 * count)
            tables = {records[i:i + 4]: struct.unpack(">II", records[i + 8:i + 16])
                      for i in range(0, len(records) - 15, 16)}

            def table(tag: bytes, size: int) -> bytes | None:
                if tag not in tables or tables[tag][1] < size:
                    return None
                f.seek(tables[tag][0])
                data = f.read(size)
                return data if len(data) == size else None

            head_t, hhea, os2 = table(b"head", 54), table(b"hhea", 36), table(b"OS/2", 78)
            if head_t is None or hhea is None or (b"OS/2" in tables and os2 is None):
                return None
    except OSError:
        return None
    (upm,) = struct.unpack(">H", head_t[18:20])
    ascent, descent, line_gap = struct.unpack(">hhh", hhea[4:10])
    win = struct.unpack(">HH", os2[74:78]) if os2 is not None else None
    return (upm, ascent, descent, line_gap, win) if upm else None


def _fonttools_metrics(path: str) -> _Metrics:
    from fontTools.ttLib import TTFont

    try:
        font = TTFont(path, lazy=True)
    except Exception as exc:  # fontTools raises many types on a bad file
        raise ThemeError(f"cannot read font file: {exc}", file=path) from exc
    hhea = font["hhea"]
    os2 = font.get("OS/2")
    win = (os2.usWinAscent, os2.usWinDescent) if os2 is not None else None
    return font["head"].unitsPerEm, hhea.ascent, hhea.descent, hhea.lineGap, win


def line_height(font_file: Path | str, size_pt: float, spacing: float = 1.0) -> float:
    """Height in points of one line at `spacing` (proportional line spacing, 1.0 = single)."""
    return _em_line_height(str(font_file)) * size_pt * spacing


def _fit_prefix(path: str, word: str, limit: float) -> int:
    """Length of the longest prefix of `word` whose advance is within `limit` (at least 1).

    Probes prefixes of doubling length, then bisects: the cost is proportional to the prefix
    found, not to the word, so a 10,000-character run is broken in linear time overall.
    """
    good, probe = 1, 2
    while probe < len(word) and _advance(path, word[:probe]) <= limit:
        good, probe = probe, probe * 2
    bad = min(probe, len(word))
    if bad == len(word) and _advance(path, word) <= limit:
        return len(word)
    while bad - good > 1:
        mid = (good + bad) // 2
        if _advance(path, word[:mid]) <= limit:
            good = mid
        else:
            bad = mid
    return good


_CACHED_TEXT = 2000  # paragraphs up to this long are wrapped once per font, size and width


@lru_cache(maxsize=16384)
def _measured_words(path: str, text: str) -> tuple[tuple[str, ...], tuple[float, ...]]:
    # a text is wrapped at several sizes and widths (a card tries each size down to the smallest):
    # its words and their advances do not depend on either
    tokens = tuple(_TOKENS.findall(text))
    return tokens, tuple(0.0 if w == "\n" else _advance(path, w) for w in tokens)


def _words_of(path: str, text: str) -> Iterator[tuple[str, float]]:
    if len(text) <= _CACHED_TEXT:
        yield from zip(*_measured_words(path, text))
        return
    for match in _TOKENS.finditer(text):  # lazily: a caller may stop after one box of lines
        word = match.group()
        yield word, (0.0 if word == "\n" else _advance(path, word))


def iter_wrap(text: str, font_file: Path | str, size_pt: float, width_pt: float) -> Iterator[str]:
    """The lines of `wrap`, one at a time, so callers can stop as soon as a box is full."""
    path = str(font_file)
    # Compare in advance units. A line's advance is the sum of its words and spaces: Office
    # fonts do not kern across a space, and summing keeps the work linear in the text length
    # (measuring every trial line again is quadratic in the words of a line).
    limit = width_pt / (size_pt * SAFETY)
    space = _advance(path, " ")
    line: list[str] = []
    used = 0.0
    for word, advance in _words_of(path, text):
        if word == "\n":
            yield " ".join(line)
            line, used = [], 0.0
            continue
        if (used + space + advance if line else advance) <= limit:
            used = used + space + advance if line else advance
            line.append(word)
            continue
        if line:
            yield " ".join(line)
        if advance > limit:  # an unbreakable run: break it by characters
            while len(word) > 1:
                cut = _fit_prefix(path, word, limit)
                if cut == len(word):
                    break
                yield word[:cut]
                word = word[cut:]
            advance = _advance(path, word)  # what is left fits one line: short to measure
        line, used = [word], advance
    yield " ".join(line)


def wrap(text: str, font_file: Path | str, size_pt: float, width_pt: float) -> list[str]:
    """Greedy word wrap as a slide renderer does it; over-long words are broken by characters."""
    return list(_lines(text, font_file, size_pt, width_pt))


@lru_cache(maxsize=16384)
def _wrapped(text: str, path: str, size_pt: float, width_pt: float) -> tuple[str, ...]:
    # The planner sizes a text, the renderer sizes it again, and the three decks of a talk share
    # most texts: each (text, font, size, width) is wrapped once. A line is measured only when asked
    # for its width: most callers want the number of lines.
    return tuple(iter_wrap(text, path, size_pt, width_pt))


def _lines(text: str, font_file: Path | str, size_pt: float, width_pt: float):
    """The lines of `text` wrapped; remembered for paragraphs, lazy for huge texts."""
    path = str(font_file)
    if len(text) <= _CACHED_TEXT:
        return _wrapped(text, path, size_pt, width_pt)
    return iter_wrap(text, path, size_pt, width_pt)


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
        n = sum(1 for _ in _lines(p.text, font_file, p.size_pt, max(1.0, width_pt - p.indent_pt)))
        total += n * line_height(font_file, p.size_pt, p.spacing) + p.space_before_pt + p.space_after_pt
    return total


def longest_line(paras: list[Para], font_file: Path | str, width_pt: float) -> float:
    """Widest wrapped line, in points, including its indent."""
    widest = 0.0
    for p in paras:
        for line in _lines(p.text, font_file, p.size_pt, max(1.0, width_pt - p.indent_pt)):
            widest = max(widest, p.indent_pt + text_width(line, font_file, p.size_pt))
    return widest


def fits(paras: list[Para], font_file: Path | str, width_pt: float, height_pt: float) -> bool:
    """True when `paras` fit the box both ways.

    Stops at the first line past the bottom or the right edge: asking whether a megabyte of
    text fits a slide costs what one slide of text costs.
    """
    total = 0.0
    for p in paras:
        width = max(1.0, width_pt - p.indent_pt)
        step = line_height(font_file, p.size_pt, p.spacing)
        total += p.space_before_pt
        for line in _lines(p.text, font_file, p.size_pt, width):
            total += step
            if total > height_pt or p.indent_pt + text_width(line, font_file, p.size_pt) > width_pt:
                return False
        total += p.space_after_pt
    return total <= height_pt
