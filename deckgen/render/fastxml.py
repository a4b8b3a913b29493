"""The canvas's most frequent shapes written as XML elements directly: the very elements python-pptx
would make, without its per-attribute machinery.

python-pptx builds a text box or a filled rectangle through dozens of property setters, each
looking up and re-ordering child elements (about 3 ms a shape); a deck of 300 slides spent most
of its rendering there. These builders emit the same tree (same elements, attribute order and
values, checked by the same value types, so the same errors) with lxml in one pass (a whole shape
parsed from one string, where lxml builds its elements in C), and hand back python-pptx's own shape
proxies, so callers keep using its API on the result.
"""

from __future__ import annotations

from functools import lru_cache
from xml.sax.saxutils import quoteattr

from lxml import etree
from pptx.dml.color import RGBColor
from pptx.oxml import parse_xml
from pptx.oxml.simpletypes import (
    ST_Coordinate,
    ST_Coordinate32,
    ST_PositiveCoordinate,
    ST_TextFontSize,
    ST_TextSpacingPoint,
)
from pptx.oxml.text import CT_RegularTextRun
from pptx.shapes.autoshape import AutoShapeType, Shape
from pptx.util import Emu, Pt

_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
_SUB = etree.SubElement

# python-pptx leaves an inset attribute out when it equals the OOXML default
_DEFAULT_INSETS = (("lIns", Emu(91440)), ("rIns", Emu(91440)), ("tIns", Emu(45720)), ("bIns", Emu(45720)))
_STYLE_REFS = (("lnRef", "1", "accent1"), ("fillRef", "3", "accent1"), ("effectRef", "2", "accent1"))


@lru_cache(maxsize=256)
def hex_colour(colour: str) -> str:
    """'#cdb4db' → 'CDB4DB', as python-pptx writes an RGBColor (and refuses what it refuses)."""
    return str(RGBColor.from_string(colour.lstrip("#").upper()))


@lru_cache(maxsize=64)
def _prst(autoshape_type) -> str:
    return AutoShapeType(autoshape_type).prst


@lru_cache(maxsize=64)
def _guides(autoshape_type, first: float | None) -> str:
    """The `a:gd` elements python-pptx writes for `shape.adjustments[0] = first`: every adjustment of
    the preset, the first set, the others at their defaults (none without `first`)."""
    if first is None:
        return ""
    values = list(AutoShapeType.default_adjustment_values(autoshape_type))
    values[0] = (values[0][0], int(first * 100000.0))
    return "".join(f'<a:gd name="{name}" fmla="val {val:d}"/>' for name, val in values)


@lru_cache(maxsize=64)
def font_size(size: float) -> str:
    """A run's `sz` (centipoints) for a size in points, as `font.size = Pt(size)` writes it."""
    return ST_TextFontSize.to_xml(Emu(Pt(size)).centipoints)


def spacing_points(points: float) -> str:
    """`a:spcPts@val` for `paragraph.space_after = Pt(points)`."""
    return ST_TextSpacingPoint.to_xml(Pt(points))


def _insert_shape(spTree, sp) -> None:
    # python-pptx's insert_element_before(sp, "p:extLst")
    ext = spTree.find(f"{_P}extLst")
    if ext is None:
        spTree.append(sp)
    else:
        ext.addprevious(sp)


_RECT = (
    '<p:sp xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><p:nvSpPr><p:cNvPr id="{id}" name={name}/>'
    '<p:cNvSpPr/><p:nvPr/></p:nvSpPr><p:spPr><a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
    '<a:prstGeom prst="{prst}"><a:avLst>{guides}</a:avLst></a:prstGeom><a:solidFill><a:srgbClr val="{colour}"/>'
    '</a:solidFill><a:ln><a:noFill/></a:ln><a:effectLst/></p:spPr><p:style>'
    + "".join(f'<a:{tag} idx="{idx}"><a:schemeClr val="{clr}"/></a:{tag}>' for tag, idx, clr in _STYLE_REFS)
    + '<a:fontRef idx="minor"><a:schemeClr val="lt1"/></a:fontRef></p:style><p:txBody>'
    '<a:bodyPr rtlCol="0" anchor="ctr"/><a:lstStyle/><a:p/></p:txBody></p:sp>')


_TEXTBOX = (
    '<p:sp xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><p:nvSpPr><p:cNvPr id="{id}" name={name}/>'
    '<p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr><p:spPr><a:xfrm><a:off x="{x}" y="{y}"/>'
    '<a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/></p:spPr>'
    '<p:txBody><a:bodyPr {body}><a:noAutofit/></a:bodyPr><a:lstStyle/><a:p/></p:txBody></p:sp>')


def add_rect(shapes, prst_type, x: int, y: int, cx: int, cy: int, colour: str, name: str,
             corner: float | None = None):
    """`shapes.add_shape` then a solid fill, no line, no shadow, empty text: the canvas's `rect`; with
    `corner`, `shape.adjustments[0] = corner` too (a rounded rectangle's radius)."""
    # parsed from one string: lxml builds the twenty elements in C, where making them one by one from
    # Python cost most of a rectangle (the redundant namespace declarations go when it joins the slide)
    sp = parse_xml(_RECT.format(id=shapes._next_shape_id, name=quoteattr(name), x=x, y=y, cx=cx, cy=cy,
                                prst=_prst(prst_type), guides=_guides(prst_type, corner), colour=hex_colour(colour)))
    _insert_shape(shapes._spTree, sp)
    return Shape(sp, shapes)  # what the shape factory returns for a p:sp that is no placeholder


def add_textbox(shapes, x: int, y: int, cx: int, cy: int, name: str, anchor: str,
                insets: tuple[int, int, int, int], *, front: bool):
    """`shapes.add_textbox`, renamed, framed as the canvas's `frame` does (word wrap, no autofit,
    insets, anchor) and, with `front`, brought to the front; returns (shape, txBody) with one
    empty paragraph."""
    spTree = shapes._spTree
    shape_id = shapes._next_shape_id
    # the checks python-pptx's position and size setters make, in their order
    xs, ys = ST_Coordinate.to_xml(x), ST_Coordinate.to_xml(y)
    cxs, cys = ST_PositiveCoordinate.to_xml(cx), ST_PositiveCoordinate.to_xml(cy)
    body_attrs = ['wrap="square"']
    for (attr, default), value in zip(_DEFAULT_INSETS, insets):
        if value != default:
            body_attrs.append(f'{attr}="{ST_Coordinate32.to_xml(value)}"')
    body_attrs.append(f"anchor={quoteattr(anchor)}")
    sp = parse_xml(_TEXTBOX.format(id=shape_id, name=quoteattr(name), x=xs, y=ys, cx=cxs, cy=cys,
                                   body=" ".join(body_attrs)))
    if front:  # bring_to_front: last in the tree, whatever follows
        spTree.append(sp)
    else:
        _insert_shape(spTree, sp)
    return Shape(sp, shapes), sp[2]


def _insert_before(parent, child, successors: tuple[str, ...]) -> None:
    """python-pptx's insert_element_before: ahead of the first of `successors` present, else last."""
    for el in parent:
        if el.tag in successors:
            el.addprevious(child)
            return
    parent.append(child)


def _get_or_add(parent, tag: str, successors: tuple[str, ...]):
    child = parent.find(tag)
    if child is None:
        child = parent.makeelement(tag)
        _insert_before(parent, child, successors)
    return child


_SPPR_AFTER_XFRM = tuple(f"{_A}{t}" for t in (
    "custGeom", "prstGeom", "noFill", "solidFill", "gradFill", "blipFill", "pattFill", "grpFill", "ln",
    "effectLst", "effectDag", "scene3d", "sp3d", "extLst"))
_AUTOFITS = (f"{_A}noAutofit", f"{_A}normAutofit", f"{_A}spAutoFit")
_BODYPR_AFTER_AUTOFIT = tuple(f"{_A}{t}" for t in ("scene3d", "sp3d", "flatTx", "extLst"))


def frame(sp, x: int, y: int, cx: int, cy: int, anchor: str | None, insets: tuple[int, int, int, int]):
    """The canvas's `frame` on an existing p:sp (position and size, word wrap, no autofit, insets,
    anchor), as python-pptx's setters leave it; returns its txBody, or None (nothing done) when it
    has none."""
    body = sp.find(f"{_P}txBody")
    if body is None:
        return None
    xs, ys = ST_Coordinate.to_xml(x), ST_Coordinate.to_xml(y)
    cxs, cys = ST_PositiveCoordinate.to_xml(cx), ST_PositiveCoordinate.to_xml(cy)
    xfrm = _get_or_add(sp.find(f"{_P}spPr"), f"{_A}xfrm", _SPPR_AFTER_XFRM)
    off = _get_or_add(xfrm, f"{_A}off", (f"{_A}ext", f"{_A}chOff", f"{_A}chExt"))
    off.set("x", xs)
    off.set("y", ys)
    ext = _get_or_add(xfrm, f"{_A}ext", (f"{_A}chOff", f"{_A}chExt"))
    ext.set("cx", cxs)
    ext.set("cy", cys)
    bodyPr = body.find(f"{_A}bodyPr")
    bodyPr.set("wrap", "square")
    for el in [c for c in bodyPr if c.tag in _AUTOFITS]:
        bodyPr.remove(el)
    _insert_before(bodyPr, bodyPr.makeelement(f"{_A}noAutofit"), _BODYPR_AFTER_AUTOFIT)
    for (attr, default), value in zip(_DEFAULT_INSETS, insets):
        if value == default:
            bodyPr.attrib.pop(attr, None)
        else:
            bodyPr.set(attr, ST_Coordinate32.to_xml(value))
    if anchor is None:
        bodyPr.attrib.pop("anchor", None)
    else:
        bodyPr.set("anchor", anchor)
    return body


def add_paragraph(body):
    """`text_frame.add_paragraph()`: a new empty `a:p` after the last one."""
    return _SUB(body, f"{_A}p")


def first_paragraph(body):
    return body.find(f"{_A}p")


def _new_pPr(p):
    pPr = p.makeelement(f"{_A}pPr")
    p.insert(0, pPr)
    return pPr


def set_alignment(p, algn: str | None) -> None:
    """`paragraph.alignment = …`."""
    pPr = p.find(f"{_A}pPr")
    if pPr is None:
        pPr = _new_pPr(p)
    if algn is None:
        pPr.attrib.pop("algn", None)
    else:
        pPr.set("algn", algn)


def paragraph_props(p, space_after: str, bullet: tuple[int, str] | None) -> None:
    """`paragraph.space_after = …` on a fresh paragraph, then with `bullet` (indent, colour) the
    canvas's hanging indent and coloured bullet character."""
    pPr = _new_pPr(p)
    _SUB(_SUB(pPr, f"{_A}spcAft"), f"{_A}spcPts", {"val": space_after})
    if bullet is not None:
        indent, colour_hex = bullet
        pPr.set("marL", str(indent))
        pPr.set("indent", str(-indent))
        _SUB(_SUB(pPr, f"{_A}buClr"), f"{_A}srgbClr", {"val": colour_hex})
        _SUB(pPr, f"{_A}buFont", {"typeface": "Arial"})
        _SUB(pPr, f"{_A}buChar", {"char": "•"})


_escape = CT_RegularTextRun._escape_ctrl_chars


def add_run(p, text: str, sz: str, bold: bool | None, family: str | None, colour_hex: str, *,
            italic: bool | None = None, cap: bool = True) -> None:
    """`paragraph.add_run()` with its text, size, weight, slant, font, colour and (`cap`) cap="none"
    (the canvas's `run`, the code slides' `code_run`)."""
    r = p.makeelement(f"{_A}r")
    end = p.find(f"{_A}endParaRPr")
    if end is None:
        p.append(r)
    else:
        end.addprevious(r)
    attrs = {"sz": sz}
    if bold is not None:
        attrs["b"] = "1" if bold else "0"
    if italic is not None:
        attrs["i"] = "1" if italic else "0"
    if cap:
        attrs["cap"] = "none"
    rPr = _SUB(r, f"{_A}rPr", attrs)
    _SUB(_SUB(rPr, f"{_A}solidFill"), f"{_A}srgbClr", {"val": colour_hex})
    if family is not None:
        _SUB(rPr, f"{_A}latin", {"typeface": family})
    _SUB(r, f"{_A}t").text = _escape(text)


def notes_body(notes_element):
    """The txBody of a notes slide's body placeholder (where python-pptx's notes_text_frame writes), or None."""
    for sp in notes_element.cSld.spTree.iterchildren(f"{_P}sp"):
        ph = sp.find(f"{_P}nvSpPr/{_P}nvPr/{_P}ph")
        if ph is not None and ph.get("type") == "body":
            return sp.find(f"{_P}txBody")
    return None


def set_text(body, text: str) -> None:
    """`text_frame.text = text`: one paragraph per line, a line break per vertical tab, plain runs."""
    for p in body.findall(f"{_A}p"):
        body.remove(p)
    for line in text.split("\n"):
        p = _SUB(body, f"{_A}p")
        for i, piece in enumerate(line.split("\v")):
            if i:
                _SUB(p, f"{_A}br")
            if piece:
                _SUB(_SUB(p, f"{_A}r"), f"{_A}t").text = _escape(piece)


def solid_background(cSld, colour_hex: str) -> bool:
    """`slide.background.fill.solid()` and its colour on a slide without a background yet; False
    (nothing done) when it has one, for python-pptx to change."""
    if cSld.find(f"{_P}bg") is not None:
        return False
    bg = cSld.makeelement(f"{_P}bg")
    cSld.insert(0, bg)
    bgPr = _SUB(bg, f"{_P}bgPr")
    _SUB(_SUB(bgPr, f"{_A}solidFill"), f"{_A}srgbClr", {"val": colour_hex})
    _SUB(bgPr, f"{_A}effectLst")
    return True


def new_notes_slide(slide_part, element):
    """A notes slide part holding `element`, related as python-pptx relates the one it makes
    (notes → master, notes → slide, slide → notes); returns the element."""
    from pptx.opc.constants import CONTENT_TYPE as CT
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.parts.slide import NotesSlidePart

    package = slide_part.package
    part = NotesSlidePart(package.next_partname("/ppt/notesSlides/notesSlide%d.xml"), CT.PML_NOTES_SLIDE,
                          package, element)
    part.relate_to(package.presentation_part.notes_master_part, RT.NOTES_MASTER)
    part.relate_to(slide_part, RT.SLIDE)
    slide_part.relate_to(part, RT.NOTES_SLIDE)
    return element


def new_slide(prs, layout, element):
    """A slide part holding `element` (a fresh slide of `layout`), added to `prs` as python-pptx's
    add_slide adds one: slide → layout, presentation → slide, then the slide id; returns the slide."""
    from pptx.opc.constants import CONTENT_TYPE as CT
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.parts.slide import SlidePart

    prs_part = prs.part
    part = SlidePart(prs_part._next_slide_partname, CT.PML_SLIDE, prs_part.package, element)
    part.relate_to(layout.part, RT.SLIDE_LAYOUT)
    rId = prs_part.relate_to(part, RT.SLIDE)
    prs.slides._sldIdLst.add_sldId(rId)
    return part.slide
