"""Values a theme may hold one by one but not together: margins and sizes must leave a usable slide.

The schema bounds each value (margins 0–3 in, sizes 6–120 pt); these rules bound their sum, so an
absurd theme is a ThemeError naming the field, not a negative shape size deep in the renderer.
Geometry mirrors `deckgen.plan.layout` (a 13.333 × 7.5 in slide) without importing it: the planner
depends on themes, not the other way round.
"""

from __future__ import annotations

from dataclasses import dataclass

SLIDE_W_IN = 13.333
SLIDE_H_IN = 7.5
MIN_CONTENT_W_IN = 6.0   # narrower and a card or a two-column slide holds a word per line
MIN_BODY_LINES = 3       # the body box must hold at least three lines at the smallest body size
LINE = 1.22              # line height as a multiple of the font size (Carlito, single spacing)


@dataclass(frozen=True)
class LimitError:
    field: str
    message: str


def theme_limit_errors(sizes: dict, margins: dict) -> list[LimitError]:
    """Every rule a theme's sizes and margins break together (empty when the slide is usable)."""
    errors: list[LimitError] = []
    width = SLIDE_W_IN - margins["left"] - margins["right"]
    if width < MIN_CONTENT_W_IN:
        errors.append(LimitError("margins.left", f"margins.left + margins.right leave {width:.2f} in of the "
                                 f"{SLIDE_W_IN:.2f} in slide width; at least {MIN_CONTENT_W_IN:g} in are needed"))
    for small, large in (("title_min", "title"), ("body_min", "body")):
        if sizes[small] > sizes[large]:
            errors.append(LimitError(f"sizes.{small}", f"sizes.{small} ({sizes[small]:g} pt) is larger than "
                                     f"sizes.{large} ({sizes[large]:g} pt)"))
    title_h = (2 * sizes["title"] * LINE + 11.2 + 4 + 14) / 72  # two title lines, insets, gap (layout.py)
    body_h = SLIDE_H_IN - margins["top"] - margins["bottom"] - title_h
    need = MIN_BODY_LINES * min(sizes["body_min"], sizes["body"]) * LINE * 1.45 / 72 + 0.1
    if body_h < need:
        culprit = "margins.top" if margins["top"] + margins["bottom"] > title_h else "sizes.title"
        errors.append(LimitError(culprit, f"margins.top, margins.bottom and sizes.title leave {max(body_h, 0):.2f} in "
                                 f"for slide text; {MIN_BODY_LINES} lines at sizes.body_min need {need:.2f} in"))
    footer_h = (sizes["footer"] * LINE + 9.2) / 72
    if footer_h > margins["bottom"] + 0.4:
        errors.append(LimitError("sizes.footer", f"a {sizes['footer']:g} pt footer is {footer_h:.2f} in tall: it "
                                 f"does not fit the {margins['bottom']:g} in bottom margin"))
    cover_h = (sizes["cover_title"] * 2 + sizes["cover_subtitle"]) * LINE / 72
    if cover_h > SLIDE_H_IN - margins["top"] - margins["bottom"]:
        errors.append(LimitError("sizes.cover_title", f"a {sizes['cover_title']:g} pt cover title on two lines "
                                 "and its subtitle do not fit between the margins"))
    return errors
