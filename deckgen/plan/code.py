"""Code slides: the size a code block is shown at, and where a long one is split or elided."""

from __future__ import annotations

import math
from dataclasses import replace

from deckgen.measure import line_height, text_width, wrap
from deckgen.outline.model import CodeSample
from deckgen.theme.loader import Theme

from .deckplan import PlannedSlide
from .layout import CODE_FONT, INSET_X, INSET_Y, Box, body_box

CODE_LARGEST = 24.0
CODE_SMALLEST = 18.0  # below this the back of the room reads nothing
CODE_PAD = 16.0  # the code panel's padding around its text
CODE_SAFETY = 1.06  # LibreOffice sets monospace lines a little looser than their metrics say
MAX_CODE_PAGES = 3  # a longer listing is elided: the outline and the notes keep all of it
ELISION = "…"


def code_panel(theme: Theme) -> Box:
    """The largest panel a code slide may use: the body area."""
    return body_box(theme)


def code_lines(text: str) -> list[str]:
    return text.expandtabs(4).split("\n")


def _rows(line: str, size: float, width: float) -> int:
    """Screen lines one source line takes at `size` when the renderer wraps it at spaces."""
    if not line.strip():
        return 1
    full = text_width(line.rstrip(), CODE_FONT, size)  # runs of spaces count: code keeps them
    if full <= width:
        return 1
    indent = text_width(line[: len(line) - len(line.lstrip())], CODE_FONT, size)
    by_words = len(wrap(line.strip(), CODE_FONT, size, max(1.0, width - indent)))
    return max(by_words, math.ceil(full / width))


def code_height(lines: list[str], size: float, width: float) -> float:
    """Height in points of `lines` at `size` in a text box of inner `width`."""
    return sum(_rows(ln, size, width) for ln in lines) * line_height(CODE_FONT, size) * CODE_SAFETY


def _inner(box: Box) -> tuple[float, float]:
    return box.w - 2 * CODE_PAD - 2 * INSET_X, box.h - 2 * CODE_PAD - 2 * INSET_Y


def _fit_size(lines: list[str], box: Box) -> float | None:
    w, h = _inner(box)
    size = CODE_LARGEST
    while size >= CODE_SMALLEST:
        if code_height(lines, size, w) <= h:
            return size
        size -= 1.0
    return None


def _depths(lines: list[str]) -> list[int]:
    """Bracket depth after each line (strings and comments not told apart: a page-break hint only)."""
    depth, out = 0, []
    for ln in lines:
        depth = max(0, depth + sum(ln.count(c) for c in "([{") - sum(ln.count(c) for c in ")]}"))
        out.append(depth)
    return out


def _closers_only(lines: list[str]) -> bool:
    return all(not ln.strip() or set(ln.strip()) <= set(")]};,") for ln in lines)


def _split(lines: list[str], box: Box) -> list[list[str]]:
    """Consecutive pages that fit at the smallest size, each ending where a statement ends when one
    is near: a blank line at bracket depth 0, else any line at depth 0 (a page never opens on "})")."""
    w, h = _inner(box)
    depths = _depths(lines)
    pages: list[list[str]] = []
    start = 0
    while start < len(lines):
        n = 0
        while start + n < len(lines) and code_height(lines[start: start + n + 1], CODE_SMALLEST, w) <= h:
            n += 1
        n = max(n, 1)
        if start + n < len(lines):
            near = range(start + math.ceil(n * 0.4), start + n)
            ends = [i for i in near if depths[i] == 0 and not lines[i].strip()] or \
                   [i for i in near if depths[i] == 0]
            n = ends[-1] + 1 - start if ends else n
        pages.append(lines[start: start + n])
        start += n
    if len(pages) > 1 and _closers_only(pages[-1]):
        # a last page of closing brackets says nothing: the previous page ends on the elision mark
        pages = pages[:-1]
        pages[-1] = pages[-1][:-1] + [ELISION]
    return pages


def code_pages(base: PlannedSlide, code: CodeSample, theme: Theme, part_title) -> list[PlannedSlide]:
    """The code on one slide at the largest size that fits, else split over up to MAX_CODE_PAGES
    slides, the rest elided with a visible mark."""
    box = code_panel(theme)
    lines = code_lines(code.text.strip("\n"))
    size = _fit_size(lines, box)
    if size is not None:
        return [replace(base, layout="code", code=replace(code, text="\n".join(lines)), body_size=size)]
    pages = _split(lines, box)
    if len(pages) > MAX_CODE_PAGES:
        pages = pages[:MAX_CODE_PAGES]
        pages[-1] = pages[-1][:-1] + [ELISION]
    out = []
    for n, page in enumerate(pages, 1):
        while page and not page[-1].strip():
            page = page[:-1]
        size = _fit_size(page, box) or CODE_SMALLEST
        out.append(replace(base, layout="code", code=replace(code, text="\n".join(page)), body_size=size,
                           title=part_title(base.title, n, len(pages)), part=(n, len(pages))))
    return out
