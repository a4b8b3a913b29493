"""Slide geometry shared by the planner (to fit text) and the renderer (to place it), in points."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from deckgen.measure import Para, fits
from deckgen.theme.loader import Theme

SLIDE_W = 960.0  # 13.333 in: 16:9
SLIDE_H = 540.0  # 7.5 in
INSET_X = 7.2    # text frame insets written into every text box
INSET_Y = 3.6
BULLET_INDENT = 22.0  # hanging indent of a bullet paragraph
PARA_SPACE = 0.45     # space after a point, as a fraction of its font size
TITLE_LINES = 2

# Code is written in Courier New (on every Office machine) and measured with Liberation Mono, its
# metric-compatible free twin bundled in deckgen/data/fonts (SIL OFL).
CODE_FAMILY = "Courier New"
_FONTS = Path(__file__).resolve().parents[1] / "data" / "fonts"
CODE_FONT = _FONTS / "LiberationMono-Regular.ttf"
CODE_FONT_BOLD = _FONTS / "LiberationMono-Bold.ttf"
# The smallest body text a level reads from the back of a room: newcomers get larger text.
LEVEL_BODY_MIN = {"general": 24.0, "practitioner": 22.0, "expert": 20.0}


def body_min(theme: Theme, level: str) -> float:
    """Smallest body size for `level`: the theme's, raised for audiences that need larger text."""
    return max(theme.sizes.body_min, LEVEL_BODY_MIN.get(level, theme.sizes.body_min))


@dataclass(frozen=True)
class Box:
    """A rectangle on the slide, in points from the top-left corner."""

    x: float
    y: float
    w: float
    h: float

    @property
    def bottom(self) -> float:
        return self.y + self.h


def _in(theme: Theme, value: float) -> float:
    return value * 72.0


def content_width(theme: Theme) -> float:
    return SLIDE_W - _in(theme, theme.margins.left) - _in(theme, theme.margins.right)


def title_box(theme: Theme) -> Box:
    h = TITLE_LINES * theme.sizes.title * 1.22 + 2 * INSET_Y + 4
    return Box(_in(theme, theme.margins.left), _in(theme, theme.margins.top), content_width(theme), h)


def footer_box(theme: Theme) -> Box:
    h = theme.sizes.footer * 1.22 + 2 * INSET_Y + 2
    m = _in(theme, theme.margins.bottom)
    return Box(_in(theme, theme.margins.left), SLIDE_H - m + (m - h) / 2, content_width(theme), h)


def body_box(theme: Theme, *, with_picture: bool = False) -> Box:
    t = title_box(theme)
    top = t.bottom + 14
    bottom = SLIDE_H - _in(theme, theme.margins.bottom) - 4
    w = content_width(theme)
    if with_picture:
        w = w * 0.56
    return Box(t.x, top, w, bottom - top)


def picture_box(theme: Theme) -> Box:
    b = body_box(theme)
    gap = 24
    left = b.x + b.w * 0.56 + gap
    return Box(left, b.y, b.x + b.w - left, b.h)


def body_paras(texts: list[str], size: float, *, bullets: bool = True) -> list[Para]:
    indent = BULLET_INDENT if bullets else 0.0
    return [Para(t, size, indent, 0.0, size * PARA_SPACE) for t in texts]


def text_fits(theme: Theme, texts: list[str], size: float, box: Box, *, bullets: bool = True,
              bold: bool = False) -> bool:
    font = theme.heading_font.file if bold else theme.body_font.file
    return fits(body_paras(texts, size, bullets=bullets), font, box.w - 2 * INSET_X, box.h - 2 * INSET_Y)


def best_size(theme: Theme, texts: list[str], box: Box, largest: float, smallest: float, *,
              bullets: bool = True, bold: bool = False) -> float | None:
    """Largest size in whole points from `largest` down to `smallest` at which `texts` fit `box`."""
    size = float(largest)
    while size >= smallest:
        if text_fits(theme, texts, size, box, bullets=bullets, bold=bold):
            return size
        size -= 1.0
    return None
