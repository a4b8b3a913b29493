"""Code slides: editable monospace text, highlighted with Pygments in the theme's colours."""

from __future__ import annotations

from functools import lru_cache

from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR
from pptx.util import Pt

from deckgen.contrast import AA, contrast_ratio, parse_hex
from deckgen.plan.code import CODE_PAD, code_height, code_lines
from deckgen.plan.deckplan import PlannedSlide
from deckgen.plan.layout import CODE_FAMILY, INSET_X, INSET_Y, Box
from deckgen.theme.loader import Palette

from . import fastxml
from .canvas import E, rgb

# Pygments loads where code is highlighted: a deck without code never pays for it.


def readable(colour: str, background: str, toward: str) -> str:
    """`colour` mixed toward `toward` just enough to read on `background` (≥ 4.5:1)."""
    a, b = parse_hex(colour), parse_hex(toward)
    for step in range(11):
        t = step / 10
        mixed = "#" + "".join(f"{round(x + (y - x) * t):02X}" for x, y in zip(a, b))
        if contrast_ratio(mixed, background) >= AA:
            return mixed
    return toward


def token_colours(pal: Palette, panel: str) -> dict:
    """Token type → colour, taken from the theme so that code looks like the rest of the deck."""
    from pygments.token import Comment, Keyword, Name, Number, Operator, String

    return {Keyword: pal.accent, Operator.Word: pal.accent, Name.Function: pal.title, Name.Class: pal.title,
            Name.Decorator: pal.title, Name.Builtin: readable(pal.decor[1 % len(pal.decor)], panel, pal.text),
            String: readable(pal.decor[3 % len(pal.decor)], panel, pal.text),
            Number: readable(pal.decor[2 % len(pal.decor)], panel, pal.text), Comment: pal.muted}


@lru_cache(maxsize=64)
def _lexer(language: str, sample: str):
    from pygments.lexers import get_lexer_by_name, guess_lexer
    from pygments.lexers.special import TextLexer
    from pygments.util import ClassNotFound

    try:
        return get_lexer_by_name(language, stripnl=False, ensurenl=False) if language else \
            guess_lexer(sample, stripnl=False, ensurenl=False)
    except ClassNotFound:
        return TextLexer(stripnl=False, ensurenl=False)


def highlighted(text: str, language: str) -> list[list[tuple[object, str]]]:
    """The code's lines, each a list of (token type, text) runs."""
    lines: list[list[tuple[object, str]]] = [[]]
    lexer = _lexer(language.lower(), text if not language else "")
    for kind, value in lexer.get_tokens(text):
        parts = value.split("\n")
        for k, part in enumerate(parts):
            if k:
                lines.append([])
            if part:
                lines[-1].append((kind, part))
    return lines[: len(code_lines(text))]


def colour_of(kind, colours: dict, default: str) -> str:
    from pygments.token import Token

    while kind is not Token and kind is not None:
        if kind in colours:
            return colours[kind]
        kind = kind.parent
    return default


class CodeSlides:
    """A code block on a panel, in a monospace face the renderer measured, every token coloured."""

    def _code(self, slide, s: PlannedSlide) -> None:
        from pygments.token import Comment, Token

        pal = self.theme.palette
        box = self._titled(slide, s)
        if s.code is None:
            return
        size = s.body_size or 18.0
        text = s.code.text
        inner_w = box.w - 2 * CODE_PAD - 2 * INSET_X
        need = code_height(code_lines(text), size, inner_w) + 2 * INSET_Y + 2
        height = min(box.h, need + 2 * CODE_PAD)
        panel = Box(box.x, box.y + (box.h - height) / 2, box.w, height)
        colour = pal.surface
        shp = self.rect(slide, panel, colour, MSO_SHAPE.ROUNDED_RECTANGLE, name="Code panel", corner=0.04)
        if colour == pal.background or self.branded:
            shp.line.color.rgb = rgb(pal.divider_background)
        self.rect(slide, Box(panel.x, panel.y + 14, 5, panel.h - 28), pal.accent, name="Code rule")
        body = Box(panel.x + CODE_PAD, panel.y + CODE_PAD, panel.w - 2 * CODE_PAD, panel.h - 2 * CODE_PAD)
        shape = slide.shapes.add_textbox(E(body.x), E(body.y), E(body.w), E(body.h))
        shape.name = "Code"
        tf = self.frame(shape, body, anchor=MSO_ANCHOR.MIDDLE)
        colours = token_colours(pal, colour)
        # one paragraph, a line break per source line: the block is one editable unit, not a list of points
        p = tf.paragraphs[0]
        p.space_after = Pt(0)
        for i, runs in enumerate(highlighted(text, s.code.language)):
            if i:
                p.add_line_break()
            for kind, value in runs or [(Token.Text, "")]:
                self.code_run(p, value, size, colour_of(kind, colours, pal.text), italic=kind in Comment)

    def code_run(self, paragraph, text: str, size: float, colour: str, *, italic: bool = False) -> None:
        """A run in the code face: python-pptx's add_run, text, size, font, italic and colour, in one pass."""
        fastxml.add_run(paragraph._p, text, fastxml.font_size(size), None, CODE_FAMILY, fastxml.hex_colour(colour),
                        italic=italic or None, cap=False)
