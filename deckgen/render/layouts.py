"""Designed layouts: overview cards, a statement or key figure, two columns."""

from __future__ import annotations

from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN

from deckgen.measure import Para, paragraphs_height, widest_word
from deckgen.plan.deckplan import PlannedSlide
from deckgen.plan.layout import INSET_X, INSET_Y, Box, best_size, body_box

from .canvas import E, rgb

CARD_GAP = 22.0
CARD_PAD = 18.0
MARK = 54.0  # diameter of a card's number disc
WRAP_SLACK = 18.0  # points of width a card's text is measured without
BAR = 6.0  # thickness of the accent bar of a card without a number (peers, not steps)
FIGURE_SIZES = (110.0, 60.0)


class LayoutSlides:
    """Cards, statements and two columns: fewer words, larger, arranged in the free area."""

    def _size_for(self, texts: list[str], box: Box, largest: float, smallest: float, bold: bool) -> float:
        """Largest size at which every text fits `box` on its own (cards share one size)."""
        sizes = [best_size(self.theme, [t], box, largest, smallest, bullets=False, bold=bold) for t in texts if t]
        if any(s is None for s in sizes):
            self.warnings.append(f"card text may not fit at {smallest:.0f} pt")
            return smallest
        return min(sizes, default=largest)

    def _words_fit(self, texts: list[str], size: float, width: float, bold: bool) -> bool:
        """True when no word of `texts` is wider than `width` at `size`: a word is never broken."""
        widest = widest_word(texts, (self.theme.heading_font if bold else self.theme.body_font).file, size)
        return widest is None or widest <= width - 2 * INSET_X

    def _card_plan(self, s: PlannedSlide, box: Box, per_row: int, rows: int, with_lines: bool):
        """(heading size, line size, heading height, line height, card height) of the largest cards that fit."""
        horizontal = rows > 1
        lead = MARK if any(c.mark for c in s.cards) else BAR
        w = (box.w - CARD_GAP * (per_row - 1)) / per_row
        inner = w - 2 * CARD_PAD - (lead + 16 if horizontal else 0)
        heads = [c.heading for c in s.cards if c.heading]
        lines = [c.line for c in s.cards if c.line] if with_lines else []
        size = self.theme.sizes.body
        while size >= self.smallest:
            head_size = min(30.0, size + 2)
            if self._words_fit(heads, head_size, inner, True) and self._words_fit(lines, size, inner, False):
                # measured a little narrower than drawn: another renderer may wrap a narrow card one
                # word earlier, and the box must still hold it
                slack = inner - WRAP_SLACK
                head_h = max((self.measured([h], head_size, slack, bold=True) for h in heads), default=0.0)
                # the line follows a line break in the heading's paragraph: no second pair of insets
                inset = 2 * INSET_Y if heads else 0.0
                line_h = max((self.measured([t], size, slack) - inset for t in lines), default=0.0)
                text_h = head_h + (4 + line_h if line_h and heads else line_h)
                card_h = 2 * CARD_PAD + (max(lead if lead == MARK else 0.0, text_h) if horizontal
                                         else lead + 14 + text_h)
                if rows * card_h + (rows - 1) * CARD_GAP <= box.h:
                    return head_size, size, head_h, line_h, card_h
            size -= 1.0
        return None

    def _cards(self, slide, s: PlannedSlide) -> None:
        """2–3 cards side by side, 4 in a 2 × 2 grid, 6 in a 2 × 3 grid: a mark, a heading, one line."""
        pal = self.theme.palette
        box = body_box(self.theme)
        n = len(s.cards)
        # four cards sit in a 2 × 2 grid, or in one row of narrow cards when their lines need the height;
        # six in two columns of three rows, or three columns of two
        grids = [(n, 1)] if n <= 3 else [(2, 2), (n, 1)] if n == 4 else [(2, -(-n // 2)), (3, -(-n // 3))]
        sized, per_row, rows = None, *grids[0]
        for per_row, rows in grids:
            sized = self._card_plan(s, box, per_row, rows, True)
            if sized is not None:
                break
        # columns at the largest size in five lines or fewer leave bands nothing to win: not measured
        settled = sized is not None and sized[1] >= self.theme.sizes.body and sized[3] <= 5 * 1.22 * sized[1]
        if n <= 3 and not any(c.heading for c in s.cards) and not settled:
            # long sentences as cards: stacked full-width bands, when they set the text larger than columns,
            # or nearly as large where a column would run past five lines (a long sentence reads badly there)
            stacked = self._card_plan(s, box, 1, n, True)
            if stacked is not None and (sized is None or stacked[1] > sized[1] or
                                        stacked[1] >= sized[1] - 2 and sized[3] > 5 * 1.22 * sized[1]):
                sized, per_row, rows = stacked, 1, n
        if sized is None and all(c.heading for c in s.cards):  # cards without their lines still tour the part
            per_row, rows = grids[0]
            sized = self._card_plan(s, box, per_row, rows, False)
        if sized is None and s.items:
            return self._content(slide, s)  # too much text for cards: the same points as a list
        self._titled(slide, s)
        if sized is None:
            self.warnings.append(f"cards of '{s.title[:40]}' may not fit")
            sized = (self.smallest, self.smallest, 60.0, 0.0, (box.h - CARD_GAP * (rows - 1)) / rows)
        head_size, line_size, head_h, line_h, card_h = sized
        horizontal = rows > 1
        w = (box.w - CARD_GAP * (per_row - 1)) / per_row
        top0 = box.y + (box.h - rows * card_h - (rows - 1) * CARD_GAP) / 2  # centred in the free area
        for i, card in enumerate(s.cards):
            x = box.x + (i % per_row) * (w + CARD_GAP)
            top = top0 + (i // per_row) * (card_h + CARD_GAP)
            shp = self.rect(slide, Box(x, top, w, card_h), pal.surface, MSO_SHAPE.ROUNDED_RECTANGLE,
                            name=f"Card {i + 1}", corner=0.07)
            if self.branded:  # a template's own background may be the surface colour: outline the card
                shp.line.color.rgb = rgb(pal.divider_background)
            colour = pal.decor[i % len(pal.decor)]
            lead = MARK if card.mark else BAR
            if card.mark:
                self._disc(slide, Box(x + CARD_PAD, top + CARD_PAD, MARK, MARK), colour, card.mark, i)
            else:  # parallel points have no order: a bar of colour, not a number
                bar = Box(x + CARD_PAD, top + CARD_PAD, BAR, card_h - 2 * CARD_PAD) if horizontal else \
                    Box(x + CARD_PAD, top + CARD_PAD, 48.0, BAR)
                self.rect(slide, bar, colour, name=f"Card bar {i + 1}")
            if horizontal:
                tx, ty = x + CARD_PAD + lead + 16, top + CARD_PAD
                inner = w - 2 * CARD_PAD - lead - 16
            else:
                tx, ty = x + CARD_PAD, top + CARD_PAD + lead + 14
                inner = w - 2 * CARD_PAD
            if not card.heading:  # a point as a card: its words alone, at the body size
                if horizontal:  # a band as tall as the longest point's: the shorter ones sit in its middle
                    ty, line_h = top + CARD_PAD, card_h - 2 * CARD_PAD
                self.text(slide, Box(tx, ty, inner, line_h), [card.line], line_size, pal.text,
                          anchor=MSO_ANCHOR.MIDDLE if horizontal else MSO_ANCHOR.TOP, name=f"Card text {i + 1}")
                continue
            # heading and line in one paragraph, a line break between: a card reads as one statement
            shape = self.text(slide, Box(tx, ty, inner, head_h + (4 + line_h if card.line and line_h else 0)),
                              [card.heading], head_size, pal.title, bold=True, name=f"Card heading {i + 1}")
            if card.line and line_h:
                p = shape.text_frame.paragraphs[0]
                p.add_line_break()
                self.run(p, card.line, line_size, pal.text)

    def _disc(self, slide, box: Box, colour: str, mark: str, i: int) -> None:
        """A card's number disc."""
        disc = self.rect(slide, box, colour, MSO_SHAPE.OVAL, name=f"Card mark {i + 1}")
        tf = self.frame(disc, box, anchor=MSO_ANCHOR.MIDDLE)
        tf.margin_left = tf.margin_right = tf.margin_top = tf.margin_bottom = 0
        tf.word_wrap = False
        p = tf.paragraphs[0]
        p.alignment = PP_ALIGN.CENTER
        self.run(p, mark, min(24.0, max(self.smallest, 20.0)), self.ink_on(colour), bold=True)

    def _statement(self, slide, s: PlannedSlide) -> None:
        """One message, or a key figure over its caption, large and centred (one paragraph)."""
        th, pal = self.theme, self.theme.palette
        box = self._titled(slide, s)
        inner = Box(box.x + 70, box.y, box.w - 140, box.h - 30)
        caption = s.caption or (s.items[0].text if s.items else "")
        fig_size, fig_h = 0.0, 0.0
        if s.figure:
            fig_size = self._size_for([s.figure], Box(0, 0, inner.w, 160), *FIGURE_SIZES, True)
            fig_h = fig_size * 1.22
        largest = 36.0 if s.figure else th.sizes.section_title
        cap_size = self._size_for([caption], Box(0, 0, inner.w, inner.h - fig_h - 2 * INSET_Y), largest,
                                  self.smallest, not s.figure)
        cap_h = self.measured([caption], cap_size, inner.w, bold=not s.figure) - 2 * INSET_Y
        height = fig_h + cap_h + 2 * INSET_Y + 4
        panel = Box(box.x + 20, box.y + (box.h - height - 40) / 2, box.w - 40, height + 40)
        if not self.branded:
            self.rect(slide, panel, pal.surface, MSO_SHAPE.ROUNDED_RECTANGLE, name="Statement panel", corner=0.08)
        self.rect(slide, Box(panel.x + panel.w / 2 - 40, panel.y + 12, 80, 5), pal.accent, name="Statement rule")
        shape = self.text(slide, Box(inner.x, panel.y + 20, inner.w, height), [], cap_size, pal.text,
                          name="Statement", anchor=MSO_ANCHOR.MIDDLE)
        p = shape.text_frame.paragraphs[0]
        p.alignment = PP_ALIGN.CENTER
        if s.figure:
            # figure and caption in one paragraph, a line break between: they read as one message
            self.run(p, s.figure, fig_size, pal.accent, bold=True)
            p.add_line_break()
            self.run(p, caption, cap_size, pal.text)
        else:
            self.run(p, caption, cap_size, pal.title, bold=True)

    def _columns(self, slide, s: PlannedSlide) -> None:
        """Two titled columns side by side, each on its own pastel panel."""
        th, pal = self.theme, self.theme.palette
        box = self._titled(slide, s)
        gap = 28.0
        w = (box.w - gap) / 2
        inner = w - 2 * CARD_PAD
        low = self.smallest
        head_size = self._size_for([c.heading for c in s.columns], Box(0, 0, inner, 80), 30, low, True)
        head_h = max(self.measured([c.heading], head_size, inner, bold=True) for c in s.columns)
        room = Box(0, 0, inner, box.h - head_h - 3 * CARD_PAD)
        size = th.sizes.body
        while size > low and not all(best_size(th, list(c.lines), room, size, size) for c in s.columns):
            size -= 1
        body_h = max(self.measured_bullets(list(c.lines), size, inner) for c in s.columns)
        height = min(box.h, head_h + body_h + 3 * CARD_PAD)
        top = box.y + (box.h - height) / 2
        for i, col in enumerate(s.columns):
            x = box.x + i * (w + gap)
            band = pal.decor[i % len(pal.decor)]
            self.rect(slide, Box(x, top, w, height), pal.surface, MSO_SHAPE.ROUNDED_RECTANGLE,
                      name=f"Column {i + 1}", corner=0.05)
            self.rect(slide, Box(x, top, w, head_h + 2 * CARD_PAD * 0.6), band, name=f"Column band {i + 1}")
            self.text(slide, Box(x + CARD_PAD, top + CARD_PAD * 0.6, inner, head_h), [col.heading], head_size,
                      self.ink_on(band), bold=True, name=f"Column heading {i + 1}")
            body = Box(x + CARD_PAD, top + head_h + 2 * CARD_PAD, inner, body_h)
            shape = slide.shapes.add_textbox(E(body.x), E(body.y), E(body.w), E(body.h))
            shape.name = f"Column text {i + 1}"
            tf = self.frame(shape, body)
            for k, line in enumerate(col.lines):
                p = tf.paragraphs[0] if k == 0 else tf.add_paragraph()
                self.space_after(p, size)
                self._bullet(p, pal.accent)
                self.run(p, line, size, pal.text)

    def measured_bullets(self, lines: list[str], size: float, width: float) -> float:
        """Height of `lines` as bullets at `size` in a text box of `width`."""
        paras = [Para(t, size, 22.0, 0.0, round(size * 0.3, 1)) for t in lines]
        return paragraphs_height(paras, self.theme.body_font.file, width - 2 * INSET_X) + 2 * INSET_Y + 2
