"""Canvas: the drawing primitives of a deck (layouts, boxes, text, bullets, pictures, footer) over python-pptx."""

from __future__ import annotations

from copy import deepcopy
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu

from deckgen.errors import RenderError
from deckgen.measure import text_width
from deckgen.plan.deckplan import DeckPlan, PlannedSlide
from deckgen.plan.layout import (
    BULLET_INDENT,
    INSET_X,
    INSET_Y,
    PARA_SPACE,
    SLIDE_H,
    SLIDE_W,
    Box,
    best_size,
    footer_box,
)
from deckgen.theme.loader import Theme

from . import fastxml
from .speedups import speed_up_pptx, fast_part_names
from .template import bring_to_front, open_template

# Layout names to look for, per slide kind, in English and French PowerPoint/LibreOffice templates.
LAYOUT_ALIASES = {
    "cover": ("Title Slide", "Diapositive de titre", "Titre", "Cover", "Title"),
    "section": ("Section Header", "En-tête de section", "Section", "Section Title", "Divider"),
    "content": ("Title Only", "Titre seul", "Title and Content", "Titre et contenu", "Content"),
}
LAYOUT_OF_KIND = {"cover": "cover", "section": "section", "closing": "section"}


_SP = qn("p:sp")


def E(points: float) -> Emu:
    """Points → EMU, rounded so that positions are stable across runs."""
    return Emu(int(round(points * 12700)))


def rgb(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour.lstrip("#").upper())


class Canvas:
    """A presentation being drawn, with the theme's primitives; subclasses add the slide kinds."""

    def __init__(self, plan: DeckPlan, theme: Theme) -> None:
        self.plan, self.theme = plan, theme
        self.branded = theme.template is not None  # keep the template's own backgrounds and look
        self.prs = open_template(theme.template) if theme.template else Presentation()
        self.prs.slide_width, self.prs.slide_height = E(SLIDE_W), E(SLIDE_H)
        speed_up_pptx()
        fast_part_names(self.prs)
        self.warnings: list[str] = []
        self._layouts: dict[str, object] = {}
        self._insets = (E(INSET_X), E(INSET_X), E(INSET_Y), E(INSET_Y))
        self._notes_proto = None  # a fresh notes slide of this deck, before its text
        self._slide_protos: dict[int, object] = {}  # id(layout) → a fresh slide of it, before drawing

    # ------------------------------------------------------------------ helpers

    def layout(self, kind: str):
        """The template layout for a slide kind, found by name; a warned fallback when missing."""
        role = LAYOUT_OF_KIND.get(kind, "content")
        if role not in self._layouts:
            self._layouts[role] = self._find_layout(role)
        return self._layouts[role]

    def _find_layout(self, role: str):
        layouts = list(self.prs.slide_layouts)
        by_name = {lay.name.strip().lower(): lay for lay in layouts}
        for name in LAYOUT_ALIASES[role]:
            if name.lower() in by_name:
                return by_name[name.lower()]
        titled = [lay for lay in layouts
                  if any(ph.placeholder_format.type in (1, 3) for ph in lay.placeholders)]
        pool = titled or layouts
        fallback = min(pool, key=lambda lay: len(lay.placeholders))
        self.warnings.append(f"template has no '{LAYOUT_ALIASES[role][0]}' layout; using '{fallback.name}'")
        return fallback

    def new_slide(self, layout):
        """`prs.slides.add_slide(layout)`. The first slide of each layout is python-pptx's; the next
        ones start from a copy of it as it was then (the placeholders python-pptx clones from the
        layout, with the same ids and names), in a part related as python-pptx relates it."""
        proto = self._slide_protos.get(id(layout))
        if proto is None:
            slide = self.prs.slides.add_slide(layout)
            self._slide_protos[id(layout)] = deepcopy(slide._element)
            return slide
        return fastxml.new_slide(self.prs, layout, deepcopy(proto))

    def notes(self, slide, text: str) -> None:
        """The slide's speaker notes. The first notes slide is python-pptx's (it makes the notes
        master); the others are copies of it, as python-pptx would clone them from the same master."""
        if self._notes_proto is None:
            notes_slide = slide.notes_slide
            self._notes_proto = deepcopy(notes_slide._element)
            element = notes_slide._element
        else:
            element = fastxml.new_notes_slide(slide.part, deepcopy(self._notes_proto))
        body = fastxml.notes_body(element)
        if body is None:  # a template's notes master without a body: python-pptx's own failure
            slide.notes_slide.notes_text_frame.text = text
            return
        fastxml.set_text(body, text)

    def background(self, slide, colour: str) -> None:
        if self.branded:
            return
        if fastxml.solid_background(slide._element.cSld, fastxml.hex_colour(colour)):
            return
        fill = slide.background.fill
        fill.solid()
        fill.fore_color.rgb = rgb(colour)

    def rect(self, slide, box: Box, colour: str, shape=MSO_SHAPE.RECTANGLE, name: str = "Decor", *,
             corner: float | None = None):
        """A filled shape without line, shadow or text (python-pptx's add_shape and setters, in one pass);
        `corner` is a rounded rectangle's radius as a fraction of its shorter side."""
        return fastxml.add_rect(slide.shapes, shape, E(box.x), E(box.y), E(box.w), E(box.h), colour, name,
                                corner)

    def frame(self, shape, box: Box, *, anchor=MSO_ANCHOR.TOP):
        """Place a shape and set its text frame: word wrap, no autofit, the canvas's insets, `anchor`."""
        el = shape._element
        if el.tag == _SP and fastxml.frame(el, E(box.x), E(box.y), E(box.w), E(box.h),
                                           anchor.xml_value if anchor is not None else None,
                                           self._insets) is not None:
            return shape.text_frame
        shape.left, shape.top, shape.width, shape.height = E(box.x), E(box.y), E(box.w), E(box.h)
        tf = shape.text_frame
        tf.word_wrap = True
        tf.auto_size = MSO_AUTO_SIZE.NONE
        tf.margin_left = tf.margin_right = E(INSET_X)
        tf.margin_top = tf.margin_bottom = E(INSET_Y)
        tf.vertical_anchor = anchor
        return tf

    def run(self, paragraph, text: str, size: float, colour: str, *, bold: bool = False) -> None:
        # cap="none": some layouts (Section Header) force capitals
        self._run(paragraph._p, text, size, colour, bold)

    def _run(self, p, text: str, size: float, colour: str, bold: bool) -> None:
        family = (self.theme.heading_font if bold else self.theme.body_font).family
        fastxml.add_run(p, text, fastxml.font_size(size), bold, family, fastxml.hex_colour(colour))

    def text(self, slide, box: Box, lines: list[str], size: float, colour: str, *, bold: bool = False,
             align=PP_ALIGN.LEFT, anchor=MSO_ANCHOR.TOP, name: str = "Text", shape=None):
        if shape is None:  # a new text box, brought to the front
            shape, body = fastxml.add_textbox(slide.shapes, E(box.x), E(box.y), E(box.w), E(box.h), name,
                                              anchor.xml_value, self._insets, front=True)
            first = fastxml.first_paragraph(body)
            for i, line in enumerate(lines):
                p = first if i == 0 else fastxml.add_paragraph(body)
                fastxml.set_alignment(p, align.xml_value if align is not None else None)
                self._run(p, line, size, colour, bold)
            return shape
        shape.name = name
        bring_to_front(shape)
        tf = self.frame(shape, box, anchor=anchor)
        body = tf._txBody
        for i, line in enumerate(lines):
            p = fastxml.first_paragraph(body) if i == 0 else fastxml.add_paragraph(body)
            fastxml.set_alignment(p, align.xml_value if align is not None else None)
            self._run(p, line, size, colour, bold)
        return shape

    def fitted_size(self, lines: list[str], box: Box, largest: float, smallest: float, bold: bool) -> float:
        size = best_size(self.theme, lines, box, largest, smallest, bullets=False, bold=bold)
        if size is None:
            self.warnings.append(f"text may not fit at {smallest:.0f} pt: \"{' '.join(lines)[:40]}…\"")
            return smallest
        return size

    def title(self, slide, text: str, box: Box, largest: float, colour: str, *, align=PP_ALIGN.LEFT,
              anchor=MSO_ANCHOR.BOTTOM) -> None:
        size = self.fitted_size([text], box, largest, self.theme.sizes.title_min - 6, True)
        shape = slide.shapes.title
        if shape is None:  # a template layout without a title placeholder
            shape = slide.shapes.add_textbox(E(box.x), E(box.y), E(box.w), E(box.h))
        fastxml.set_text(shape.text_frame._txBody, "")
        self.text(slide, box, [text], size, colour, bold=True, align=align, anchor=anchor,
                  name="Title", shape=shape)

    def drop_empty_placeholders(self, slide) -> None:
        # an empty placeholder shows "Click to add text" in the editor: remove every unused one
        for ph in list(slide.placeholders):
            if ph.placeholder_format.idx != 0 and not (ph.has_text_frame and ph.text_frame.text.strip()):
                ph._element.getparent().remove(ph._element)

    def bullets(self, slide, box: Box, slide_plan: PlannedSlide, *, bullets: bool = True) -> None:
        shape, body = fastxml.add_textbox(slide.shapes, E(box.x), E(box.y), E(box.w), E(box.h), "Body",
                                          MSO_ANCHOR.TOP.xml_value, self._insets, front=False)
        size = slide_plan.body_size or self.theme.sizes.body
        pal = self.theme.palette
        space = fastxml.spacing_points(round(size * PARA_SPACE, 1))
        bullet = (E(BULLET_INDENT), fastxml.hex_colour(pal.accent)) if bullets else None
        first = fastxml.first_paragraph(body)
        for i, item in enumerate(slide_plan.items):
            p = first if i == 0 else fastxml.add_paragraph(body)
            fastxml.paragraph_props(p, space, bullet)
            if item.label:
                self._run(p, item.label + ("  " if slide_plan.kind == "agenda" else " — "), size,
                          pal.accent if slide_plan.kind == "agenda" else pal.title, True)
            self._run(p, item.text, size, pal.text, False)
        return shape

    def _bullet(self, paragraph, colour: str) -> None:
        pPr = paragraph._p.get_or_add_pPr()
        pPr.set("marL", str(E(BULLET_INDENT)))
        pPr.set("indent", str(-E(BULLET_INDENT)))
        clr = etree.SubElement(pPr, qn("a:buClr"))
        etree.SubElement(clr, qn("a:srgbClr")).set("val", colour.lstrip("#").upper())
        etree.SubElement(pPr, qn("a:buFont")).set("typeface", "Arial")
        etree.SubElement(pPr, qn("a:buChar")).set("char", "•")

    def picture(self, slide, path: Path, alt: str, box: Box, *, fill: bool = False):
        try:
            pic = slide.shapes.add_picture(str(path), E(box.x), E(box.y))
        except Exception as exc:  # python-pptx raises bare Exception on odd files
            raise RenderError(f"cannot use picture: {exc}", file=path) from exc
        iw, ih = pic.width, pic.height
        if fill:  # cover the box, cropping the overflow evenly: never distort
            scale = max(E(box.w) / iw, E(box.h) / ih)
            vis_w, vis_h = E(box.w) / scale / iw, E(box.h) / scale / ih
            pic.crop_left = pic.crop_right = (1 - vis_w) / 2
            pic.crop_top = pic.crop_bottom = (1 - vis_h) / 2
            pic.left, pic.top, pic.width, pic.height = E(box.x), E(box.y), E(box.w), E(box.h)
        else:
            scale = min(E(box.w) / iw, E(box.h) / ih)
            w, h = int(iw * scale), int(ih * scale)
            pic.left, pic.top = E(box.x) + (E(box.w) - w) // 2, E(box.y) + (E(box.h) - h) // 2
            pic.width, pic.height = w, h
        pic._element.nvPicPr.cNvPr.set("descr", alt)
        pic.name = "Picture"
        return pic

    def footer(self, slide, number: int, total: int) -> None:
        th = self.theme
        box = footer_box(th)
        left = " · ".join(x for x in ((self.plan.title if th.footer.talk_title else ""),
                                       th.footer.event or self.plan.event) if x)
        if left:
            left = one_line(left, th.body_font.file, th.sizes.footer, box.w * 0.8 - 2 * INSET_X)
            self.text(slide, Box(box.x, box.y, box.w * 0.8, box.h), [left], th.sizes.footer,
                      th.palette.muted, name="Footer")
        if th.footer.slide_number:
            self.text(slide, Box(box.x + box.w * 0.8, box.y, box.w * 0.2, box.h), [f"{number} / {total}"],
                      th.sizes.footer, th.palette.muted, align=PP_ALIGN.RIGHT, name="Slide number")


def one_line(text: str, font_file, size: float, width: float) -> str:
    """`text` cut on a word, with an ellipsis, to fit one line of `width` points (footers)."""
    if text_width(text, font_file, size) <= width:
        return text
    words = text.split()
    good, bad = 0, len(words)
    while bad - good > 1:
        mid = (good + bad) // 2
        good, bad = (mid, bad) if text_width(" ".join(words[:mid]) + " …", font_file, size) <= width else (good, mid)
    return " ".join(words[:good]) + " …"
