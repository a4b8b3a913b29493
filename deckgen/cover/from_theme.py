"""The cover illustration's colours, taken from a theme's palette."""

from __future__ import annotations

from deckgen.theme.loader import Theme

from .draw import CoverPalette


def _mix(a: str, b: str, t: float) -> str:
    ca = [int(a[i:i + 2], 16) for i in (1, 3, 5)]
    cb = [int(b[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * t):02X}" for x, y in zip(ca, cb))


def cover_palette(theme: Theme) -> CoverPalette:
    """Background from the theme's background and divider colours, accents from its decor colours."""
    pal = theme.palette
    return CoverPalette(background=(pal.background, _mix(pal.divider_background, pal.decor[1 % len(pal.decor)], 0.35)),
                        accents=tuple(pal.decor[:6]) if len(pal.decor) >= 3 else (*pal.decor, pal.accent),
                        ink=_mix(pal.accent, pal.background, 0.25))
