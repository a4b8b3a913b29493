"""The drawable shapes of a slide, layout or master, with absolute boxes in points.

Groups are flattened (their child coordinate space mapped onto the slide), rotated shapes count as
their bounding box, and a placeholder without its own position takes the one it inherits from its
layout / master placeholder; those base elements are kept on the shape because its text
properties, fill and body properties inherit from them too.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from .xml import EMU_PER_PT, A, P, attr_int

TITLE_TYPES = {"title", "ctrTitle"}
FOOTER_TYPES = {"dt", "ftr", "sldNum"}
_MASTER_TYPE = {"ctrTitle": "title", "title": "title", "dt": "dt", "ftr": "ftr", "sldNum": "sldNum",
                "hdr": "hdr"}  # every other placeholder type inherits from the master's body
_DECORATIVE_URI = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
_DRAWABLE = ("sp", "pic", "graphicFrame", "cxnSp", "grpSp", "contentPart")


@dataclass
class Shape:
    el: Any                     # lxml element (p:sp, p:pic, p:graphicFrame, p:cxnSp, p:contentPart)
    name: str
    kind: str                   # its tag: "sp" | "pic" | "graphicFrame" | "cxnSp" | "contentPart"
    x: float
    y: float
    w: float
    h: float
    owner: str = "slide"        # "slide" | "layout" | "master"
    ph_type: str | None = None
    ph_idx: int | None = None
    ph_base: list = field(default_factory=list)   # layout / master placeholder elements it inherits from

    @property
    def is_placeholder(self) -> bool:
        return self.ph_type is not None

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    @property
    def label(self) -> str:
        return f"'{self.name}'"

    @property
    def hidden(self) -> bool:
        """Hidden shapes are not drawn in a show."""
        c = self.el.find(".//" + P + "cNvPr")
        return c is not None and c.get("hidden") in ("1", "true")

    @property
    def decorative(self) -> bool:
        """Marked decorative in PowerPoint (needs no alt text)."""
        for ext in self.el.iter(A + "ext"):
            if ext.get("uri") == _DECORATIVE_URI:
                for child in ext:
                    if child.get("val") in ("1", "true"):
                        return True
        return False

    def txbody(self):
        return self.el.find(P + "txBody")

    def text(self) -> str:
        return shape_text(self.el)

    def has_text(self) -> bool:
        return bool(self.text().strip())

    def body_pr_chain(self) -> list:
        """a:bodyPr of the shape, then of the placeholders it inherits from."""
        out = []
        for src in [self.el] + list(self.ph_base):
            bp = src.find(P + "txBody/" + A + "bodyPr")
            if bp is not None:
                out.append(bp)
        return out


def shape_text(el) -> str:
    """Visible text of a shape or graphic frame (tables included), paragraphs joined by newlines."""
    return "\n".join(_para_text(p) for p in el.iter(A + "p"))


def _para_text(p) -> str:
    out = []
    for child in p:
        tag = child.tag
        if tag in (A + "r", A + "fld"):
            t = child.find(A + "t")
            if t is not None and t.text:
                out.append(t.text)
        elif tag == A + "br":
            out.append("\n")
    return "".join(out)


def _xfrm_box(el) -> tuple[float, float, float, float, float] | None:
    """(x, y, w, h, rotation°) of an element's own xfrm, in EMU, or None when it has none."""
    tag = etree.QName(el).localname
    if tag == "graphicFrame":
        xfrm = el.find(P + "xfrm")
    elif tag == "grpSp":
        xfrm = el.find(P + "grpSpPr/" + A + "xfrm")
    else:
        xfrm = el.find(P + "spPr/" + A + "xfrm")
    if xfrm is None:
        return None
    off, ext = xfrm.find(A + "off"), xfrm.find(A + "ext")
    if off is None or ext is None:
        return None
    rot = (attr_int(xfrm, "rot") or 0) / 60000
    return (int(off.get("x", 0)), int(off.get("y", 0)), int(ext.get("cx", 0)), int(ext.get("cy", 0)), rot)


def _ph_info(el) -> tuple[str | None, int | None]:
    ph = el.find(".//" + P + "nvPr/" + P + "ph")
    if ph is None:
        return None, None
    return ph.get("type", "obj"), attr_int(ph, "idx") or 0


def _name(el) -> str:
    c = el.find(".//" + P + "cNvPr")
    if c is None:
        return "shape"
    return c.get("name") or f"shape {c.get('id', '?')}"


def _rotated_bbox(x: float, y: float, w: float, h: float, rot: float) -> tuple[float, float, float, float]:
    rot = rot % 180
    if abs(rot) < 0.01:
        return x, y, w, h
    a = math.radians(rot)
    bw = abs(w * math.cos(a)) + abs(h * math.sin(a))
    bh = abs(w * math.sin(a)) + abs(h * math.cos(a))
    cx, cy = x + w / 2, y + h / 2
    return cx - bw / 2, cy - bh / 2, bw, bh


def _find_ph(tree_el, ph_type: str | None, ph_idx: int | None, *, by_idx: bool):
    """A placeholder element in a layout / master shape tree matching idx (layouts) or type (masters)."""
    if tree_el is None:
        return None
    want = _MASTER_TYPE.get(ph_type or "", "body")
    by_type = None
    for sp in tree_el.iter(P + "sp"):
        t, i = _ph_info(sp)
        if t is None:
            continue
        if by_idx and ph_idx and i == ph_idx:
            return sp
        if by_idx and t == ph_type:
            by_type = by_type if by_type is not None else sp
        if not by_idx and _MASTER_TYPE.get(t, "body") == want:
            return sp
    if by_idx and by_type is None and ph_type in TITLE_TYPES:
        for sp in tree_el.iter(P + "sp"):
            t, _ = _ph_info(sp)
            if t in TITLE_TYPES:
                return sp
    return by_type


def _ph_bases(ph_type, ph_idx, owner: str, layout_tree, master_tree) -> list:
    """The layout and master placeholders a placeholder inherits from, most specific first."""
    bases = []
    if ph_type is not None and owner in ("slide", "layout"):
        lay = _find_ph(layout_tree, ph_type, ph_idx, by_idx=True) if owner == "slide" else None
        if lay is not None:
            bases.append(lay)
        mas = _find_ph(master_tree, ph_type, ph_idx, by_idx=False)
        if mas is not None:
            bases.append(mas)
    return bases


Transform = tuple[float, float, float, float]  # (scale x, scale y, offset x, offset y) in EMU


def _group_transform(el, box, transform: Transform) -> Transform:
    """Maps a group's child coordinates (chOff / chExt) onto its own box, within `transform`."""
    sx, sy, ox, oy = transform
    xfrm = el.find(P + "grpSpPr/" + A + "xfrm")
    ch_off = xfrm.find(A + "chOff") if xfrm is not None else None
    ch_ext = xfrm.find(A + "chExt") if xfrm is not None else None
    if box is None or ch_off is None or ch_ext is None:
        return transform
    gx, gy, gw, gh, _ = box
    cw, chh = int(ch_ext.get("cx", 0)) or gw or 1, int(ch_ext.get("cy", 0)) or gh or 1
    csx, csy = (gw / cw if cw else 1.0), (gh / chh if chh else 1.0)
    # child EMU → group EMU: gx + (c - chOff) * csx; then apply the parent transform
    return (sx * csx, sy * csy,
            ox + sx * (gx - int(ch_off.get("x", 0)) * csx),
            oy + sy * (gy - int(ch_off.get("y", 0)) * csy))


def iter_shapes(tree, *, owner: str = "slide", layout_tree=None, master_tree=None) -> Iterator[Shape]:
    """All drawable shapes of a shape tree, groups flattened, boxes in absolute points."""

    def walk(parent, transform: Transform):
        sx, sy, ox, oy = transform
        for el in parent:
            tag = etree.QName(el).localname
            if tag not in _DRAWABLE:
                continue
            box = _xfrm_box(el)
            ph_type, ph_idx = _ph_info(el) if tag in ("sp", "pic", "graphicFrame") else (None, None)
            bases = _ph_bases(ph_type, ph_idx, owner, layout_tree, master_tree)
            if box is None:
                box = next((b for b in map(_xfrm_box, bases) if b is not None), None)
            if tag == "grpSp":
                yield from walk(el, _group_transform(el, box, transform))
                continue
            if box is None:
                continue
            x, y, w, h, rot = box
            ax, ay = ox + sx * x, oy + sy * y
            aw, ah = sx * w, sy * h
            bx, by, bw, bh = _rotated_bbox(ax / EMU_PER_PT, ay / EMU_PER_PT, aw / EMU_PER_PT, ah / EMU_PER_PT, rot)
            yield Shape(el=el, name=_name(el), kind=tag, x=bx, y=by, w=bw, h=bh, owner=owner,
                        ph_type=ph_type, ph_idx=ph_idx, ph_base=bases)

    sp_tree = tree.find(P + "cSld/" + P + "spTree") if tree is not None else None
    if sp_tree is None:
        return
    yield from walk(sp_tree, (1.0, 1.0, 0.0, 0.0))
