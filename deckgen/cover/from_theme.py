"""The cover illustration's colours, taken from a theme's palette (a night cover for a dark theme)."""

from __future__ import annotations

import colorsys

from deckgen.theme.loader import Theme

from .palette import CoverPalette, luminance, rgb


def _mix(a: str, b: str, t: float) -> str:
    ca = [int(a[i:i + 2], 16) for i in (1, 3, 5)]
    cb = [int(b[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * t):02X}" for x, y in zip(ca, cb))


def is_dark(theme: Theme) -> bool:
    """A theme whose slides are dark (light text on a dark background), like pastel-dark."""
    return luminance(rgb(theme.palette.background)) < 0.18


def dark_image(image: str) -> str:
    """Where a dark theme's cover lives: `name-dark.png` beside the light `name.png`."""
    stem, dot, suffix = image.rpartition(".")
    return f"{stem}-dark.{suffix}" if dot and "/" not in suffix else f"{image}-dark"


def _glow(colour: str) -> str:
    """The same hue as a luminous pastel: a dark theme's muted decor colours would vanish at night."""
    h, _s, _v = colorsys.rgb_to_hsv(*(c / 255 for c in rgb(colour)))
    r, g, b = colorsys.hsv_to_rgb(h, 0.42, 0.93)
    return f"#{round(r * 255):02X}{round(g * 255):02X}{round(b * 255):02X}"


def cover_palette(theme: Theme) -> CoverPalette:
    """Background from the theme's background and divider colours, accents from its decor colours."""
    pal = theme.palette
    background = (pal.background, _mix(pal.divider_background, pal.decor[1 % len(pal.decor)], 0.35))
    if is_dark(theme):
        # The decor hues, made luminous; the accent and title colours fill in for a theme with few.
        hues = (list(pal.decor[:6]) + [pal.accent, pal.title, pal.muted])[:max(3, min(6, len(pal.decor)))]
        return CoverPalette(background=background, accents=tuple(_glow(c) for c in hues), ink=pal.accent, dark=True)
    return CoverPalette(background=background,
                        accents=tuple(pal.decor[:6]) if len(pal.decor) >= 3 else (*pal.decor, pal.accent),
                        ink=_mix(pal.accent, pal.background, 0.25))
