"""A clearly marked stand-in for a picture the build could not use (missing, remote, outside the talk):
grey, dashed frame, "Missing picture" and the path as the document wrote it. Deterministic bytes."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from deckgen.atomic import write_bytes_atomic
from deckgen.measure import resolve_font_file

SIZE = (1600, 900)
BACKGROUND = (238, 238, 240)
INK = (51, 51, 60)  # 11:1 on the background
FRAME = (150, 150, 160)


def _fit(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont, width: int) -> str:
    if draw.textlength(text, font=font) <= width:
        return text
    while text and draw.textlength("…" + text, font=font) > width:
        text = text[1:]
    return "…" + text  # keep the end of a long path: the file name is what the presenter looks for


def placeholder_png(ref: str, reason: str) -> bytes:
    img = Image.new("RGB", SIZE, BACKGROUND)
    d = ImageDraw.Draw(img)
    w, h = SIZE
    for x in range(40, w - 40, 48):  # dashed frame
        d.line([(x, 40), (min(x + 28, w - 40), 40)], fill=FRAME, width=6)
        d.line([(x, h - 40), (min(x + 28, w - 40), h - 40)], fill=FRAME, width=6)
    for y in range(40, h - 40, 48):
        d.line([(40, y), (40, min(y + 28, h - 40))], fill=FRAME, width=6)
        d.line([(w - 40, y), (w - 40, min(y + 28, h - 40))], fill=FRAME, width=6)
    bold = ImageFont.truetype(str(resolve_font_file("Carlito-Bold.ttf")), 96)
    regular = ImageFont.truetype(str(resolve_font_file("Carlito-Regular.ttf")), 48)
    lines = [("Missing picture", bold), (_fit(d, ref, regular, w - 200), regular),
             (_fit(d, reason, regular, w - 200), regular)]
    y = 260
    for text, font in lines:
        d.text((w / 2, y), text, fill=INK, font=font, anchor="ma")
        y += 150 if font is bold else 80
    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=False)
    return buf.getvalue()


def write_placeholder(path: Path, ref: str, reason: str) -> Path:
    write_bytes_atomic(path, placeholder_png(ref, reason))
    return path
