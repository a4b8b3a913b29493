"""The cover's illustration echoed on section and closing slides: a cropped band of the same picture.

The band is the cover picture itself, cropped by the slide (no new pixels): the package stores the
image once however many dividers show it, the bytes stay deterministic, and a dark theme's dividers
echo its dark cover. Each section shows a different window onto the motif, so dividers differ.
"""

from __future__ import annotations

from lxml import etree
from pptx.oxml.ns import qn

from deckgen.plan.deckplan import PlannedPicture
from deckgen.plan.layout import Box

from .canvas import E

# PowerPoint's "mark as decorative" extension: screen readers skip the picture; checkers need no alt.
DECORATIVE_URI = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
_A16 = "http://schemas.microsoft.com/office/drawing/2014/main"
# Where the illustration lies on a generated cover: right of the title zone (cover.draw's default).
MOTIF_LEFT = 0.46
# Section dividers keep their left 62 % for the number and title; the band, a tall card, the rest.
SECTION_BAND_X = 600.0
BAND_MARGIN = 40.0


def window(index: int, box: Box, aspect: float) -> tuple[float, float, float, float]:
    """Crop fractions (left, top, right, bottom) of a picture of `aspect` (w/h) to fill `box`.

    The window keeps the box's proportions, stays over the motif, and moves along it with the
    section's index (five positions, zoomed in and out) so consecutive dividers differ.
    """
    zoom = (1.0, 0.82, 0.9, 0.74, 0.95)[index % 5]
    h = zoom
    w = min(1.0 - MOTIF_LEFT, box.w / box.h * h / aspect)
    if w < box.w / box.h * h / aspect:  # the motif area is narrower than the box wants: shrink the height
        h = w * aspect * box.h / box.w
    span = 1.0 - MOTIF_LEFT - w
    left = MOTIF_LEFT + span * (0.5, 0.15, 0.85, 0.35, 0.7)[index % 5]
    top = (1.0 - h) * (0.5, 0.3, 0.7, 0.45, 0.6)[index % 5]
    return left, top, 1.0 - left - w, 1.0 - top - h


def echo(slide, picture: PlannedPicture, box: Box, index: int, corner: float = 0.0):
    """Add the cover picture cropped to `box`, decorative, with the cover's alt text.

    `corner` rounds it (a fraction of the short side), like the cover's title panel.
    """
    pic = slide.shapes.add_picture(str(picture.path), E(box.x), E(box.y))
    px_w, px_h = pic.image.size
    left, top, right, bottom = window(index, box, px_w / px_h)
    pic.crop_left, pic.crop_top, pic.crop_right, pic.crop_bottom = left, top, right, bottom
    pic.left, pic.top, pic.width, pic.height = E(box.x), E(box.y), E(box.w), E(box.h)
    pic.name = "Cover echo"
    pic._element.nvPicPr.cNvPr.set("descr", picture.alt)
    decorative(pic)
    geometry = pic._element.spPr.find(qn("a:prstGeom"))
    if corner and geometry is not None:
        geometry.set("prst", "roundRect")
        for old in geometry.findall(qn("a:avLst")):
            geometry.remove(old)
        guide = etree.SubElement(etree.SubElement(geometry, qn("a:avLst")), qn("a:gd"))
        guide.set("name", "adj")
        guide.set("fmla", f"val {round(corner * 100000)}")
    return pic


def decorative(pic) -> None:
    """Mark a picture decorative: it repeats the cover, a screen reader need not read it again."""
    c_nv_pr = pic._element.nvPicPr.cNvPr
    ext = etree.SubElement(etree.SubElement(c_nv_pr, qn("a:extLst")), qn("a:ext"), uri=DECORATIVE_URI)
    etree.SubElement(ext, f"{{{_A16}}}decorative", nsmap={"a16": _A16}).set("val", "1")


def mirror(pic) -> None:
    """Flip a picture left to right (its crop is symmetric, so it stays in place)."""
    xfrm = pic._element.spPr.find(qn("a:xfrm"))
    if xfrm is not None:
        xfrm.set("flipH", "1")
