"""Content slides that put text, a picture, a table or a quote in the free area under the title."""

from __future__ import annotations

from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Pt

from deckgen.contrast import contrast_ratio
from deckgen.measure import Para, paragraphs_height
from deckgen.plan.deckplan import PlannedSlide
from deckgen.plan.layout import (
    BULLET_INDENT,
    INSET_X,
    INSET_Y,
    SLIDE_H,
    Box,
    body_box,
    body_min,
    body_paras,
    picture_box,
    title_box,
)
from deckgen.plan.pages import table_row_heights

from .canvas import E, rgb

QUOTE_MARKS = {"fr": ("« ", " »"), "en": ("“", "”")}


class ContentSlides:
    """Slide kinds drawn on the content layout: a title, then the body centred in the free area."""

    # ------------------------------------------------------------------ shared

    @property
    def smallest(self) -> float:
        """The smallest body size this deck's audience reads."""
        return body_min(self.theme, self.plan.audience.id)

    def ink_on(self, colour: str) -> str:
        """The palette's text colour that reads best on `colour` (pastel fills differ per theme)."""
        pal = self.theme.palette
        return max((pal.divider_text, pal.text, pal.title, pal.background, pal.surface),
                   key=lambda c: contrast_ratio(c, colour))

    def measured(self, lines: list[str], size: float, width: float, bold: bool = False) -> float:
        """Height in points that `lines` need in a text box of `width` (insets included)."""
        font = (self.theme.heading_font if bold else self.theme.body_font).file
        return paragraphs_height(body_paras(lines, size, bullets=False), font, width - 2 * INSET_X) + 2 * INSET_Y

    def _decor(self, slide) -> None:
        pal = self.theme.palette
        self.background(slide, pal.background)
        if not self.branded:
            self.rect(slide, Box(0, 0, 14, SLIDE_H), pal.decor[0], name="Accent band")
        tb = title_box(self.theme)
        self.rect(slide, Box(tb.x + INSET_X, tb.bottom + 4, 64, 4), pal.accent, name="Title rule")

    def _titled(self, slide, s: PlannedSlide) -> Box:
        """Background, decor and title; returns the free area under the title."""
        th = self.theme
        self._decor(slide)
        self.title(slide, s.title, title_box(th), th.sizes.title, th.palette.title)
        return body_box(th)

    # ------------------------------------------------------------------ kinds

    def _content(self, slide, s: PlannedSlide) -> None:
        th = self.theme
        self._titled(slide, s)
        with_pic = s.picture is not None
        box = body_box(th, with_picture=with_pic)
        if s.items:
            # centred in the free area: a short list does not hang under the title
            bullets = s.kind not in ("agenda", "glossary")
            shape = self.bullets(slide, box, s, bullets=bullets)
            if shape is not None:
                shape.text_frame.vertical_anchor = MSO_ANCHOR.MIDDLE
                self._air(shape, s, box, bullets)
        if with_pic:
            self.picture(slide, s.picture.path, s.picture.alt, picture_box(th))

    _bullets = _content

    def _air(self, shape, s: PlannedSlide, box: Box, bullets: bool) -> None:
        """A short list gets more space between its points, as far as the free area allows."""
        size = s.body_size or self.theme.sizes.body
        texts = [(f"{i.label} — {i.text}" if i.label else i.text) for i in s.items]
        indent = BULLET_INDENT if bullets else 0.0
        for share in (1.2, 0.9, 0.7):
            paras = [Para(t, size, indent, 0.0, size * share) for t in texts]
            if paragraphs_height(paras, self.theme.body_font.file, box.w - 2 * INSET_X) <= box.h - 2 * INSET_Y - 4:
                for p in shape.text_frame.paragraphs:
                    p.space_after = Pt(round(size * share, 1))
                return

    def _picture(self, slide, s: PlannedSlide) -> None:
        """The document's figure, as large as the free area allows, with its caption under it."""
        box = self._titled(slide, s)
        if s.picture is None:
            return
        caption = s.caption.strip()
        cap_h = 0.0
        if caption:
            size = self.smallest
            cap_h = self.measured([caption], size, box.w * 0.9)
            if cap_h > 2.6 * size * 1.22 + 2 * INSET_Y:
                caption, cap_h = "", 0.0  # a long alt text stays on the picture, not under it
        pic_box = Box(box.x, box.y, box.w, box.h - (cap_h + 8 if caption else 0))
        pic = self.picture(slide, s.picture.path, s.picture.alt, pic_box)
        if caption:
            bottom = (pic.top + pic.height) / 12700
            self.text(slide, Box(box.x + box.w * 0.05, bottom + 6, box.w * 0.9, cap_h), [caption], self.smallest,
                      self.theme.palette.muted, align=PP_ALIGN.CENTER, name="Caption")

    _image = _picture

    def _table(self, slide, s: PlannedSlide, area: Box | None = None) -> None:
        th, pal = self.theme, self.theme.palette
        box = area or self._titled(slide, s)
        table = s.table
        assert table is not None
        glossary = s.kind == "glossary"
        cols, heights = table_row_heights(th, table.header, table.rows, box.w, s.body_size, bold_first=glossary)
        top = box.y + max(0.0, (box.h - sum(heights)) / 2)  # centred in the free area
        frame = slide.shapes.add_table(len(heights), len(cols), E(box.x), E(top), E(sum(cols)), E(sum(heights)))
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
                cell.fill.fore_color.rgb = rgb(pal.divider_background if r == 0 else
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
        """The quotation large in its marks, on a pastel panel, its author under it."""
        th, pal = self.theme, self.theme.palette
        box = self._titled(slide, s)
        text = " ".join(i.text for i in s.items).strip()
        opening, closing = QUOTE_MARKS.get(self.plan.lang, QUOTE_MARKS["en"])
        if text and text[0] not in "«“\"":
            text = f"{opening}{text}{closing}"
        who = f"— {s.attribution}" if s.attribution else ""
        inner = Box(box.x + 60, box.y, box.w - 120, box.h - 40)
        who_h = self.measured([who], self.smallest, inner.w) if who else 0.0
        size = self.fitted_size([text], Box(0, 0, inner.w, inner.h - who_h), th.sizes.section_title,
                                self.smallest, False)
        text_h = min(inner.h - who_h, self.measured([text], size, inner.w))
        height = text_h + who_h + 40
        panel = Box(box.x + 30, box.y + (box.h - height) / 2, box.w - 60, height)
        if not self.branded:
            self.rect(slide, panel, pal.surface, MSO_SHAPE.ROUNDED_RECTANGLE, name="Quote panel", corner=0.08)
        self.rect(slide, Box(panel.x, panel.y + 20, 6, panel.h - 40), pal.accent, name="Quote rule")
        self.text(slide, Box(inner.x, panel.y + 20, inner.w, text_h), [text], size, pal.title,
                  align=PP_ALIGN.CENTER, anchor=MSO_ANCHOR.MIDDLE, name="Quote")
        if who:
            self.text(slide, Box(inner.x, panel.y + 20 + text_h, inner.w, who_h), [who], self.smallest, pal.muted,
                      align=PP_ALIGN.RIGHT, name="Attribution")

    def space_after(self, paragraph, size: float) -> None:
        paragraph.space_after = Pt(round(size * 0.3, 1))
