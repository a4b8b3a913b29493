"""DrawingML colours resolved to RGB, and the fills painted behind text.

Colours here are 0..1 floats, not 0..255 bytes: lumMod / tint / shade land between bytes and the
contrast rule should not round them. The WCAG maths itself is `deckgen.contrast`'s.
"""

from __future__ import annotations

import colorsys
import re
from dataclasses import dataclass

from lxml import etree

from deckgen import contrast

from .xml import A, pct

Rgb = tuple[float, float, float]  # 0..1

_PRESET = {"black": "000000", "white": "FFFFFF", "red": "FF0000", "green": "008000", "blue": "0000FF",
           "yellow": "FFFF00", "gray": "808080", "grey": "808080", "darkGray": "A9A9A9",
           "lightGray": "D3D3D3", "orange": "FFA500", "purple": "800080", "navy": "000080"}
_COLOR_TAGS = {A + t for t in ("srgbClr", "schemeClr", "sysClr", "prstClr", "scrgbClr", "hslClr")}
_HEX6 = re.compile(r"[0-9A-Fa-f]{6}")


def hex_of(rgb: Rgb) -> str:
    return "#" + "".join(f"{round(max(0, min(1, c)) * 255):02X}" for c in rgb)


def from_hex(value: str) -> Rgb | None:
    """"RRGGBB" as 0..1 channels; None for anything else (decks carry odd values)."""
    value = (value or "").strip().lstrip("#")
    if not _HEX6.fullmatch(value):
        return None
    return tuple(c / 255 for c in contrast.parse_hex(value))  # type: ignore[return-value]


def contrast_ratio(a: Rgb, b: Rgb) -> float:
    """WCAG contrast of two 0..1 colours (scaled, not rounded, onto `deckgen.contrast`'s 0..255)."""
    return contrast.contrast_ratio(tuple(c * 255 for c in a), tuple(c * 255 for c in b))  # type: ignore[arg-type]


class Palette:
    """Resolves DrawingML colour elements through a colour map and the theme's colour scheme."""

    def __init__(self, scheme: dict[str, Rgb], clr_map: dict[str, str]):
        self.scheme = scheme
        self.clr_map = clr_map

    def color(self, el, ph: Rgb | None = None) -> Rgb | None:
        """`el` is a colour element (srgbClr...) or an element holding one (solidFill, fontRef...)."""
        if el is None:
            return None
        if el.tag not in _COLOR_TAGS:
            el = next((c for c in el if c.tag in _COLOR_TAGS), None)
            if el is None:
                return None
        tag = etree.QName(el).localname
        rgb: Rgb | None = None
        if tag == "srgbClr":
            rgb = from_hex(el.get("val", ""))
        elif tag == "sysClr":
            rgb = from_hex(el.get("lastClr", "")) or (
                (1.0, 1.0, 1.0) if el.get("val") == "window" else (0.0, 0.0, 0.0))
        elif tag == "prstClr":
            rgb = from_hex(_PRESET.get(el.get("val", ""), ""))
        elif tag == "scrgbClr":
            def g(v: str) -> float:
                c = pct(el.get(v), 0.0)
                return 12.92 * c if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055
            rgb = (g("r"), g("g"), g("b"))
        elif tag == "hslClr":
            h = int(el.get("hue", "0")) / 60000 / 360
            rgb = colorsys.hls_to_rgb(h, pct(el.get("lum"), 0.0), pct(el.get("sat"), 0.0))
        elif tag == "schemeClr":
            name = el.get("val", "")
            if name == "phClr":
                rgb = ph
            else:
                name = self.clr_map.get(name, name)
                rgb = self.scheme.get(name)
        if rgb is None:
            return None
        return _apply_mods(rgb, el)

    def text_default(self) -> Rgb:
        """Text colour when nothing in the chain sets one: the scheme's tx1."""
        return self.scheme.get(self.clr_map.get("tx1", "dk1"), (0.0, 0.0, 0.0))


def _apply_mods(rgb: Rgb, el) -> Rgb:
    r, g, b = rgb
    for mod in el:
        name = etree.QName(mod).localname
        v = pct(mod.get("val"), None)
        if v is None:
            continue
        if name in ("lumMod", "lumOff"):
            h, lum, s = colorsys.rgb_to_hls(r, g, b)
            lum = lum * v if name == "lumMod" else lum + v
            r, g, b = colorsys.hls_to_rgb(h, max(0.0, min(1.0, lum)), s)
        elif name == "tint":
            r, g, b = (c + (1 - c) * (1 - v) for c in (r, g, b))
        elif name == "shade":
            r, g, b = (c * v for c in (r, g, b))
        elif name == "inv":
            r, g, b = 1 - r, 1 - g, 1 - b
        elif name == "gray":
            y = 0.299 * r + 0.587 * g + 0.114 * b
            r = g = b = y
    return (max(0.0, min(1.0, r)), max(0.0, min(1.0, g)), max(0.0, min(1.0, b)))


@dataclass(frozen=True)
class Fill:
    """What is painted behind text: solid colours (gradient stops), a picture, or nothing."""

    kind: str                   # "none" | "solid" | "picture" | "unknown"
    colors: tuple[Rgb, ...] = ()


NO_FILL = Fill("none")
WHITE_FILL = Fill("solid", ((1.0, 1.0, 1.0),))  # what Office shows when nothing is painted
