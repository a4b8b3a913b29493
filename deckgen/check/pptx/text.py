"""The text of a shape as paragraphs and runs with the size, weight, typeface and colour
they are really drawn with.

A run property comes from the first place that sets it: the run itself, then the paragraph level's
list styles of the shape, of the layout / master placeholders it inherits from, the master's
title / body / other text style, and the deck's default text style. Colour differs in one way: a
non-placeholder shape's style (``p:style/a:fontRef``) beats everything inherited but loses to
what the shape itself sets.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .colour import Rgb
from .shapes import FOOTER_TYPES, TITLE_TYPES, Shape
from .xml import EMU_PER_PT, A, P, attr_int, first_attr, pct

if TYPE_CHECKING:
    from .slide import SlideContext


@dataclass
class Run:
    text: str
    size: float
    bold: bool
    typeface: str | None
    color: Rgb | None


@dataclass
class Paragraph:
    runs: list[Run]
    level: int
    size: float                 # largest run size (or end-of-paragraph size when empty)
    bold: bool
    typeface: str | None
    indent_pt: float
    spacing: float              # proportional line spacing (1.0 = single)
    spacing_pts: float | None   # exact line spacing in points, when given
    before_pt: float
    after_pt: float

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


def paragraphs(ctx: SlideContext, shape: Shape, txbody=None) -> list[Paragraph]:
    """Paragraphs of `shape`'s text body (or of `txbody`, e.g. a table cell's, styled as `shape`)."""
    txbody = txbody if txbody is not None else shape.txbody()
    if txbody is None:
        return []
    return [_paragraph(ctx, shape, p) for p in txbody.findall(A + "p")]


def _lvl_chain(ctx: SlideContext, shape: Shape, level: int) -> list[tuple[str, Any]]:
    """(source, a:lvlNpPr) from the most to the least specific; source "own" is the shape itself."""
    tag = f"lvl{level + 1}pPr"
    chain: list[tuple[str, Any]] = []
    for i, src in enumerate([shape.el] + list(shape.ph_base)):
        lst = src.find(P + "txBody/" + A + "lstStyle")
        if lst is not None:
            el = lst.find(A + tag)
            if el is not None:
                chain.append(("own" if i == 0 else "base", el))
    if shape.is_placeholder and ctx.txstyles is not None:
        t = shape.ph_type
        style = ("titleStyle" if t in TITLE_TYPES else
                 "otherStyle" if t in FOOTER_TYPES else "bodyStyle")
        st = ctx.txstyles.find(P + style)
        if st is not None:
            el = st.find(A + tag)
            if el is not None:
                chain.append(("master", el))
    dts = ctx.deck.default_text_style
    if dts is not None:
        for t in (tag, "defPPr"):
            el = dts.find(A + t)
            if el is not None:
                chain.append(("deck", el))
    return chain


class _RunStyle:
    """Resolves run properties of one paragraph through its level's chain of a:defRPr."""

    def __init__(self, ctx: SlideContext, shape: Shape, chain: list[tuple[str, Any]]) -> None:
        self.ctx, self.shape = ctx, shape
        self.is_title = shape.ph_type in TITLE_TYPES
        self.default_size = 44.0 if self.is_title else 18.0
        self.font_ref = shape.el.find(P + "style/" + A + "fontRef")
        sdefs = [(src, el.find(A + "defRPr")) for src, el in chain]
        self.sdefs = [(src, d) for src, d in sdefs if d is not None]
        self.defs = [d for _, d in self.sdefs]

    def _with(self, rpr) -> list:
        return ([rpr] if rpr is not None else []) + self.defs

    def size(self, rpr) -> float:
        sz = first_attr(self._with(rpr), "sz")
        return int(sz) / 100 if sz and sz.isdigit() else self.default_size

    def bold(self, rpr) -> bool:
        return first_attr(self._with(rpr), "b") in ("1", "true")

    def color(self, rpr) -> Rgb | None:
        palette = self.ctx.palette
        own = ([rpr] if rpr is not None else []) + [d for src, d in self.sdefs if src == "own"]
        rest = [d for src, d in self.sdefs if src != "own"]
        fill = _first_child(own, "solidFill")
        if fill is not None:
            return palette.color(fill)
        if self.font_ref is not None and not self.shape.is_placeholder:
            c = palette.color(self.font_ref)
            if c is not None:
                return c
        fill = _first_child(rest, "solidFill")
        return palette.color(fill) if fill is not None else palette.text_default()

    def typeface(self, rpr) -> str | None:
        fonts = self.ctx.theme_fonts
        for el in self._with(rpr):
            latin = el.find(A + "latin")
            if latin is not None and latin.get("typeface"):
                return _theme_typeface(fonts, latin.get("typeface"))
        if self.font_ref is not None and self.font_ref.get("idx") in ("major", "minor"):
            return fonts.get(self.font_ref.get("idx"))
        return fonts.get("major" if self.is_title else "minor")


def _first_child(elements: list, tag: str):
    return next((c for c in (el.find(A + tag) for el in elements) if c is not None), None)


def _theme_typeface(fonts: dict[str, str], face: str) -> str:
    """"+mj-lt" / "+mn-lt" name the theme's major / minor font."""
    if face.startswith("+mj"):
        return fonts.get("major", "Calibri")
    if face.startswith("+mn"):
        return fonts.get("minor", "Calibri")
    return face


def _runs(p, style: _RunStyle) -> list[Run]:
    runs: list[Run] = []
    for child in p:
        if child.tag not in (A + "r", A + "fld", A + "br"):
            continue
        rpr = child.find(A + "rPr")
        if child.tag == A + "br":
            text = "\n"
        else:
            t = child.find(A + "t")
            text = t.text if t is not None and t.text else ""
        runs.append(Run(text, style.size(rpr), style.bold(rpr), style.typeface(rpr),
                        style.color(rpr) if text.strip() else None))
    return runs


def _space(pchain: list, tag: str) -> tuple[str, float] | None:
    """("pct", share) or ("pts", points) of a:lnSpc / a:spcBef / a:spcAft, first set in `pchain`."""
    for el in pchain:
        sp = el.find(A + tag)
        if sp is not None:
            pc, pts = sp.find(A + "spcPct"), sp.find(A + "spcPts")
            if pc is not None:
                return "pct", pct(pc.get("val"), 1.0)
            if pts is not None:
                return "pts", int(pts.get("val", "0")) / 100
    return None


def _space_pt(space: tuple[str, float] | None, size: float) -> float:
    """Space before / after in points; a percentage is of the line (1.2 × the font size)."""
    if not space:
        return 0.0
    return space[1] * size * 1.2 if space[0] == "pct" else space[1]


def _paragraph(ctx: SlideContext, shape: Shape, p) -> Paragraph:
    ppr = p.find(A + "pPr")
    level = attr_int(ppr, "lvl") or 0
    chain = _lvl_chain(ctx, shape, level)
    pchain = ([ppr] if ppr is not None else []) + [el for _, el in chain]
    style = _RunStyle(ctx, shape, chain)
    runs = _runs(p, style)
    end = p.find(A + "endParaRPr")
    visible = [r for r in runs if r.text.strip()]
    size = max((r.size for r in runs if r.text), default=style.size(end))
    nbold = sum(len(r.text) for r in visible if r.bold)
    bold = nbold * 2 > sum(len(r.text) for r in visible) if visible else False
    face = visible[0].typeface if visible else style.typeface(end)

    mar = first_attr(pchain, "marL")
    indent_pt = int(mar) / EMU_PER_PT if mar and mar.lstrip("-").isdigit() else 0.0
    ln = _space(pchain, "lnSpc")
    spacing, spacing_pts = 1.0, None
    if ln and ln[0] == "pct":
        spacing = ln[1] if ln[1] > 0 else 1.0
    elif ln:
        spacing_pts = ln[1]
    return Paragraph(runs, level, size, bold, face, max(0.0, indent_pt), spacing, spacing_pts,
                     _space_pt(_space(pchain, "spcBef"), size), _space_pt(_space(pchain, "spcAft"), size))
