"""One drawing method per slide kind, on top of the canvas primitives."""

from __future__ import annotations

from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN

from deckgen.measure import paragraphs_height
from deckgen.plan.deckplan import PlannedPicture, PlannedSlide
from deckgen.plan.layout import (
    INSET_X,
    INSET_Y,
    SLIDE_H,
    SLIDE_W,
    Box,
    body_paras,
    footer_box,
)

from .archive import FIXED_TIME, deterministic_zip
from .canvas import Canvas
from .chart import ChartSlides
from .code import CodeSlides
from .content import ContentSlides
from .divider import BAND_MARGIN, SECTION_BAND_X, decorative, echo, mirror
from .layouts import LayoutSlides
from .speedups import package_members
from .template import drop_existing_slides


class DeckDrawing(ContentSlides, LayoutSlides, CodeSlides, ChartSlides, Canvas):
    """Draws every slide of a plan, one method per slide kind or layout, and saves the deck."""

    _echoes = 0  # section dividers drawn so far: each shows its own window onto the cover

    # ------------------------------------------------------------------ slide kinds

    def add(self, s: PlannedSlide, number: int, total: int) -> None:
        slide = self.new_slide(self.layout(s.kind))
        getattr(self, f"_{s.layout or s.kind}", self._content)(slide, s)
        self.drop_empty_placeholders(slide)
        if s.kind not in ("cover", "closing"):
            self.footer(slide, number, total)
        self.notes(slide, s.notes)

    def _height(self, text: str, box: Box, largest: float, smallest: float, bold: bool) -> tuple[float, float]:
        """(size, height) of `text` fitted into at most `box`: the height it really needs."""
        size = self.fitted_size([text], box, largest, smallest, bold)
        font = (self.theme.heading_font if bold else self.theme.body_font).file
        need = paragraphs_height(body_paras([text], size, bullets=False), font, box.w - 2 * INSET_X)
        return size, min(box.h, need + 2 * INSET_Y + 1)

    def _cover(self, slide, s: PlannedSlide) -> None:
        pal = self.theme.palette
        self.background(slide, pal.background)
        if s.picture is not None:
            self.picture(slide, s.picture.path, s.picture.alt, Box(0, 0, SLIDE_W, SLIDE_H), fill=True)
        by_text = s.items[0].text if s.items else ""
        self._panel(slide, s.title, s.subtitle, [by_text] if by_text else [], x=36, subtitle_shape=True)

    def _panel(self, slide, title: str, subtitle: str, byline: list[str], *, x: float,
               subtitle_shape: bool = False) -> None:
        """Title, subtitle and byline on a surface panel that hugs its text, centred in the calm part."""
        th, pal = self.theme, self.theme.palette
        width, pad = 410.0, 20.0
        inner_w = width - 2 * pad
        _, title_h = self._height(title, Box(0, 0, inner_w, 190), th.sizes.cover_title,
                                  th.sizes.title_min - 6, True)
        sub_h = self._height(subtitle, Box(0, 0, inner_w, 80), th.sizes.cover_subtitle,
                             th.sizes.body_min, False)[1] if subtitle else 0.0
        by_text = "\n".join(byline)
        by_sizes = (th.sizes.small + 2, min(18.0, th.sizes.small + 2))  # 18 pt: readable from the back
        by_h = self._height(by_text, Box(0, 0, inner_w, 80), *by_sizes, False)[1] if by_text else 0.0
        height = 44 + title_h + (4 + sub_h if sub_h else 0) + (8 + by_h if by_h else 0) + 26
        panel = Box(x, round((SLIDE_H - height) / 2), width, height)
        self.rect(slide, panel, pal.surface, MSO_SHAPE.ROUNDED_RECTANGLE, name="Title panel", corner=0.06)
        self.rect(slide, Box(panel.x + 28, panel.y + 30, 56, 6), pal.accent, name="Accent")
        y = panel.y + 44
        self.title(slide, title, Box(panel.x + pad, y, inner_w, title_h), th.sizes.cover_title, pal.title,
                   anchor=MSO_ANCHOR.TOP)
        y += title_h + 4
        subtitle_ph = next((p for p in slide.placeholders if p.placeholder_format.idx == 1), None)
        if subtitle_ph is not None:
            subtitle_ph.text_frame.text = ""
        if subtitle:
            box = Box(panel.x + pad, y, inner_w, sub_h)
            size = self.fitted_size([subtitle], box, th.sizes.cover_subtitle, th.sizes.body_min, False)
            self.text(slide, box, [subtitle], size, pal.text, name="Subtitle",
                      shape=subtitle_ph if subtitle_shape else None)
            y += sub_h + 8
        if by_text:
            box = Box(panel.x + pad, y, inner_w, by_h)
            size = self.fitted_size([by_text], box, *by_sizes, False)
            self.text(slide, box, byline, size, pal.muted, name="Byline")

    def _cover_picture(self) -> PlannedPicture | None:
        """The cover's picture, which section and closing slides echo (None without one, or on a template)."""
        if self.branded:
            return None
        return next((s.picture for s in self.plan.slides if s.kind == "cover" and s.picture is not None), None)

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
        picture = self._cover_picture()
        if picture is not None:
            # A card of the cover's own illustration on the right, a new window onto it per section;
            # it stops above the footer so the slide number never sits on the picture.
            self.background(slide, pal.divider_background)
            bottom = footer_box(th).y - 8
            card = Box(SECTION_BAND_X, BAND_MARGIN, SLIDE_W - SECTION_BAND_X - BAND_MARGIN, bottom - BAND_MARGIN)
            echo(slide, picture, card, self._echoes, corner=0.06)
            self._echoes += 1
        else:
            self._divider(slide, [(Box(640, 36, 290, 290), 0), (Box(790, 300, 150, 150), 1),
                                  (Box(600, 350, 100, 100), 2)])
        x = th.margins.left * 72
        if s.number_label:
            self.text(slide, Box(x, 120, 300, 110), [s.number_label], 72, pal.accent, bold=True, name="Number")
        box = Box(x, 236, min(520, SECTION_BAND_X - 16 - x), 170)
        self.title(slide, s.title, box, th.sizes.section_title, pal.divider_text, anchor=MSO_ANCHOR.TOP)
        self.rect(slide, Box(x + 7, 226, 80, 6), pal.accent, name="Accent")

    def _closing(self, slide, s: PlannedSlide) -> None:
        th, pal = self.theme, self.theme.palette
        lines = [x for x in [s.subtitle] + [i.text for i in s.items] if x]
        picture = self._cover_picture()
        if picture is not None:
            # The cover again, mirrored: the talk ends where it began, the panel on the other side.
            self.background(slide, pal.background)
            pic = self.picture(slide, picture.path, picture.alt, Box(0, 0, SLIDE_W, SLIDE_H), fill=True)
            mirror(pic)
            decorative(pic)
            self._panel(slide, s.title, lines[0] if lines else "", lines[1:], x=SLIDE_W - 36 - 410)
            return
        self._divider(slide, [(Box(30, 340, 170, 170), 1), (Box(760, 30, 170, 170), 0)])
        self.title(slide, s.title, Box(120, 150, 720, 120), 60, pal.divider_text, align=PP_ALIGN.CENTER)
        self.text(slide, Box(120, 290, 720, 100), lines, th.sizes.body, pal.text,
                  align=PP_ALIGN.CENTER, name="Thanks")

    # ------------------------------------------------------------------ document

    def build(self) -> bytes:
        plan = self.plan
        if self.theme.template:
            drop_existing_slides(self.prs)
        total = len(plan.slides)
        for n, s in enumerate(plan.slides, 1):
            self.add(s, n, total)
        cp = self.prs.core_properties
        cp.title = core_text(plan.title)
        cp.subject = core_text(f"{plan.subtitle} — {plan.audience.label}" if plan.subtitle else plan.audience.label)
        cp.author = core_text(plan.author or "deckgen")
        cp.last_modified_by = "deckgen"
        cp.keywords = core_text(f"deckgen; level={plan.audience.id}; target_minutes={plan.target_minutes:g}; "
                                f"lang={plan.lang}; wpm={plan.words_per_minute}")
        cp.language = {"fr": "fr-FR", "en": "en-US"}.get(plan.lang, plan.lang)
        cp.revision = 1
        cp.created = cp.modified = FIXED_TIME
        cp.last_printed = FIXED_TIME
        cp.comments = "Built by deckgen"
        return deterministic_zip(package_members(self.prs))


def core_text(text: str) -> str:
    """A document property as OOXML allows it (255 characters); the full text is on the slides."""
    return text if len(text) <= 255 else text[:254] + "…"
