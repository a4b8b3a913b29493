"""The cover's palette, and the colour arithmetic every layer of the drawing shares."""

from __future__ import annotations

import re
from dataclasses import dataclass

from PIL import Image

RGB = tuple[int, int, int]

_HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")


@dataclass(frozen=True)
class CoverPalette:
    """Colours of the cover: background gradient, accent colours and a soft ink.

    `dark` draws a night cover: the title zone is kept dark enough for light title text.
    """

    background: tuple[str, str]
    accents: tuple[str, ...]
    ink: str
    dark: bool = False

    def __post_init__(self) -> None:
        if len(self.background) != 2:
            raise ValueError("CoverPalette.background needs exactly two colours")
        if not 3 <= len(self.accents) <= 6:
            raise ValueError("CoverPalette.accents needs 3 to 6 colours")
        for colour in (*self.background, *self.accents, self.ink):
            if not isinstance(colour, str) or not _HEX.match(colour):
                raise ValueError(f"CoverPalette colour must look like #RRGGBB, got {colour!r}")


DEFAULT_PALETTE = CoverPalette(
    background=("#EEEDFB", "#FDF1EA"),
    accents=("#B7A6EE", "#92C6F2", "#8FD9C6", "#F6B89C", "#F2A6C6"),
    ink="#6F6AA6",
)


def rgb(colour: str) -> RGB:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def mix(a: RGB, b: RGB, t: float) -> RGB:
    return (
        round(a[0] + (b[0] - a[0]) * t),
        round(a[1] + (b[1] - a[1]) * t),
        round(a[2] + (b[2] - a[2]) * t),
    )


def ramp(stops: list[RGB], t: float) -> RGB:
    """Colour at `t` (0..1) along evenly spaced gradient stops."""
    t = min(max(t, 0.0), 1.0) * (len(stops) - 1)
    i = min(int(t), len(stops) - 2)
    return mix(stops[i], stops[i + 1], t - i)


def _channel_linear(c: float) -> float:
    c /= 255.0
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: RGB) -> float:
    r, g, b = (_channel_linear(c) for c in colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


_LINEAR_LUT = [min(255, round(_channel_linear(v) * 255)) for v in range(256)] * 3


def luminance_image(image: Image.Image) -> Image.Image:
    """8-bit WCAG relative luminance of an RGB image (linearise via a LUT, then weight)."""
    return image.point(_LINEAR_LUT).convert("L", (0.2126, 0.7152, 0.0722, 0.0))
