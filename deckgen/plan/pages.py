"""Splitting content that does not fit one slide into continuation slides, and table pages."""

from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path

from deckgen.measure import Para, line_height, paragraphs_height, text_width, wrap
from deckgen.outline.model import TableData
from deckgen.theme.loader import Theme

from .deckplan import Item, PlannedSlide
from .i18n import t
from .layout import Box, best_size, body_box, title_box


def _chunks(theme: Theme, texts: list[str], box: Box, *, bullets: bool = True,
            bold: bool = False, smallest: float) -> list[tuple[list[int], float]]:
    """Split item indices into consecutive slides that fit `box` at a readable size, balanced."""
    sizes = theme.sizes
    if not texts:
        return [([], sizes.body)]
    size = best_size(theme, texts, box, sizes.body, smallest, bullets=bullets, bold=bold)
    if size is not None:
        return [(list(range(len(texts))), size)]
    for n in range(2, len(texts) + 1):
        per = math.ceil(len(texts) / n)
        groups = [list(range(i, min(i + per, len(texts)))) for i in range(0, len(texts), per)]
        sized = [(g, best_size(theme, [texts[i] for i in g], box, sizes.body, smallest,
                               bullets=bullets, bold=bold)) for g in groups]
        if all(s is not None for _, s in sized):
            return [(g, float(s)) for g, s in sized]
    return []  # a single item is too long for one slide: the caller cuts it


def _cut_long(theme: Theme, text: str, box: Box, *, bullets: bool, size: float) -> list[str]:
    """Cut an over-long item at word boundaries into pieces that each fill at most one box."""
    font = theme.body_font.file
    indent = 22.0 if bullets else 0.0
    lines = wrap(text, font, size, box.w - 14.4 - indent)
    per_slide = max(1, int((box.h - 7.2) // line_height(font, size)) - 1)
    return [" ".join(lines[i:i + per_slide]) for i in range(0, len(lines), per_slide)]


def _part_title(title: str, n: int, total: int, lang: str) -> str:
    """"Title", then "Title (cont.)" — or "Title (2/3)" so that three parts never share a title."""
    if n == 1:
        return title
    return f"{title} {t(lang, 'cont')}" if total == 2 else f"{title} ({n}/{total})"


def paginate(theme: Theme, base: PlannedSlide, box: Box, lang: str, *, bullets: bool = True,
              bold: bool = False, smallest: float | None = None) -> list[PlannedSlide]:
    """Split `base`'s items over as few slides as fit `box` at `smallest` pt or more."""
    low = smallest or theme.sizes.body_min
    items = list(base.items)
    texts = [(f"{i.label} — {i.text}" if i.label else i.text) for i in items]
    groups = _chunks(theme, texts, box, bullets=bullets, bold=bold, smallest=low)
    if not groups:
        expanded: list[Item] = []
        for item, text in zip(items, texts):
            if best_size(theme, [text], box, low, low, bullets=bullets, bold=bold) is None:
                expanded += [replace(item, text=piece, label="")
                             for piece in _cut_long(theme, text, box, bullets=bullets, size=low)]
            else:
                expanded.append(item)
        items = expanded
        texts = [(f"{i.label} — {i.text}" if i.label else i.text) for i in items]
        groups = _chunks(theme, texts, box, bullets=bullets, bold=bold, smallest=low) or [
            ([k], low) for k in range(len(items))]
    out = []
    for n, (indices, size) in enumerate(groups, 1):
        title = _part_title(base.title, n, len(groups), lang)
        out.append(replace(base, title=title, items=tuple(items[i] for i in indices), body_size=size,
                           part=(n, len(groups))))
    return out


TABLE_SIZE = 18.0  # pages are cut at this size; each page is then set as large as it fits
TABLE_LARGEST = 24.0


def table_row_heights(theme: Theme, header: tuple[str, ...], rows: tuple[tuple[str, ...], ...],
                      width: float, size: float = TABLE_SIZE, *,
                      bold_first: bool = False) -> tuple[list[float], list[float]]:
    """Column widths (proportional to content, at least a share each) and the height of every row.

    The header row is bold, and so is the first column when `bold_first` (a glossary's terms).
    """
    ncol = max(len(header), *(len(r) for r in rows)) if rows else len(header)
    longest = [max([len(header[c]) if c < len(header) else 0] + [len(r[c]) if c < len(r) else 0 for r in rows])
               for c in range(ncol)]
    weights = [min(max(n, 6), 60) for n in longest]

    def font(ri: int, c: int) -> Path:
        bold = ri == 0 or (bold_first and c == 0)
        return theme.heading_font.file if bold else theme.body_font.file

    floors = word_floors(theme, header, rows, size, bold_first=bold_first)
    cols = _widths(width, weights, floors)
    heights = []
    for ri, row in enumerate((header, *rows)):
        h = max(paragraphs_height([Para(row[c] if c < len(row) else "", size)], font(ri, c), cols[c] - 14.4)
                for c in range(ncol))
        heights.append(h + 7.2 + 2)
    return cols, heights


def word_floors(theme: Theme, header: tuple[str, ...], rows: tuple[tuple[str, ...], ...], size: float, *,
                bold_first: bool = False) -> list[float]:
    """Per column, the width its longest word needs (with the cell insets): narrower would break it."""
    ncol = max([len(header), *(len(r) for r in rows)])
    floors = []
    for c in range(ncol):
        widest = 0.0
        for ri, row in enumerate((header, *rows)):
            bold = ri == 0 or (bold_first and c == 0)
            font = theme.heading_font.file if bold else theme.body_font.file
            for word in (row[c] if c < len(row) else "").split():
                widest = max(widest, text_width(word, font, size))
        floors.append(widest + 2 * 7.2 + 2)
    return floors


def _widths(width: float, weights: list[int], floors: list[float]) -> list[float]:
    """Widths proportional to content, each at least its floor, the rest shared by the others."""
    fixed: set[int] = set()
    while True:
        free = width - sum(floors[c] for c in fixed)
        share = sum(w for c, w in enumerate(weights) if c not in fixed)
        cols = [floors[c] if c in fixed else free * weights[c] / share for c in range(len(weights))]
        under = {c for c in range(len(cols)) if c not in fixed and cols[c] < floors[c]}
        if not under:
            return cols
        if len(fixed | under) == len(cols):  # even the floors do not fit: share the width by them
            return [width * f / sum(floors) for f in floors]
        fixed |= under


def _column_groups(theme: Theme, table: TableData, width: float, size: float, bold_first: bool) -> list[list[int]]:
    """Columns per page: all of them when their longest words fit side by side, else the first
    column repeated beside as many others as fit (a table split by columns, never a word broken)."""
    floors = word_floors(theme, table.header, table.rows, size, bold_first=bold_first)
    if sum(floors) <= width or len(floors) < 3:
        return [list(range(len(floors)))]
    groups: list[list[int]] = [[0]]
    for c in range(1, len(floors)):
        if len(groups[-1]) > 1 and sum(floors[i] for i in groups[-1]) + floors[c] > width:
            groups.append([0])
        groups[-1].append(c)
    return groups


def _pick_columns(table: TableData, cols: list[int]) -> TableData:
    pick = lambda row: tuple(row[c] if c < len(row) else "" for c in cols)
    return TableData(pick(table.header), tuple(pick(r) for r in table.rows))


def table_pages(base: PlannedSlide, theme: Theme, lang: str, *, max_rows: int = 0) -> list[PlannedSlide]:
    """A table over as many slides as its rows (and, when too wide, its columns) need."""
    assert base.table is not None
    box = body_box(theme)
    groups = _column_groups(theme, base.table, box.w, TABLE_SIZE, base.kind == "glossary")
    parts = [_row_pages(replace(base, table=_pick_columns(base.table, g)), theme, box, max_rows) for g in groups]
    pages = [p for part in parts for p in part]
    return [replace(p, title=_part_title(base.title, n, len(pages), lang), part=(n, len(pages)))
            for n, p in enumerate(pages, 1)]


def _row_pages(base: PlannedSlide, theme: Theme, box: Box, max_rows: int) -> list[PlannedSlide]:
    table = base.table
    assert table is not None
    _, heights = table_row_heights(theme, table.header, table.rows, box.w, bold_first=base.kind == "glossary")
    pages: list[list[tuple[str, ...]]] = [[]]
    used = heights[0]
    for row, h in zip(table.rows, heights[1:]):
        if pages[-1] and (used + h > box.h or len(pages[-1]) == max_rows):
            pages.append([])
            used = heights[0]
        pages[-1].append(row)
        used += h
    return [replace(base, table=replace(table, rows=tuple(rows)),
                    body_size=_page_size(theme, table.header, tuple(rows), box, base.kind == "glossary"))
            for rows in pages]


def _page_size(theme: Theme, header: tuple[str, ...], rows: tuple[tuple[str, ...], ...], box: Box,
               bold_first: bool) -> float:
    """The largest size, up to the body's (24 pt at most: a table is denser than a list), at which one
    page's rows still fit the box without breaking a word; pages are cut at TABLE_SIZE, so it always fits."""
    size = min(theme.sizes.body, TABLE_LARGEST)
    while size > TABLE_SIZE:
        if sum(word_floors(theme, header, rows, size, bold_first=bold_first)) <= box.w:
            _, heights = table_row_heights(theme, header, rows, box.w, size, bold_first=bold_first)
            if sum(heights) <= box.h:
                return size
        size -= 1.0
    return TABLE_SIZE


def fit_title(theme: Theme, slide: PlannedSlide, warnings: list[str]) -> PlannedSlide:
    """The slide, its title cut on a word to what fits the title box when too long (full title in the notes)."""
    box = title_box(theme)

    def fits(title: str) -> bool:
        return best_size(theme, [title], box, theme.sizes.title, theme.sizes.title_min - 6,
                         bullets=False, bold=True) is not None

    if fits(slide.title):
        return slide
    words = slide.title.split()
    good, bad = 0, len(words)  # bisect on whole words: the longest prefix that fits with its ellipsis
    while bad - good > 1:
        mid = (good + bad) // 2
        good, bad = (mid, bad) if fits(" ".join(words[:mid]) + " …") else (good, mid)
    short = " ".join(words[:good]) + " …" if good else slide.title[:60] + "…"
    warnings.append(f"title too long to fit: \"{slide.title[:50]}…\" (shortened; the full title is in the notes)")
    return replace(slide, title=short, notes=f"{slide.title}\n\n{slide.notes}".rstrip())
