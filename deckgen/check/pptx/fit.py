"""How much room a shape's text needs against what its box offers, in points.

Text is laid out with `deckgen.measure` (greedy word wrap, real glyph advances and line heights)
in the font file `deckgen.check.pptx.fonts` picks for each paragraph's typeface, at the shrink
(``fontScale``, ``lnSpcReduction``) the file stores, inside the box less its insets and columns.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from deckgen.measure import (
    Para,
    line_height,
    longest_line,
    paragraphs_height,
    text_width,
)

from .fill import has_outline, shape_fill
from .fonts import font_file
from .shapes import Shape
from .text import paragraphs
from .xml import EMU_PER_PT, A, first_attr, pct

if TYPE_CHECKING:
    from .slide import SlideContext

_INSETS = (("lIns", 91440), ("rIns", 91440), ("tIns", 45720), ("bIns", 45720))  # EMU, Office defaults


@dataclass(frozen=True)
class Autofit:
    kind: str | None            # "norm" | "shape" | "none" | None
    explicit: bool              # written on the shape itself, not inherited from its layout / master
    font_scale: float = 1.0
    line_reduction: float = 0.0
    has_scale: bool = False


def read_autofit(body_prs: list) -> Autofit:
    """The autofit mode of the first a:bodyPr in the chain that sets one."""
    for i, bp in enumerate(body_prs):
        norm, sp_auto, no_auto = bp.find(A + "normAutofit"), bp.find(A + "spAutoFit"), bp.find(A + "noAutofit")
        if norm is not None:
            has_scale = norm.get("fontScale") is not None
            scale = (pct(norm.get("fontScale"), 1.0) or 1.0) if has_scale else 1.0
            return Autofit("norm", i == 0, scale, pct(norm.get("lnSpcReduction"), 0.0), has_scale)
        if sp_auto is not None:
            return Autofit("shape", i == 0)
        if no_auto is not None:
            return Autofit("none", i == 0)
    return Autofit(None, False)


def grows_with_text(ctx: SlideContext, shape: Shape) -> bool:
    """``spAutoFit`` with nothing visible around the text: the box is whatever the text needs."""
    return (read_autofit(shape.body_pr_chain()).kind == "shape" and shape_fill(ctx, shape).kind == "none"
            and not has_outline(shape))


@dataclass(frozen=True)
class Fit:
    needed_h: float
    avail_h: float
    needed_w: float
    avail_w: float
    autofit: str | None         # "norm" | "shape" | "none" | None
    autofit_explicit: bool
    font_scale: float
    has_scale: bool

    @property
    def ratio(self) -> float:
        rh = self.needed_h / self.avail_h if self.avail_h > 0 else (math.inf if self.needed_h > 0 else 0)
        rw = self.needed_w / self.avail_w if self.avail_w > 0 else (math.inf if self.needed_w > 0 else 0)
        return max(rh, rw)


def _segments(p) -> list[tuple[str, float, bool, str | None]]:
    """A paragraph's lines between line breaks: (text, largest size, mostly bold, typeface) each."""
    out: list[list] = [[]]
    for r in p.runs:
        if r.text == "\n":
            out.append([])
        else:
            out[-1].append(r)
    segs = []
    for runs in out:
        text = "".join(r.text for r in runs)
        seen = [r for r in runs if r.text.strip()] or runs
        size = max((r.size for r in seen), default=p.size)
        bold = sum(len(r.text) for r in seen if r.bold) * 2 > sum(len(r.text) for r in seen)
        segs.append((text, size, bold, seen[0].typeface if seen else p.typeface))
    return segs


def measure_fit(ctx: SlideContext, shape: Shape, *, full_size: bool = False) -> Fit | None:
    """Room needed vs room offered; None for vertical text or a shape without visible text."""
    chain = shape.body_pr_chain()
    if (first_attr(chain, "vert") or "horz") != "horz":
        return None
    ins = {}
    for key, default in _INSETS:
        v = first_attr(chain, key)
        ins[key] = (int(v) if v and v.lstrip("-").isdigit() else default) / EMU_PER_PT
    wrap = first_attr(chain, "wrap") or "square"
    num_col = first_attr(chain, "numCol")
    cols = max(1, int(num_col or 1)) if (num_col or "1").isdigit() else 1
    fit = read_autofit(chain)
    scale, reduction = (1.0, 0.0) if full_size else (fit.font_scale, fit.line_reduction)
    paras = paragraphs(ctx, shape)
    if not any(p.text.strip() for p in paras):
        return None
    avail_w = shape.w - ins["lIns"] - ins["rIns"]
    avail_h = shape.h - ins["tIns"] - ins["bIns"]
    if cols > 1:
        avail_w, avail_h = avail_w / cols, avail_h * cols  # columns fill one after the other
    total_h, widest = 0.0, 0.0
    for i, p in enumerate(paras):
        size = p.size * scale
        ff = font_file(p.typeface, p.bold)
        if p.spacing_pts is not None:
            spacing = max(0.1, p.spacing_pts * scale / max(0.1, line_height(ff, size)))
        else:
            spacing = max(0.1, p.spacing - reduction)
        before = 0.0 if i == 0 else p.before_pt * scale
        after = 0.0 if i == len(paras) - 1 else p.after_pt * scale
        text = p.text
        if wrap == "none":
            # measure.wrap folds runs of spaces; an unwrapped line keeps them, so measure it as is
            lines = text.split("\n")
            widest = max(widest, p.indent_pt + max(text_width(line, ff, size) for line in lines))
            total_h += len(lines) * line_height(ff, size, spacing) + before + after
            continue
        segments = _segments(p)
        if len(segments) > 1:
            # lines split by breaks (a key figure over its caption): each at its own size and weight
            for seg_text, seg_size, seg_bold, seg_face in segments:
                seg_ff = font_file(seg_face, seg_bold)
                para = Para(seg_text, seg_size * scale, p.indent_pt, 0.0, 0.0, spacing)
                total_h += paragraphs_height([para], seg_ff, max(1.0, avail_w))
                widest = max(widest, longest_line([para], seg_ff, max(1.0, avail_w)))
            total_h += before + after
            continue
        para = Para(text if text.strip() else "", size, p.indent_pt, before, after, spacing)
        total_h += paragraphs_height([para], ff, max(1.0, avail_w))
        widest = max(widest, longest_line([para], ff, max(1.0, avail_w)))
    return Fit(needed_h=total_h, avail_h=avail_h, needed_w=widest, avail_w=avail_w,
               autofit=fit.kind, autofit_explicit=fit.explicit, font_scale=scale, has_scale=fit.has_scale)
