"""Open a deck and gather, per slide, what its checks need from the slide, its layout,
its master and the theme: shapes in drawing order, colour palette, theme fonts and text styles.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from lxml import etree

from deckgen.errors import InputError
from deckgen.zipsafe import inspect_package

from .colour import Palette, Rgb
from .shapes import iter_shapes
from .xml import EMU_PER_PT, NS, A, P


def open_presentation(path: Path):
    """Open a .pptx with python-pptx; InputError (one line) when it is missing or not a deck."""
    from pptx import Presentation
    path = Path(path)
    if not path.is_file():
        raise InputError("no such file", file=path)
    if not zipfile.is_zipfile(path):
        raise InputError("not a PowerPoint .pptx file (not a zip package)", file=path)
    inspect_package(path)  # sizes first: python-pptx inflates every part into memory
    try:
        return Presentation(str(path))
    except Exception as exc:  # python-pptx raises KeyError, PackageNotFoundError, XMLSyntaxError...
        raise InputError(f"not a readable PowerPoint .pptx file ({type(exc).__name__}: {exc})",
                         file=path) from exc


def notes_text(slide) -> str:
    if not slide.has_notes_slide:
        return ""
    try:
        tf = slide.notes_slide.notes_text_frame
    except Exception:
        return ""
    return tf.text if tf is not None else ""


class Deck:
    """Deck-wide context: slide size, default text style and each master's theme (read once)."""

    def __init__(self, prs) -> None:
        self.prs = prs
        self.width_pt = (prs.slide_width or 9144000) / EMU_PER_PT
        self.height_pt = (prs.slide_height or 6858000) / EMU_PER_PT
        self.default_text_style = prs.part._element.find(P + "defaultTextStyle")
        self._themes: dict[int, tuple[dict[str, Rgb], dict[str, str], etree._Element | None]] = {}

    def theme(self, master) -> tuple[dict[str, Rgb], dict[str, str], Any]:
        """(colour scheme, {"major": typeface, "minor": typeface}, fmtScheme element) of a master."""
        key = id(master.part)
        if key in self._themes:
            return self._themes[key]
        from pptx.opc.constants import RELATIONSHIP_TYPE as RT
        scheme: dict[str, Rgb] = {}
        fonts: dict[str, str] = {}
        fmt = None
        try:
            theme_el = etree.fromstring(master.part.part_related_by(RT.THEME).blob)
        except Exception:
            theme_el = None
        if theme_el is not None:
            cs = theme_el.find(".//a:clrScheme", NS)
            if cs is not None:
                tmp = Palette({}, {})
                for child in cs:
                    rgb = tmp.color(child)
                    if rgb is not None:
                        scheme[etree.QName(child).localname] = rgb
            for kind in ("major", "minor"):
                latin = theme_el.find(f".//a:fontScheme/a:{kind}Font/a:latin", NS)
                if latin is not None and latin.get("typeface"):
                    fonts[kind] = latin.get("typeface")
            fmt = theme_el.find(".//a:fmtScheme", NS)
        self._themes[key] = (scheme, fonts, fmt)
        return self._themes[key]


def _clr_map(slide, layout, master) -> dict[str, str]:
    for part in (slide, layout):
        ovr = part._element.find(P + "clrMapOvr")
        if ovr is not None:
            o = ovr.find(A + "overrideClrMapping")
            if o is not None:
                return dict(o.attrib)
    cm = master._element.find(P + "clrMap")
    base = {"bg1": "lt1", "tx1": "dk1", "bg2": "lt2", "tx2": "dk2"}
    if cm is not None:
        base.update(cm.attrib)
    return base


def _shown(el) -> bool:
    return el.get("showMasterSp", "1") not in ("0", "false")


class SlideContext:
    """One slide with what it inherits: its shapes, its layout's and master's, palette and styles."""

    def __init__(self, deck: Deck, slide, number: int) -> None:
        self.deck = deck
        self.slide = slide
        self.number = number
        self.layout = slide.slide_layout
        self.master = self.layout.slide_master
        scheme, fonts, fmt = deck.theme(self.master)
        self.palette = Palette(scheme, _clr_map(slide, self.layout, self.master))
        self.theme_fonts = fonts
        self.fmt_scheme = fmt
        lay_el, mas_el = self.layout._element, self.master._element
        self.shapes = list(iter_shapes(slide._element, owner="slide", layout_tree=lay_el, master_tree=mas_el))
        self.layout_shapes = list(iter_shapes(lay_el, owner="layout", master_tree=mas_el))
        self.master_shapes = list(iter_shapes(mas_el, owner="master"))
        show_master = _shown(slide._element) and _shown(lay_el)
        deco = [s for s in self.master_shapes if not s.is_placeholder] if show_master else []
        deco += [s for s in self.layout_shapes if not s.is_placeholder]
        self.underlay = deco   # drawn beneath every slide shape
        self.txstyles = mas_el.find(P + "txStyles")
