"""render: DeckPlan + Theme → .pptx bytes (the only module that imports python-pptx).

Every text box is sized by the planner's measurements; autofit is off so what was measured is
what is shown. The archive is rewritten with fixed timestamps so equal input gives equal bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt

from .atomic import write_bytes_atomic
from .deckplan import DeckPlan, PlannedSlide
from .errors import RenderError, ThemeError
from .layout import (BULLET_INDENT, INSET_X, INSET_Y, PARA_SPACE, SLIDE_H, SLIDE_W, Box, best_size,
                     body_box, body_paras, footer_box, picture_box, title_box)
from .plan import table_row_heights
from .measure import paragraphs_height
from .theme import Theme

FIXED_TIME = dt.datetime(2025, 1, 1, 0, 0, 0)
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
# Layout names to look for, per slide kind, in English and French PowerPoint/LibreOffice templates.
LAYOUT_ALIASES = {
    "cover": ("Title Slide", "Diapositive de titre", "Titre", "Cover", "Title"),
    "section": ("Section Header", "En-tête de section", "Section", "Section Title", "Divider"),
    "content": ("Title Only", "Titre seul", "Title and Content", "Titre et contenu", "Content"),
}
LAYOUT_OF_KIND = {"cover": "cover", "section": "section", "closing": "section"}


def E(points: float) -> Emu:
    """Points → EMU, rounded so that positions are stable across runs."""
    return Emu(int(round(points * 12700)))


def _rgb(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour.lstrip("#").upper())


class _Deck:
    def __init__(self, plan: DeckPlan, theme: Theme) -> None:
        self.plan, self.theme = plan, theme
        self.branded = theme.template is not None  # keep the template's own backgrounds and look
        self.prs = open_template(theme.template) if theme.template else Presentation()
        self.prs.slide_width, self.prs.slide_height = E(SLIDE_W), E(SLIDE_H)
        self.warnings: list[str] = []
        self._layouts: dict[str, object] = {}

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

    def background(self, slide, colour: str) -> None:
        if self.branded:
            return
        fill = slide.background.fill
        fill.solid()
        fill.fore_color.rgb = _rgb(colour)

    def rect(self, slide, box: Box, colour: str, shape=MSO_SHAPE.RECTANGLE, name: str = "Decor"):
        shp = slide.shapes.add_shape(shape, E(box.x), E(box.y), E(box.w), E(box.h))
        shp.fill.solid()
        shp.fill.fore_color.rgb = _rgb(colour)
        shp.line.fill.background()
        shp.shadow.inherit = False
        shp.name = name
        if shp.has_text_frame:
            shp.text_frame.text = ""
        return shp

    def frame(self, shape, box: Box, *, anchor=MSO_ANCHOR.TOP):
        shape.left, shape.top, shape.width, shape.height = E(box.x), E(box.y), E(box.w), E(box.h)
        tf = shape.text_frame
        tf.word_wrap = True
        tf.auto_size = MSO_AUTO_SIZE.NONE
        tf.margin_left = tf.margin_right = E(INSET_X)
        tf.margin_top = tf.margin_bottom = E(INSET_Y)
        tf.vertical_anchor = anchor
        return tf

    def run(self, paragraph, text: str, size: float, colour: str, *, bold: bool = False) -> None:
        r = paragraph.add_run()
        r.text = text
        f = r.font
        f.size = Pt(size)
        f.bold = bold
        f.name = (self.theme.heading_font if bold else self.theme.body_font).family
        f.color.rgb = _rgb(colour)
        r._r.get_or_add_rPr().set("cap", "none")  # some layouts (Section Header) force capitals

    def text(self, slide, box: Box, lines: list[str], size: float, colour: str, *, bold: bool = False,
             align=PP_ALIGN.LEFT, anchor=MSO_ANCHOR.TOP, name: str = "Text", shape=None):
        shape = shape or slide.shapes.add_textbox(E(box.x), E(box.y), E(box.w), E(box.h))
        shape.name = name
        _bring_to_front(shape)
        tf = self.frame(shape, box, anchor=anchor)
        for i, line in enumerate(lines):
            p = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
            p.alignment = align
            self.run(p, line, size, colour, bold=bold)
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
        shape.text_frame.text = ""
        self.text(slide, box, [text], size, colour, bold=True, align=align, anchor=anchor,
                  name="Title", shape=shape)

    def drop_empty_placeholders(self, slide) -> None:
        # an empty placeholder shows "Click to add text" in the editor: remove every unused one
        for ph in list(slide.placeholders):
            if ph.placeholder_format.idx != 0 and not (ph.has_text_frame and ph.text_frame.text.strip()):
                ph._element.getparent().remove(ph._element)

    def bullets(self, slide, box: Box, slide_plan: PlannedSlide, *, bullets: bool = True) -> None:
        shape = slide.shapes.add_textbox(E(box.x), E(box.y), E(box.w), E(box.h))
        shape.name = "Body"
        tf = self.frame(shape, box)
        size = slide_plan.body_size or self.theme.sizes.body
        pal = self.theme.palette
        for i, item in enumerate(slide_plan.items):
            p = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
            p.space_after = Pt(round(size * PARA_SPACE, 1))
            if bullets:
                self._bullet(p, pal.accent)
            if item.label:
                self.run(p, item.label + ("  " if slide_plan.kind == "agenda" else " — "), size,
                         pal.accent if slide_plan.kind == "agenda" else pal.title, bold=True)
            self.run(p, item.text, size, pal.text)

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
            self.text(slide, Box(box.x, box.y, box.w * 0.8, box.h), [left], th.sizes.footer,
                      th.palette.muted, name="Footer")
        if th.footer.slide_number:
            self.text(slide, Box(box.x + box.w * 0.8, box.y, box.w * 0.2, box.h), [f"{number} / {total}"],
                      th.sizes.footer, th.palette.muted, align=PP_ALIGN.RIGHT, name="Slide number")

    # ------------------------------------------------------------------ slide kinds

    def add(self, s: PlannedSlide, number: int, total: int) -> None:
        slide = self.prs.slides.add_slide(self.layout(s.kind))
        getattr(self, f"_{s.kind}", self._content)(slide, s)
        self.drop_empty_placeholders(slide)
        if s.kind not in ("cover", "closing"):
            self.footer(slide, number, total)
        slide.notes_slide.notes_text_frame.text = s.notes

    def _height(self, text: str, box: Box, largest: float, smallest: float, bold: bool) -> tuple[float, float]:
        """(size, height) of `text` fitted into at most `box`: the height it really needs."""
        size = self.fitted_size([text], box, largest, smallest, bold)
        font = (self.theme.heading_font if bold else self.theme.body_font).file
        need = paragraphs_height(body_paras([text], size, bullets=False), font, box.w - 2 * INSET_X)
        return size, min(box.h, need + 2 * INSET_Y + 1)

    def _cover(self, slide, s: PlannedSlide) -> None:
        th, pal = self.theme, self.theme.palette
        self.background(slide, pal.background)
        if s.picture is not None:
            self.picture(slide, s.picture.path, s.picture.alt, Box(0, 0, SLIDE_W, SLIDE_H), fill=True)
        # the panel hugs its text, centred in the calm left part the illustration leaves free
        width, pad = 410.0, 20.0
        inner_w = width - 2 * pad
        _, title_h = self._height(s.title, Box(0, 0, inner_w, 190), th.sizes.cover_title,
                                  th.sizes.title_min - 6, True)
        sub_h = self._height(s.subtitle, Box(0, 0, inner_w, 80), th.sizes.cover_subtitle,
                             th.sizes.body_min, False)[1] if s.subtitle else 0.0
        by_text = s.items[0].text if s.items else ""
        by_sizes = (th.sizes.small + 2, min(18.0, th.sizes.small + 2))  # 18 pt: readable from the back
        by_h = self._height(by_text, Box(0, 0, inner_w, 80), *by_sizes, False)[1] if by_text else 0.0
        height = 44 + title_h + (4 + sub_h if sub_h else 0) + (8 + by_h if by_h else 0) + 26
        panel = Box(36, round((SLIDE_H - height) / 2), width, height)
        self.rect(slide, panel, pal.surface, MSO_SHAPE.ROUNDED_RECTANGLE, name="Title panel").adjustments[0] = 0.06
        self.rect(slide, Box(panel.x + 28, panel.y + 30, 56, 6), pal.accent, name="Accent")
        y = panel.y + 44
        self.title(slide, s.title, Box(panel.x + pad, y, inner_w, title_h), th.sizes.cover_title, pal.title,
                   anchor=MSO_ANCHOR.TOP)
        y += title_h + 4
        subtitle_ph = next((p for p in slide.placeholders if p.placeholder_format.idx == 1), None)
        if subtitle_ph is not None:
            subtitle_ph.text_frame.text = ""
        if s.subtitle:
            box = Box(panel.x + pad, y, inner_w, sub_h)
            size = self.fitted_size([s.subtitle], box, th.sizes.cover_subtitle, th.sizes.body_min, False)
            self.text(slide, box, [s.subtitle], size, pal.text, name="Subtitle", shape=subtitle_ph)
            y += sub_h + 8
        if by_text:
            box = Box(panel.x + pad, y, inner_w, by_h)
            size = self.fitted_size([by_text], box, *by_sizes, False)
            self.text(slide, box, [by_text], size, pal.muted, name="Byline")

    def _divider(self, slide, circles: list[tuple[Box, int]]) -> None:
        """Divider background with pastel circles (decor colour index per circle); templates keep their own."""
        pal = self.theme.palette
        self.background(slide, pal.divider_background)
        if self.branded:
            return
        # kept inside the slide: shapes off its edges read as mistakes to checkers and editors
        for box, i in circles:
            self.rect(slide, box, pal.decor[i % len(pal.decor)], MSO_SHAPE.OVAL)

    def _section(self, slide, s: PlannedSlide) -> None:
        th, pal = self.theme, self.theme.palette
        self._divider(slide, [(Box(640, 36, 290, 290), 0), (Box(790, 300, 150, 150), 1),
                              (Box(600, 350, 100, 100), 2)])
        x = th.margins.left * 72
        if s.number_label:
            self.text(slide, Box(x, 120, 300, 110), [s.number_label], 72, pal.accent, bold=True, name="Number")
        box = Box(x, 236, 520, 170)
        self.title(slide, s.title, box, th.sizes.section_title, pal.divider_text, anchor=MSO_ANCHOR.TOP)
        self.rect(slide, Box(x + 7, 226, 80, 6), pal.accent, name="Accent")

    def _closing(self, slide, s: PlannedSlide) -> None:
        th, pal = self.theme, self.theme.palette
        self._divider(slide, [(Box(30, 340, 170, 170), 1), (Box(760, 30, 170, 170), 0)])
        self.title(slide, s.title, Box(120, 150, 720, 120), 60, pal.divider_text, align=PP_ALIGN.CENTER)
        lines = [s.subtitle] + [i.text for i in s.items]
        self.text(slide, Box(120, 290, 720, 100), [x for x in lines if x], th.sizes.body, pal.text,
                  align=PP_ALIGN.CENTER, name="Thanks")

    def _decor(self, slide) -> None:
        pal = self.theme.palette
        self.background(slide, pal.background)
        if not self.branded:
            self.rect(slide, Box(0, 0, 14, SLIDE_H), pal.decor[0], name="Accent band")
        tb = title_box(self.theme)
        self.rect(slide, Box(tb.x + INSET_X, tb.bottom + 4, 64, 4), pal.accent, name="Title rule")

    def _content(self, slide, s: PlannedSlide) -> None:
        th = self.theme
        self._decor(slide)
        self.title(slide, s.title, title_box(th), th.sizes.title, th.palette.title)
        with_pic = s.picture is not None
        box = body_box(th, with_picture=with_pic)
        if s.items:
            self.bullets(slide, box, s, bullets=s.kind not in ("agenda", "glossary"))
        if with_pic:
            self.picture(slide, s.picture.path, s.picture.alt, picture_box(th))

    def _image(self, slide, s: PlannedSlide) -> None:
        th = self.theme
        self._decor(slide)
        self.title(slide, s.title, title_box(th), th.sizes.title, th.palette.title)
        if s.picture is not None:
            self.picture(slide, s.picture.path, s.picture.alt, body_box(th))

    def _table(self, slide, s: PlannedSlide) -> None:
        th, pal = self.theme, self.theme.palette
        self._decor(slide)
        self.title(slide, s.title, title_box(th), th.sizes.title, pal.title)
        table = s.table
        assert table is not None
        box = body_box(th)
        glossary = s.kind == "glossary"
        cols, heights = table_row_heights(th, table.header, table.rows, box.w, s.body_size, bold_first=glossary)
        frame = slide.shapes.add_table(len(heights), len(cols), E(box.x), E(box.y), E(box.w), E(sum(heights)))
        frame.name = "Table"
        tbl = frame.table
        for c, w in enumerate(cols):
            tbl.columns[c].width = E(w)
        for r, h in enumerate(heights):
            tbl.rows[r].height = E(h)
            row = table.header if r == 0 else table.rows[r - 1]
            for c in range(len(cols)):
                cell = tbl.cell(r, c)
                cell.fill.solid()
                cell.fill.fore_color.rgb = _rgb(pal.divider_background if r == 0 else
                                                (pal.surface if r % 2 else pal.background))
                cell.margin_left = cell.margin_right = E(INSET_X)
                cell.margin_top = cell.margin_bottom = E(INSET_Y)
                tf = cell.text_frame
                tf.word_wrap = True
                tf.text = ""
                self.run(tf.paragraphs[0], row[c] if c < len(row) else "", s.body_size,
                         pal.divider_text if r == 0 else pal.text, bold=r == 0 or (glossary and c == 0))

    _glossary = _table

    def _quote(self, slide, s: PlannedSlide) -> None:
        th, pal = self.theme, self.theme.palette
        self._decor(slide)
        self.title(slide, s.title, title_box(th), th.sizes.title, pal.title)
        box = body_box(th)
        text = " ".join(i.text for i in s.items)
        size = self.fitted_size([text], box, th.sizes.section_title, th.sizes.body_min, False)
        self.text(slide, box, [text], size, pal.title, align=PP_ALIGN.CENTER, anchor=MSO_ANCHOR.MIDDLE,
                  name="Quote")

    # ------------------------------------------------------------------ document

    def build(self) -> bytes:
        plan = self.plan
        if self.theme.template:
            _drop_existing_slides(self.prs)
        total = len(plan.slides)
        for n, s in enumerate(plan.slides, 1):
            self.add(s, n, total)
        cp = self.prs.core_properties
        cp.title = plan.title
        cp.subject = f"{plan.subtitle} — {plan.audience.label}" if plan.subtitle else plan.audience.label
        cp.author = plan.author or "deckgen"
        cp.last_modified_by = "deckgen"
        cp.keywords = (f"deckgen; level={plan.audience.id}; target_minutes={plan.target_minutes:g}; "
                       f"lang={plan.lang}; wpm={plan.words_per_minute}")
        cp.language = {"fr": "fr-FR", "en": "en-US"}.get(plan.lang, plan.lang)
        cp.revision = 1
        cp.created = cp.modified = FIXED_TIME
        cp.last_printed = FIXED_TIME
        cp.comments = "Built by deckgen"
        buf = io.BytesIO()
        self.prs.save(buf)
        return _normalise_zip(buf.getvalue())


def open_template(path: Path):
    """Open a theme's .pptx template, with one clear error for anything that is not one."""
    if not path.is_file():
        raise ThemeError("template not found", file=path, field="template")
    if path.suffix.lower() in (".pptm", ".potm", ".ppsm"):
        raise ThemeError("macro-enabled templates are not supported: save it as .pptx", file=path,
                         field="template")
    if path.suffix.lower() != ".pptx":
        raise ThemeError("template must be a .pptx file (save .potx templates as .pptx)", file=path,
                         field="template")
    try:
        prs = Presentation(str(path))
    except Exception as exc:  # python-pptx raises PackageNotFoundError, KeyError, lxml errors…

        raise ThemeError(f"not a readable PowerPoint presentation ({type(exc).__name__})", file=path,
                         field="template") from exc
    if not len(prs.slide_layouts):
        raise ThemeError("template has no slide layouts", file=path, field="template")
    return prs


def _bring_to_front(shape) -> None:
    # placeholders come first in the shape tree; decoration drawn later would hide them
    el = shape._element
    tree = el.getparent()
    tree.remove(el)
    tree.append(el)


def _drop_existing_slides(prs) -> None:
    """A template's own slides are examples, not content: remove them and their relationships."""
    ids = prs.slides._sldIdLst
    for sld in list(ids):
        prs.part.drop_rel(sld.get(qn("r:id")))
        ids.remove(sld)


def _normalise_zip(data: bytes) -> bytes:
    """Rewrite the archive with fixed timestamps and order so equal decks are equal bytes."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            z = zipfile.ZipInfo(info.filename, ZIP_TIME)
            z.compress_type = zipfile.ZIP_DEFLATED
            z.external_attr = 0o644 << 16
            dst.writestr(z, src.read(info.filename))
    return out.getvalue()


def written_by_deckgen(path: Path) -> bool:
    """True when the deck at `path` is still as deckgen wrote it (no editor has saved it since).

    PowerPoint, Keynote and LibreOffice rewrite lastModifiedBy, the revision and the modified date
    on save; deckgen writes fixed values.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            core = archive.read("docProps/core.xml").decode("utf-8", "replace")
    except (OSError, KeyError, zipfile.BadZipFile):
        return False
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ")
    return ("<cp:lastModifiedBy>deckgen</cp:lastModifiedBy>" in core and "<cp:revision>1</cp:revision>" in core
            and f">{stamp}</dcterms:modified>" in core)


def render_deck(plan: DeckPlan, theme: Theme) -> tuple[bytes, list[str]]:
    """Build the deck in memory; returns the .pptx bytes and renderer warnings."""
    deck = _Deck(plan, theme)
    return deck.build(), deck.warnings


def write_deck(plan: DeckPlan, theme: Theme, path: Path) -> list[str]:
    """Render and write atomically (a failure leaves no file behind)."""
    data, warnings = render_deck(plan, theme)
    write_bytes_atomic(path, data)
    return warnings
