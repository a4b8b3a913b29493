"""Draw a deck with LibreOffice and find text that the real renderer puts out of place.

`render_pdf` converts a .pptx to PDF with headless LibreOffice using a private, throw-away user
profile (parallel runs never share one), and only ever moves a complete PDF into place.

`rendered_overflows` reads every word's box from the PDF (``pdftotext -bbox-layout``, poppler) and
compares it with the boxes of the deck's text shapes (python-pptx, EMU → points, scaled to the
page size the PDF really has). A word is matched to the shapes whose text contains it; when it is
drawn outside all of them (2 pt tolerance, glyph ascent/descent padding trimmed) it is overflow,
charged to the nearest such shape. pdftotext drops glyphs that fall entirely off the page, so a
shape whose own words (those no other shape on the slide uses) are missing from the page is
reported as running off the page. Words that belong to no shape (slide numbers, dates, chart
labels) are fine inside any text, footer, picture or chart box. Boxes that grow with their text
(``spAutoFit`` without fill or outline, tables) only overflow when they leave the page.
One ``overflow-render`` finding (error) per shape.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import signal
import subprocess
import tempfile
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from deckgen.check.pptx.fit import grows_with_text
from deckgen.check.pptx.shapes import FOOTER_TYPES, Shape
from deckgen.check.pptx.slide import Deck, SlideContext, open_presentation
from deckgen.check.pptx.xml import A
from deckgen.errors import InputError, RenderError

from .report import Finding

TOLERANCE_PT = 2.0
GLYPH_PAD = 0.15          # share of a word box's height that is ascent/descent padding, each side
MISSING_MIN = 2           # words of a shape missing from the page before it counts as off-page
INSTALL_SOFFICE = "LibreOffice (soffice) is not installed: apt-get install libreoffice-impress"
INSTALL_POPPLER = "poppler (pdftotext/pdftoppm) is not installed: apt-get install poppler-utils"


# --------------------------------------------------------------------------------------------
# LibreOffice


def soffice_path() -> str | None:
    """Path of LibreOffice's soffice ($DECKGEN_SOFFICE, PATH, then the usual install places)."""
    env = os.environ.get("DECKGEN_SOFFICE")
    if env:
        return env if Path(env).is_file() else shutil.which(env)
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for cand in ("/Applications/LibreOffice.app/Contents/MacOS/soffice",
                 r"C:\Program Files\LibreOffice\program\soffice.exe"):
        if Path(cand).is_file():
            return cand
    return None


def tool_path(name: str) -> str:
    """Path of a poppler tool, or RenderError telling how to install it."""
    found = shutil.which(name)
    if not found:
        raise RenderError(INSTALL_POPPLER.replace("pdftotext/pdftoppm", name))
    return found


def _last_line(*texts: bytes | str | None) -> str:
    for t in texts:
        if not t:
            continue
        if isinstance(t, bytes):
            t = t.decode("utf-8", "replace")
        lines = [ln.strip() for ln in t.splitlines() if ln.strip() and "javaldx" not in ln]
        if lines:
            return lines[-1][:200]
    return "no output"


def _run_group(cmd: list[str], timeout: float, env: dict | None = None) -> tuple[int, bytes, bytes]:
    """Run `cmd` in its own process group; on timeout kill that group (and only it)."""
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            stdin=subprocess.DEVNULL, start_new_session=True, env=env)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(proc.pid)
        proc.communicate()
        raise
    finally:
        _kill_group(proc.pid)  # soffice may leave helpers behind in its group
    return proc.returncode, out, err


def _kill_group(pgid: int) -> None:
    try:
        os.killpg(pgid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError, OSError):
        pass


def render_pdf(pptx: Path, out_dir: Path, *, timeout: float = 180) -> Path:
    """Convert `pptx` to ``out_dir/<stem>.pdf`` with headless LibreOffice; returns the PDF path.

    Uses a private profile (``-env:UserInstallation``) so parallel runs never clash; writes into a
    temporary folder and moves the finished PDF into place, so a failure leaves nothing behind.
    """
    pptx = Path(pptx)
    out_dir = Path(out_dir)
    exe = soffice_path()
    if exe is None:
        raise RenderError(INSTALL_SOFFICE, file=pptx)
    if not pptx.is_file():
        raise InputError("no such file", file=pptx)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=".deckgen-render-", dir=out_dir))
    except OSError as exc:
        raise RenderError(f"cannot write: {exc.strerror or exc}", file=out_dir) from exc
    profile = Path(tempfile.mkdtemp(prefix="deckgen-lo-profile-"))
    try:
        env = dict(os.environ)
        env.setdefault("SAL_USE_VCLPLUGIN", "svp")
        cmd = [exe, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--invisible",
               "--norestore", "--nologo", "--nodefault", "--nolockcheck",
               "--convert-to", "pdf:impress_pdf_Export", "--outdir", str(work), str(pptx.resolve())]
        try:
            code, out, err = _run_group(cmd, timeout, env)
        except subprocess.TimeoutExpired:
            raise RenderError(f"LibreOffice did not finish the PDF within {timeout:g} s", file=pptx) from None
        except OSError as exc:
            raise RenderError(f"cannot run LibreOffice ({exe}): {exc.strerror or exc}", file=pptx) from exc
        produced = work / (pptx.stem + ".pdf")
        if code != 0 or not produced.is_file() or produced.stat().st_size == 0:
            raise RenderError(f"LibreOffice could not convert the deck to PDF (exit {code}: "
                              f"{_last_line(err, out)})", file=pptx)
        target = out_dir / (pptx.stem + ".pdf")
        os.replace(produced, target)
        return target
    finally:
        shutil.rmtree(work, ignore_errors=True)
        shutil.rmtree(profile, ignore_errors=True)


# --------------------------------------------------------------------------------------------
# pdftotext -bbox-layout


@dataclass(frozen=True)
class Word:
    x0: float
    y0: float
    x1: float
    y1: float
    text: str


@dataclass(frozen=True)
class Page:
    width: float
    height: float
    words: tuple[Word, ...]


_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.DOTALL)
_WORD = re.compile(r'<word xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" yMax="([-\d.]+)">(.*?)</word>',
                   re.DOTALL)


def pdf_pages(pdf: Path, *, timeout: float = 120) -> list[Page]:
    """Every page's size and word boxes, in PDF points from the top-left corner."""
    exe = tool_path("pdftotext")
    try:
        proc = subprocess.run([exe, "-bbox-layout", "-enc", "UTF-8", str(pdf), "-"],
                              capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise RenderError(f"pdftotext did not finish within {timeout:g} s", file=pdf) from None
    if proc.returncode != 0:
        raise RenderError(f"pdftotext cannot read the PDF ({_last_line(proc.stderr)})", file=pdf)
    return parse_bbox_layout(proc.stdout.decode("utf-8", "replace"))


def parse_bbox_layout(text: str) -> list[Page]:
    pages = []
    for m in _PAGE.finditer(text):
        ws = tuple(Word(float(a), float(b), float(c), float(d), html.unescape(t))
                   for a, b, c, d, t in _WORD.findall(m.group(3)))
        pages.append(Page(float(m.group(1)), float(m.group(2)), ws))
    return pages


# --------------------------------------------------------------------------------------------
# Matching words to shapes


@dataclass
class _Region:
    x0: float
    y0: float
    x1: float
    y1: float
    shape: Shape | None
    kind: str          # "text" | "footer" | "other"

    def contains(self, w: Word, tol: float = TOLERANCE_PT) -> bool:
        pad = (w.y1 - w.y0) * GLYPH_PAD
        return (w.x0 >= self.x0 - tol and w.x1 <= self.x1 + tol
                and w.y0 + pad >= self.y0 - tol and w.y1 - pad <= self.y1 + tol)

    def distance(self, w: Word) -> float:
        cx, cy = (w.x0 + w.x1) / 2, (w.y0 + w.y1) / 2
        dx = max(self.x0 - cx, 0.0, cx - self.x1)
        dy = max(self.y0 - cy, 0.0, cy - self.y1)
        return (dx * dx + dy * dy) ** 0.5


def normalise_token(text: str) -> list[str]:
    """Word tokens used to match deck text and rendered text (NFKC, case-folded, alphanumerics)."""
    return re.findall(r"\w+", unicodedata.normalize("NFKC", text).casefold())


def _run_tokens(el) -> list[str]:
    """Tokens of a shape's runs (fields such as dates and slide numbers excluded)."""
    out: list[str] = []
    for r in el.iter(A + "r"):
        t = r.find(A + "t")
        if t is not None and t.text:
            out += normalise_token(t.text)
    return out


def _grows(ctx: SlideContext, shape: Shape) -> bool:
    if shape.kind == "graphicFrame":
        return shape.el.find(".//" + A + "tbl") is not None  # table rows grow with their text
    return grows_with_text(ctx, shape)


def _slide_findings(ctx: SlideContext, page: Page) -> list[Finding]:
    deck = ctx.deck
    sx, sy = page.width / deck.width_pt, page.height / deck.height_pt
    pw, ph = deck.width_pt, deck.height_pt
    words = [Word(w.x0 / sx, w.y0 / sy, w.x1 / sx, w.y1 / sy, w.text) for w in page.words]

    text_shapes = [s for s in ctx.shapes if s.kind in ("sp", "graphicFrame") and s.has_text() and not s.hidden]
    regions: list[_Region] = []
    own_region: dict[int, _Region] = {}
    for s in text_shapes:
        if _grows(ctx, s):
            r = _Region(0.0, 0.0, pw, ph, s, "text") if s.kind == "sp" else _Region(s.x, s.y, s.right, ph, s, "text")
        else:
            r = _Region(s.x, s.y, s.right, s.bottom, s, "footer" if s.ph_type in FOOTER_TYPES else "text")
        regions.append(r)
        own_region[id(s)] = r
    for s in ctx.shapes:
        if s.kind in ("pic", "graphicFrame") and id(s) not in own_region:
            regions.append(_Region(s.x, s.y, s.right, s.bottom, s, "other"))
    for s in ctx.layout_shapes + ctx.master_shapes:
        if s.ph_type in FOOTER_TYPES:
            regions.append(_Region(s.x, s.y, s.right, s.bottom, None, "footer"))
        elif not s.is_placeholder and s.has_text():
            regions.append(_Region(s.x, s.y, s.right, s.bottom, None, "other"))

    tokens = {id(s): Counter(normalise_token(s.text())) for s in text_shapes}
    footer_tokens: set[str] = set()
    for s in ctx.shapes + ctx.layout_shapes + ctx.master_shapes:
        if s.ph_type in FOOTER_TYPES or (s.owner != "slide" and not s.is_placeholder):
            footer_tokens.update(normalise_token(s.text()))

    def fine_in_unowned(w: Word, toks: list[str]) -> bool:
        for r in regions:
            if not r.contains(w):
                continue
            if r.kind == "other":
                return True
            if r.kind == "footer" and all(t.isdigit() or t in footer_tokens for t in toks):
                return True
        return False

    stray: dict[int, list[Word]] = {}
    unowned: list[Word] = []
    for w in words:
        toks = normalise_token(w.text)
        if not toks:
            continue  # bullets, dashes
        cands = [s for s in text_shapes if any(t in tokens[id(s)] for t in toks)]
        if any(own_region[id(s)].contains(w) for s in cands):
            continue
        if fine_in_unowned(w, toks):
            continue
        if not cands:
            if any(r.contains(w) for r in regions if r.kind == "text"):
                continue  # e.g. automatic numbering drawn inside a text box
            cands = text_shapes
        if not cands:
            unowned.append(w)
            continue
        owner = min(cands, key=lambda s: own_region[id(s)].distance(w))
        stray.setdefault(id(owner), []).append(w)

    drawn = Counter(t for w in words for t in normalise_token(w.text))
    all_tokens = Counter()
    for s in text_shapes:
        all_tokens.update(set(tokens[id(s)]))
    for s in ctx.layout_shapes + ctx.master_shapes:
        all_tokens.update(set(normalise_token(s.text())))

    out: list[Finding] = []
    n = ctx.number
    for s in text_shapes:
        run_toks = Counter(_run_tokens(s.el))
        unique = {t: c for t, c in run_toks.items() if all_tokens[t] <= 1}
        missing = [t for t, c in unique.items() if drawn[t] < c]
        n_missing = sum(unique[t] - drawn[t] for t in missing)
        lost = n_missing >= max(MISSING_MIN, 0.03 * sum(run_toks.values()))
        ws = stray.get(id(s), [])
        if not ws and not lost:
            continue
        parts = []
        if ws:
            parts.append(_direction(s, ws, pw, ph))
        if lost:
            parts.append(f"at least {n_missing} word{'s' if n_missing > 1 else ''} fall off the page")
        sample = [w.text for w in ws[:6]] or missing[:6]
        more = "…" if (len(ws) if ws else len(missing)) > 6 else ""
        out.append(Finding(n, "error", "overflow-render",
                           f"'{s.name}' text {' and '.join(parts)} (words: {', '.join(sample)}{more})",
                           s.name))
    if unowned:
        sample = ", ".join(w.text for w in unowned[:6])
        out.append(Finding(n, "error", "overflow-render", f"text drawn outside every text box (words: {sample})"))
    return out


def _direction(s: Shape, ws: list[Word], pw: float, ph: float) -> str:
    below = max(w.y1 - s.bottom for w in ws)
    above = max(s.y - w.y0 for w in ws)
    right = max(w.x1 - s.right for w in ws)
    left = max(s.x - w.x0 for w in ws)
    best = max((below, "below"), (right, "right of"), (above, "above"), (left, "left of"))
    off_page = any(w.y1 > ph + TOLERANCE_PT or w.x1 > pw + TOLERANCE_PT or w.x0 < -TOLERANCE_PT
                   or w.y0 < -TOLERANCE_PT for w in ws)
    suffix = ", past the edge of the slide" if off_page else ""
    if best[0] <= 0:
        return f"drawn outside its box{suffix}"
    return f"drawn {best[0]:.0f} pt {best[1]} its box{suffix}"


def rendered_overflows(pptx: Path, pdf: Path) -> list[Finding]:
    """Overflow findings from a PDF that LibreOffice made of `pptx` (one per shape)."""
    prs = open_presentation(Path(pptx))
    deck = Deck(prs)
    pages = pdf_pages(Path(pdf))
    slides = list(enumerate(prs.slides, 1))
    visible = [(n, s) for n, s in slides if s._element.get("show", "1") not in ("0", "false")]
    if len(pages) == len(visible):
        pairs = visible
    elif len(pages) == len(slides):
        pairs = slides
    else:
        raise RenderError(f"the PDF has {len(pages)} pages but the deck has {len(visible)} slides to show",
                          file=pdf)
    out: list[Finding] = []
    for (number, slide), page in zip(pairs, pages):
        out += _slide_findings(SlideContext(deck, slide, number), page)
    return out


def check_rendered(pptx: Path, *, timeout: float = 180) -> list[Finding]:
    """Render `pptx` with LibreOffice in a temporary folder and return its overflow findings."""
    tool_path("pdftotext")
    if soffice_path() is None:
        raise RenderError(INSTALL_SOFFICE, file=pptx)
    with tempfile.TemporaryDirectory(prefix="deckgen-check-") as tmp:
        pdf = render_pdf(Path(pptx), Path(tmp), timeout=timeout)
        return rendered_overflows(Path(pptx), pdf)
