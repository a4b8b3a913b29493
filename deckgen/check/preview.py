"""Preview: render a deck to PDF, one PNG per slide and a contact sheet to eyeball the whole talk.

Files written into ``out_dir`` (only complete files are ever moved into place):

* ``<stem>.pdf`` — LibreOffice's rendering (see `deckgen.check.rendered.render_pdf`);
* ``<stem>-01.png`` … — one page per slide at ``dpi`` (``pdftoppm -png -r DPI``), numbered with at
  least two digits; pages left over from an earlier, longer render of the same deck are removed;
* ``<stem>-contact.png`` — numbered thumbnails, ``columns`` per row (fewer when the deck has fewer
  slides), each with a thin border, on a light background under a header line naming the deck.
  The sheet is deterministic: the same pages give the same bytes (see `contact_sheet_size`).
"""

from __future__ import annotations

import io
import math
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from deckgen.atomic import write_bytes_atomic
from deckgen.errors import InputError, RenderError
from deckgen.measure import resolve_font_file
from deckgen.zipsafe import inspect_package

from .rendered import INSTALL_SOFFICE, _last_line, render_pdf, soffice_path, tool_path

THUMB_W = 320        # px, every thumbnail's width
MARGIN = 16          # px around the sheet
GAP = 16             # px between thumbnails
LABEL_H = 24         # px under each thumbnail for its number
HEADER_H = 48        # px for the header line (top margin included)
BORDER = 1           # px
SHEET_BG = (244, 244, 247)
BORDER_RGB = (150, 150, 165)
TEXT_RGB = (40, 40, 55)


@dataclass(frozen=True)
class PreviewResult:
    pdf: Path
    pages: tuple[Path, ...]
    contact_sheet: Path


def contact_sheet_size(n_pages: int, page_w: int, page_h: int, columns: int = 4) -> tuple[int, int]:
    """Pixel size of the contact sheet for `n_pages` pages of `page_w`×`page_h` pixels."""
    cols = max(1, min(columns, n_pages))
    rows = max(1, math.ceil(n_pages / cols))
    thumb_h = max(1, round(THUMB_W * page_h / max(1, page_w)))
    width = 2 * MARGIN + cols * THUMB_W + (cols - 1) * GAP
    height = HEADER_H + rows * (thumb_h + LABEL_H) + (rows - 1) * GAP + MARGIN
    return width, height


def _font(size: int, bold: bool = False) -> ImageFont.ImageFont:
    try:
        return ImageFont.truetype(str(resolve_font_file("Carlito-Bold.ttf" if bold else "Carlito-Regular.ttf")), size)
    except Exception:
        return ImageFont.load_default()


def contact_sheet(pages: list[Path], title: str, *, columns: int = 4) -> bytes:
    """PNG bytes of a grid of numbered thumbnails of `pages` under a `title` header."""
    if not pages:
        raise RenderError("no pages to put on a contact sheet")
    with Image.open(pages[0]) as first:
        pw, ph = first.size
    width, height = contact_sheet_size(len(pages), pw, ph, columns)
    cols = max(1, min(columns, len(pages)))
    thumb_h = max(1, round(THUMB_W * ph / max(1, pw)))
    sheet = Image.new("RGB", (width, height), SHEET_BG)
    draw = ImageDraw.Draw(sheet)
    draw.text((MARGIN, (HEADER_H - 8) // 2), title, fill=TEXT_RGB, font=_font(20, bold=True), anchor="lm")
    label_font = _font(15)
    for i, page in enumerate(pages):
        row, col = divmod(i, cols)
        x = MARGIN + col * (THUMB_W + GAP)
        y = HEADER_H + row * (thumb_h + LABEL_H + GAP)
        with Image.open(page) as img:
            thumb = img.convert("RGB").resize((THUMB_W, thumb_h), Image.LANCZOS)
        sheet.paste(thumb, (x, y))
        draw.rectangle((x - BORDER, y - BORDER, x + THUMB_W - 1 + BORDER, y + thumb_h - 1 + BORDER),
                       outline=BORDER_RGB, width=BORDER)
        draw.text((x + THUMB_W // 2, y + thumb_h + LABEL_H // 2 + 1), str(i + 1), fill=TEXT_RGB,
                  font=label_font, anchor="mm")
    buf = io.BytesIO()
    sheet.save(buf, "PNG")
    return buf.getvalue()


def preview_deck(pptx: Path, out_dir: Path, *, dpi: int = 60, columns: int = 4) -> PreviewResult:
    """Render `pptx` into `out_dir`: the PDF, one PNG per slide and a contact sheet."""
    pptx, out_dir = Path(pptx), Path(out_dir)
    if not 10 <= int(dpi) <= 600:
        raise InputError(f"dpi must be between 10 and 600, not {dpi}", field="dpi")
    if int(columns) < 1:
        raise InputError(f"columns must be at least 1, not {columns}", field="columns")
    if not pptx.is_file():
        raise InputError("no such file", file=pptx)
    inspect_package(pptx)  # LibreOffice would inflate a zip bomb too
    if soffice_path() is None:
        raise RenderError(INSTALL_SOFFICE, file=pptx)
    pdftoppm = tool_path("pdftoppm")
    pdf = render_pdf(pptx, out_dir)
    work = Path(tempfile.mkdtemp(prefix=".deckgen-preview-", dir=out_dir))
    try:
        try:
            proc = subprocess.run([pdftoppm, "-png", "-r", str(int(dpi)), str(pdf), str(work / "page")],
                                  capture_output=True, timeout=300)
        except subprocess.TimeoutExpired:
            raise RenderError("pdftoppm did not finish within 300 s", file=pdf) from None
        rendered = sorted(work.glob("page-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
        if proc.returncode != 0 or not rendered:
            raise RenderError(f"pdftoppm could not draw the pages ({_last_line(proc.stderr)})", file=pdf)
        sheet = contact_sheet(rendered, f"{pptx.name} — {len(rendered)} slide{'s' if len(rendered) != 1 else ''}",
                              columns=int(columns))
        digits = max(2, len(str(len(rendered))))
        stem = pptx.stem
        pages = []
        for i, src in enumerate(rendered, 1):
            dest = out_dir / f"{stem}-{i:0{digits}d}.png"
            src.replace(dest)
            pages.append(dest)
        stale = re.compile(re.escape(stem) + r"-(\d+)\.png")
        keep = {p.name for p in pages}
        for old in out_dir.iterdir():
            m = stale.fullmatch(old.name)
            if m and old.name not in keep and old.is_file():
                old.unlink()
        contact = out_dir / f"{stem}-contact.png"
        write_bytes_atomic(contact, sheet)
        return PreviewResult(pdf=pdf, pages=tuple(pages), contact_sheet=contact)
    finally:
        shutil.rmtree(work, ignore_errors=True)
