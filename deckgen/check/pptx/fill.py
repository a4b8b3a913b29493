"""What is painted behind a shape's text.

The shape's own fill; else the topmost filled shape beneath it (slide, layout and master
decorations included) that contains it, or a picture covering part of it; else the slide / layout /
master background; else white. Shapes count as their bounding rectangles: close enough for
judging contrast, and it needs no geometry engine.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lxml import etree

from .colour import NO_FILL, WHITE_FILL, Fill, Rgb
from .shapes import Shape
from .xml import A, P, attr_int

if TYPE_CHECKING:
    from .slide import SlideContext


def _fill_from(ctx: SlideContext, el, ph: Rgb | None = None) -> Fill | None:
    """Fill described by a fill element (solidFill, gradFill...), None when `el` is no fill element."""
    color = ctx.palette.color
    tag = etree.QName(el).localname
    if tag == "noFill":
        return NO_FILL
    if tag == "solidFill":
        c = color(el, ph)
        return Fill("solid", (c,)) if c else Fill("unknown")
    if tag in ("gradFill", "pattFill"):
        stops = el.iter(A + "gs") if tag == "gradFill" else (el.find(A + t) for t in ("fgClr", "bgClr"))
        cols = [c for c in (color(s, ph) for s in stops) if c]
        return Fill("solid", tuple(cols)) if cols else Fill("unknown")
    if tag == "blipFill":
        return Fill("picture")
    if tag == "grpFill":
        return Fill("unknown")
    return None


def _first_fill(ctx: SlideContext, parent) -> Fill | None:
    """The fill named by the first fill element among `parent`'s children (spPr, bgPr)."""
    for child in parent:
        f = _fill_from(ctx, child)
        if f is not None:
            return f
    return None


def _style_fill(ctx: SlideContext, ref, lst_name: str) -> Fill:
    """The theme fill a style reference (fillRef, bgRef) points at, tinted by its colour."""
    idx = attr_int(ref, "idx") or 0
    if idx == 0 or ctx.fmt_scheme is None:
        return NO_FILL if idx == 0 else Fill("solid", tuple(c for c in [ctx.palette.color(ref)] if c))
    if idx >= 1000:
        idx -= 1000
        lst_name = "bgFillStyleLst"
    lst = ctx.fmt_scheme.find(A + lst_name)
    styles = list(lst) if lst is not None else []
    ph = ctx.palette.color(ref)
    if not 1 <= idx <= len(styles):
        return Fill("solid", (ph,)) if ph else Fill("unknown")
    return _fill_from(ctx, styles[idx - 1], ph) or Fill("unknown")


def shape_fill(ctx: SlideContext, shape: Shape) -> Fill:
    if shape.kind == "pic":
        return Fill("picture")
    if shape.kind != "sp":
        return Fill("unknown") if shape.kind == "graphicFrame" else NO_FILL
    for src in [shape.el] + list(shape.ph_base):
        sppr = src.find(P + "spPr")
        if sppr is not None:
            f = _first_fill(ctx, sppr)
            if f is not None:
                return f
        ref = src.find(P + "style/" + A + "fillRef")
        if ref is not None:
            return _style_fill(ctx, ref, "fillStyleLst")
    return NO_FILL


def has_outline(shape: Shape) -> bool:
    ln = shape.el.find(P + "spPr/" + A + "ln")
    if ln is not None:
        if ln.find(A + "noFill") is not None:
            return False
        if ln.find(A + "solidFill") is not None or ln.find(A + "gradFill") is not None:
            return True
    ref = shape.el.find(P + "style/" + A + "lnRef")
    return ref is not None and (attr_int(ref, "idx") or 0) > 0


def slide_background(ctx: SlideContext) -> Fill:
    for part in (ctx.slide, ctx.layout, ctx.master):
        bg = part._element.find(P + "cSld/" + P + "bg")
        if bg is None:
            continue
        bgpr = bg.find(P + "bgPr")
        if bgpr is not None:
            f = _first_fill(ctx, bgpr)
            if f is not None:
                return f if f.kind != "none" else WHITE_FILL
        ref = bg.find(P + "bgRef")
        if ref is not None:
            return _style_fill(ctx, ref, "bgFillStyleLst")
    return WHITE_FILL


def background_behind(ctx: SlideContext, shape: Shape) -> Fill:
    """What is painted behind `shape`'s text (see the module docstring)."""
    own = shape_fill(ctx, shape)
    if own.kind != "none":
        return own
    try:
        pos = next(i for i, s in enumerate(ctx.shapes) if s is shape)
        below = ctx.underlay + ctx.shapes[:pos]
    except StopIteration:
        below = list(ctx.underlay)
    for other in reversed(below):
        if _overlap(other, shape) <= 0.0:
            continue
        fill = shape_fill(ctx, other)
        if fill.kind == "picture" and _overlap(other, shape) > 0.1:
            return fill
        if fill.kind in ("solid", "unknown") and _contains(other, shape):
            return fill
    return slide_background(ctx)


def _overlap(a: Shape, b: Shape) -> float:
    """Share of b's area covered by a."""
    w = min(a.right, b.right) - max(a.x, b.x)
    h = min(a.bottom, b.bottom) - max(a.y, b.y)
    if w <= 0 or h <= 0 or b.w <= 0 or b.h <= 0:
        return 0.0
    return (w * h) / (b.w * b.h)


def _contains(a: Shape, b: Shape, tol: float = 1.0) -> bool:
    return a.x - tol <= b.x and a.y - tol <= b.y and a.right + tol >= b.right and a.bottom + tol >= b.bottom
