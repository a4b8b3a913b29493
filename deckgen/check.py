"""check: the quality gate a presenter runs before going on stage.

`check_deck` opens ANY .pptx (deckgen's own, pandoc's, PowerPoint's) with python-pptx and reports,
per slide, what will embarrass the speaker: text that does not fit its box, shapes off the slide,
missing or duplicate titles, pictures without alt text, low contrast, small text, empty slides,
missing notes, shrink-to-fit that PowerPoint will not apply, and how long the notes take to say.

Everything here is static: fonts are measured with `deckgen.measure` (real glyph advances; Carlito
stands in for Calibri, Liberation fonts for Arial / Times / Courier when installed). With
``render=True`` the deck is also drawn by LibreOffice and `deckgen.render_check` adds what the real
renderer shows (``overflow-render``).

Severities and decisions (see also `CHECKS`):

* ``overflow`` — error when the measured text needs more than 5 % more room than its box, warning
  when it is over by less (measurement noise is a few per cent). Text boxes with ``spAutoFit``
  ("resize shape to fit text") and no visible fill or outline grow with their text, so for them only
  growing past the slide edge counts; with a fill or outline the stored box is what the audience sees.
* ``autofit-no-scale`` — ``normAutofit`` written on the slide's own shape without ``fontScale``:
  PowerPoint applies the shrink only after someone edits the text, so the file opens overflowing.
  Error when the text does not fit at full size (reported instead of ``overflow``), warning when it
  fits. When the request is only inherited from the layout (pandoc, python-pptx default template),
  a fitting text is fine and a non-fitting one is an ``overflow`` whose message says so.
* ``off-slide`` — error for content (text, pictures, tables, charts) partly or fully outside the
  slide; ``info`` for text-less decorations (lines, blobs) and for pictures covering the whole slide
  or marked decorative that bleed off the edge; ``warning`` for a decoration entirely outside.
  Empty placeholders are never drawn in a show, so they are ignored.
* ``no-title`` — error: no title placeholder, or an empty one (screen readers and the outline view
  need it). ``duplicate-title`` — warning, naming the first slide with that title ("X (suite)" and
  "X (cont.)" differ from "X", so continuation slides pass).
* ``no-alt-text`` — error for a picture with empty ``descr``, or one that is only a file name /
  the shape name / "image" (what tools write by default), unless the picture is marked decorative.
* ``low-contrast`` — error below 4.5:1 (WCAG AA, applied to all sizes: projectors wash colours
  out); warning for footer-like text. Text colour: run / list styles / placeholder chain / shape
  style, as sRGB, scheme (through the colour map), system or preset colour, with
  lumMod/lumOff/tint/shade. Background: the shape's own fill; else the topmost filled shape beneath
  it (slide, layout and master decorations included) that contains it; else the slide / layout /
  master background; else white. Gradients count by their worst stop; shapes count as their
  bounding rectangles. Text over a picture (or on a picture background) is skipped: there is nothing
  reliable to sample. Tables are skipped (their look comes from table styles).
* ``small-text`` — warning for text under 18 pt (after ``fontScale``); ``info`` for footer-like text
  (date / footer / slide-number placeholders, or a short single line in the bottom 12 % of the
  slide), which decks normally set at 10–14 pt.
* ``empty-slide`` — error: no text, picture, table, chart or media (footers and slide numbers do
  not count). ``no-notes`` — warning.
* ``check-failed`` — warning: a slide whose XML the checker could not follow; the others are still
  checked.
* ``timing`` — deck level. A slide whose notes carry deckgen's time cue ("[Temps ≈ 2 min 30 s · …]")
  takes that time; any other slide takes its notes' words at the speaking rate (``--wpm``, else the
  deck metadata's ``wpm``, else 130 for French and 150 for English, the language coming from the
  metadata, ``core_properties.language`` or the notes themselves). The target comes from
  ``--target`` or the metadata's ``target_minutes``. Warning when outside ±25 % of the target,
  info otherwise (and when there is no target).
"""

from __future__ import annotations

import colorsys
import math
import os
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator

from lxml import etree

from .errors import InputError
from .language import detect_language, normalise_lang
from .measure import Para, line_height, longest_line, paragraphs_height, resolve_font_file, text_width
from .textutil import words

EMU_PER_PT = 12700
SEVERITIES = ("error", "warning", "info")
OVER_ERROR = 1.05          # more than 5 % over → error
MIN_CONTRAST = 4.5
MIN_BODY_PT = 18.0
FOOTER_BAND = 0.12         # bottom share of the slide where short lines count as footers
OFF_TOLERANCE_PT = 1.0
TIMING_TOLERANCE = 0.25
DEFAULT_WPM = {"fr": 130.0, "en": 150.0}

CHECKS = {
    "overflow": "text does not fit its box (error > 5 % over, warning up to 5 %)",
    "autofit-no-scale": "normAutofit without fontScale (error when text does not fit at full size, else warning)",
    "off-slide": "shape partly or fully outside the slide (error; info/warning for text-less decoration)",
    "no-title": "slide without a title placeholder or with an empty one (error)",
    "duplicate-title": "same title as an earlier slide (warning)",
    "no-alt-text": "picture without alt text (error)",
    "low-contrast": "text / background contrast under 4.5:1 (error)",
    "small-text": "text under 18 pt (warning; info for footers)",
    "empty-slide": "slide with no text and no picture (error)",
    "no-notes": "slide without speaker notes (warning)",
    "timing": "estimated talk time vs target (warning outside ±25 %, else info)",
    "overflow-render": "LibreOffice draws text outside its box or off the page (error, --render)",
    "check-failed": "a slide whose XML the checker could not follow (warning)",
}

NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
_A = "{%s}" % NS["a"]
_P = "{%s}" % NS["p"]
_DECORATIVE_URI = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"

TITLE_TYPES = {"title", "ctrTitle"}
FOOTER_TYPES = {"dt", "ftr", "sldNum"}
_MASTER_TYPE = {"ctrTitle": "title", "title": "title", "dt": "dt", "ftr": "ftr", "sldNum": "sldNum",
                "hdr": "hdr"}  # every other placeholder type inherits from the master's body


# --------------------------------------------------------------------------------------------
# Public API


@dataclass(frozen=True)
class Finding:
    slide: int | None          # 1-based, None for deck-level
    severity: str              # "error" | "warning" | "info"
    code: str
    message: str               # one line a presenter understands, naming the shape
    shape: str | None = None

    def to_json(self) -> dict:
        return {"slide": self.slide, "severity": self.severity, "code": self.code,
                "message": self.message, "shape": self.shape}

    def line(self) -> str:
        where = f"slide {self.slide}" if self.slide is not None else "deck"
        return f"{where}: {self.severity} {self.code}: {self.message}"


@dataclass(frozen=True)
class CheckReport:
    deck: Path
    slides: int
    findings: tuple[Finding, ...]
    estimated_minutes: float
    target_minutes: float | None
    words_per_minute: float | None = None
    language: str | None = None
    rendered: bool = False

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "error")

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "warning")

    @property
    def ok(self) -> bool:
        return not self.errors

    def to_json(self) -> dict:
        return {
            "deck": str(self.deck),
            "slides": self.slides,
            "ok": self.ok,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "rendered": self.rendered,
            "estimated_minutes": self.estimated_minutes,
            "target_minutes": self.target_minutes,
            "words_per_minute": self.words_per_minute,
            "language": self.language,
            "findings": [f.to_json() for f in self.findings],
        }


def format_report(report: CheckReport, *, verbose: bool = False) -> str:
    """Human text: a summary line, then one finding per line ("slide 4: error overflow: ...").

    Slide-level ``info`` findings (footers at 12 pt, decorations bleeding off the edge) are counted
    on one line unless `verbose`; errors, warnings and deck-level lines are always listed.
    """
    n_err, n_warn = len(report.errors), len(report.warnings)
    target = f" (target {_fmt_min(report.target_minutes)})" if report.target_minutes else ""
    head = (f"{report.deck.name}: {report.slides} slide{'s' if report.slides != 1 else ''}, "
            f"{n_err} error{'s' if n_err != 1 else ''}, {n_warn} warning{'s' if n_warn != 1 else ''}, "
            f"~{_fmt_min(report.estimated_minutes)} of talk{target}"
            + (", rendered with LibreOffice" if report.rendered else ""))
    shown = [f for f in report.findings if verbose or f.severity != "info" or f.slide is None]
    hidden = [f for f in report.findings if f not in shown]
    lines = [head] + [f.line() for f in shown]
    if hidden:
        counts: dict[str, int] = {}
        for f in hidden:
            counts[f.code] = counts.get(f.code, 0) + 1
        lines.append(f"({len(hidden)} info note{'s' if len(hidden) != 1 else ''} not listed: "
                     + ", ".join(f"{n} {c}" for c, n in sorted(counts.items())) + "; see --verbose)")
    return "\n".join(lines)


def check_deck(path: Path, *, render: bool = False, target_minutes: float | None = None,
               words_per_minute: float | None = None) -> CheckReport:
    """Check one .pptx; ``render=True`` also draws it with LibreOffice (needs soffice + pdftotext)."""
    path = Path(path)
    prs = open_presentation(path)
    deck = _Deck(prs)
    findings: list[Finding] = []
    titles: dict[str, int] = {}
    notes_texts: list[str] = []
    for number, slide in enumerate(prs.slides, 1):
        try:
            findings += _check_slide(_SlideContext(deck, slide, number), titles)
        except Exception as exc:  # an odd file must not hide what the other slides say
            findings.append(Finding(number, "warning", "check-failed", f"this slide could not be checked "
                                    f"({type(exc).__name__}: {_short(str(exc), 80)})"))
        notes_texts.append(_notes_text(slide))
    if not len(prs.slides):
        findings.append(Finding(None, "error", "empty-slide", "the deck has no slides"))

    meta = parse_keywords(prs.core_properties.keywords or "")
    lang = (normalise_lang(meta.get("lang")) or normalise_lang(prs.core_properties.language)
            or detect_language(" ".join(notes_texts), default="en"))
    wpm = words_per_minute or _num(meta.get("wpm")) or DEFAULT_WPM.get(lang, 150.0)
    target = target_minutes if target_minutes is not None else _num(meta.get("target_minutes"))
    minutes, n_words, cued = estimate_minutes(notes_texts, wpm)
    timing = _timing_finding(minutes, target, wpm, lang, n_words, cued, len(notes_texts))
    if timing:
        findings.append(timing)

    rendered = False
    if render:
        from .render_check import check_rendered  # lazy: needs LibreOffice, imports this module
        findings += check_rendered(path)
        rendered = True

    return CheckReport(deck=path, slides=len(prs.slides), findings=tuple(_sorted(findings)),
                       estimated_minutes=minutes, target_minutes=target, words_per_minute=wpm,
                       language=lang, rendered=rendered)


def decks_for_input(path: Path) -> list[tuple[Path, float | None]]:
    """The decks named by `path`: a .pptx itself, or those built from an outline / talk.

    Outlines (.yaml/.yml) and talks (a Markdown file or a folder) are built with `deckgen.api.build`
    (imported here, lazily); each deck comes with the target minutes of its level.
    """
    path = Path(path)
    if path.suffix.lower() == ".pptx":
        return [(path, None)]
    if not (path.is_dir() or path.suffix.lower() in (".yaml", ".yml", ".md", ".markdown")):
        raise InputError("expected a .pptx deck, an outline (.yaml) or a talk (Markdown file or folder)",
                         file=path)
    try:
        from .api import build
    except ModuleNotFoundError as exc:
        if exc.name not in ("deckgen.api",):
            raise
        raise InputError("building decks from an outline or a talk needs deckgen.api, which this "
                         "installation lacks; pass a built .pptx deck", file=path) from None
    results = build([path])
    return [(Path(r.deck_path), getattr(r, "target_minutes", None)) for r in results]


def check_input(path: Path, *, render: bool = False, target_minutes: float | None = None,
                words_per_minute: float | None = None) -> list[CheckReport]:
    """Check a .pptx, or every deck built from an outline / talk (``--target`` overrides levels)."""
    return [check_deck(deck, render=render,
                       target_minutes=target_minutes if target_minutes is not None else level_target,
                       words_per_minute=words_per_minute)
            for deck, level_target in decks_for_input(path)]


def open_presentation(path: Path):
    """Open a .pptx with python-pptx; InputError (one line) when it is missing or not a deck."""
    from pptx import Presentation
    path = Path(path)
    if not path.is_file():
        raise InputError("no such file", file=path)
    if not zipfile.is_zipfile(path):
        raise InputError("not a PowerPoint .pptx file (not a zip package)", file=path)
    try:
        return Presentation(str(path))
    except Exception as exc:  # python-pptx raises KeyError, PackageNotFoundError, XMLSyntaxError...
        raise InputError(f"not a readable PowerPoint .pptx file ({type(exc).__name__}: {exc})",
                         file=path) from exc


def parse_keywords(keywords: str) -> dict[str, str]:
    """Lenient parse of ``"deckgen; level=expert; target_minutes=45; lang=fr; wpm=130"``."""
    out: dict[str, str] = {}
    for part in re.split(r"[;,\n]", keywords or ""):
        m = re.match(r"\s*([A-Za-z_][\w\- ]*?)\s*[=:]\s*(.+?)\s*$", part)
        if not m:
            continue
        key = m.group(1).strip().lower().replace("-", "_").replace(" ", "_")
        key = {"target": "target_minutes", "minutes": "target_minutes", "duration": "target_minutes",
               "language": "lang", "words_per_minute": "wpm"}.get(key, key)
        out[key] = m.group(2)
    return out


# --------------------------------------------------------------------------------------------
# Small helpers


def _num(value: Any) -> float | None:
    if value is None:
        return None
    m = re.search(r"\d+(?:[.,]\d+)?", str(value))
    if not m:
        return None
    v = float(m.group(0).replace(",", "."))
    return v if v > 0 else None


def _fmt_min(minutes: float | None) -> str:
    if minutes is None:
        return "?"
    return f"{minutes:.0f} min" if minutes >= 10 else f"{minutes:.1f} min"


_RANK = {s: i for i, s in enumerate(SEVERITIES)}


def _sorted(findings: list[Finding]) -> list[Finding]:
    def key(f: Finding):
        return (f.slide is None, f.slide or 0, _RANK.get(f.severity, 9), f.code, f.shape or "")
    return sorted(findings, key=key)


def _attr_int(el, name: str) -> int | None:
    if el is None:
        return None
    v = el.get(name)
    if v is None:
        return None
    try:
        return int(v)
    except ValueError:
        return None


def _pct(value: str | None, default):
    """An OOXML percentage: "62500" (thousandths of a percent) or "62.5%" (strict files)."""
    if value is None:
        return default
    try:
        v = value.strip()
        return float(v[:-1]) / 100 if v.endswith("%") else int(v) / 100000
    except ValueError:
        return default


def _short(text: str, n: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


# --------------------------------------------------------------------------------------------
# Colours


Rgb = tuple[float, float, float]  # 0..1

_PRESET = {"black": "000000", "white": "FFFFFF", "red": "FF0000", "green": "008000", "blue": "0000FF",
           "yellow": "FFFF00", "gray": "808080", "grey": "808080", "darkGray": "A9A9A9",
           "lightGray": "D3D3D3", "orange": "FFA500", "purple": "800080", "navy": "000080"}
_COLOR_TAGS = {_A + t for t in ("srgbClr", "schemeClr", "sysClr", "prstClr", "scrgbClr", "hslClr")}


def _hex(rgb: Rgb) -> str:
    return "#" + "".join(f"{round(max(0, min(1, c)) * 255):02X}" for c in rgb)


def _parse_hex(value: str) -> Rgb | None:
    value = (value or "").strip().lstrip("#")
    if not re.fullmatch(r"[0-9A-Fa-f]{6}", value):
        return None
    return tuple(int(value[i:i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


def _luminance(rgb: Rgb) -> float:
    def lin(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (lin(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: Rgb, b: Rgb) -> float:
    la, lb = _luminance(a), _luminance(b)
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)


class _Palette:
    """Resolves DrawingML colour elements through a colour map and the theme's colour scheme."""

    def __init__(self, scheme: dict[str, Rgb], clr_map: dict[str, str]):
        self.scheme = scheme
        self.clr_map = clr_map

    def color(self, el, ph: Rgb | None = None) -> Rgb | None:
        """`el` is a colour element (srgbClr...) or an element holding one (solidFill, fontRef...)."""
        if el is None:
            return None
        if el.tag not in _COLOR_TAGS:
            el = next((c for c in el if c.tag in _COLOR_TAGS), None)
            if el is None:
                return None
        tag = etree.QName(el).localname
        rgb: Rgb | None = None
        if tag == "srgbClr":
            rgb = _parse_hex(el.get("val", ""))
        elif tag == "sysClr":
            rgb = _parse_hex(el.get("lastClr", "")) or (
                (1.0, 1.0, 1.0) if el.get("val") == "window" else (0.0, 0.0, 0.0))
        elif tag == "prstClr":
            rgb = _parse_hex(_PRESET.get(el.get("val", ""), ""))
        elif tag == "scrgbClr":
            def g(v: str) -> float:
                c = _pct(el.get(v), 0.0)
                return 12.92 * c if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055
            rgb = (g("r"), g("g"), g("b"))
        elif tag == "hslClr":
            h = int(el.get("hue", "0")) / 60000 / 360
            rgb = colorsys.hls_to_rgb(h, _pct(el.get("lum"), 0.0), _pct(el.get("sat"), 0.0))
        elif tag == "schemeClr":
            name = el.get("val", "")
            if name == "phClr":
                rgb = ph
            else:
                name = self.clr_map.get(name, name)
                rgb = self.scheme.get(name)
        if rgb is None:
            return None
        return _apply_mods(rgb, el)


def _apply_mods(rgb: Rgb, el) -> Rgb:
    r, g, b = rgb
    for mod in el:
        name = etree.QName(mod).localname
        v = _pct(mod.get("val"), None)
        if v is None:
            continue
        if name in ("lumMod", "lumOff"):
            h, lum, s = colorsys.rgb_to_hls(r, g, b)
            lum = lum * v if name == "lumMod" else lum + v
            r, g, b = colorsys.hls_to_rgb(h, max(0.0, min(1.0, lum)), s)
        elif name == "tint":
            r, g, b = (c + (1 - c) * (1 - v) for c in (r, g, b))
        elif name == "shade":
            r, g, b = (c * v for c in (r, g, b))
        elif name == "inv":
            r, g, b = 1 - r, 1 - g, 1 - b
        elif name == "gray":
            y = 0.299 * r + 0.587 * g + 0.114 * b
            r = g = b = y
    return (max(0.0, min(1.0, r)), max(0.0, min(1.0, g)), max(0.0, min(1.0, b)))


@dataclass(frozen=True)
class Fill:
    """What is painted behind text: solid colours (gradient stops), a picture, or nothing."""

    kind: str                   # "none" | "solid" | "picture" | "unknown"
    colors: tuple[Rgb, ...] = ()


_NO_FILL = Fill("none")


# --------------------------------------------------------------------------------------------
# Fonts


_FONT_FILES = {
    # typeface (lower case) → (regular, bold) file names; Carlito is bundled with deckgen
    "calibri": ("Carlito-Regular.ttf", "Carlito-Bold.ttf"),
    "carlito": ("Carlito-Regular.ttf", "Carlito-Bold.ttf"),
    "calibri light": ("Carlito-Regular.ttf", "Carlito-Bold.ttf"),
    "arial": ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"),
    "helvetica": ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"),
    "liberation sans": ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"),
    "arimo": ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"),
    "times new roman": ("LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf"),
    "times": ("LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf"),
    "liberation serif": ("LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf"),
    "courier new": ("LiberationMono-Regular.ttf", "LiberationMono-Bold.ttf"),
    "courier": ("LiberationMono-Regular.ttf", "LiberationMono-Bold.ttf"),
    "liberation mono": ("LiberationMono-Regular.ttf", "LiberationMono-Bold.ttf"),
    "consolas": ("LiberationMono-Regular.ttf", "LiberationMono-Bold.ttf"),
    "cambria": ("Caladea-Regular.ttf", "Caladea-Bold.ttf"),
    "caladea": ("Caladea-Regular.ttf", "Caladea-Bold.ttf"),
    "dejavu sans": ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
}
_FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.local/share/fonts", "~/.fonts",
              "/Library/Fonts", "/System/Library/Fonts", "C:/Windows/Fonts")


@lru_cache(maxsize=1)
def _system_fonts() -> dict[str, str]:
    index: dict[str, str] = {}
    for d in _FONT_DIRS:
        root = Path(os.path.expanduser(d))
        if not root.is_dir():
            continue
        for dirpath, _dirs, files in os.walk(root):
            for f in files:
                if f.lower().endswith((".ttf", ".otf")):
                    index.setdefault(f.lower(), os.path.join(dirpath, f))
    return index


@lru_cache(maxsize=256)
def font_file(typeface: str | None, bold: bool = False) -> str:
    """The font file used to measure `typeface`: a metric-compatible one when known, else Carlito."""
    name = (typeface or "").strip().lower()
    candidates: list[str] = []
    if name in _FONT_FILES:
        candidates.append(_FONT_FILES[name][1 if bold else 0])
    elif name:
        flat = name.replace(" ", "")
        style = "Bold" if bold else "Regular"
        candidates += [f"{flat}-{style}.ttf", f"{flat}-{style}.otf"] + ([f"{flat}.ttf"] if not bold else [])
    for cand in candidates:
        if cand.startswith("Carlito"):
            break
        hit = _system_fonts().get(cand.lower())
        if hit:
            return hit
    return str(resolve_font_file("Carlito-Bold.ttf" if bold else "Carlito-Regular.ttf"))


# --------------------------------------------------------------------------------------------
# Deck-wide context: theme, text styles


class _Deck:
    def __init__(self, prs) -> None:
        self.prs = prs
        self.width_pt = (prs.slide_width or 9144000) / EMU_PER_PT
        self.height_pt = (prs.slide_height or 6858000) / EMU_PER_PT
        root = prs.part._element
        dts = root.find(_P + "defaultTextStyle")
        self.default_text_style = dts
        self._themes: dict[int, tuple[dict[str, Rgb], dict[str, str], etree._Element | None]] = {}

    def theme(self, master) -> tuple[dict[str, Rgb], dict[str, str], Any]:
        """(colour scheme, {"major": typeface, "minor": typeface}, fmtScheme element) of a master."""
        key = id(master.part)
        if key in self._themes:
            return self._themes[key]
        from pptx.opc.constants import RELATIONSHIP_TYPE as RT
        scheme: dict[str, Rgb] = {}
        fonts: dict[str, str] = {}
        fmt = None
        try:
            theme_el = etree.fromstring(master.part.part_related_by(RT.THEME).blob)
        except Exception:
            theme_el = None
        if theme_el is not None:
            cs = theme_el.find(".//a:clrScheme", NS)
            if cs is not None:
                tmp = _Palette({}, {})
                for child in cs:
                    rgb = tmp.color(child)
                    if rgb is not None:
                        scheme[etree.QName(child).localname] = rgb
            for kind in ("major", "minor"):
                latin = theme_el.find(f".//a:fontScheme/a:{kind}Font/a:latin", NS)
                if latin is not None and latin.get("typeface"):
                    fonts[kind] = latin.get("typeface")
            fmt = theme_el.find(".//a:fmtScheme", NS)
        self._themes[key] = (scheme, fonts, fmt)
        return self._themes[key]


def _clr_map(slide, layout, master) -> dict[str, str]:
    for part in (slide, layout):
        ovr = part._element.find(_P + "clrMapOvr")
        if ovr is not None:
            o = ovr.find(_A + "overrideClrMapping")
            if o is not None:
                return dict(o.attrib)
    cm = master._element.find(_P + "clrMap")
    base = {"bg1": "lt1", "tx1": "dk1", "bg2": "lt2", "tx2": "dk2"}
    if cm is not None:
        base.update(cm.attrib)
    return base


# --------------------------------------------------------------------------------------------
# Shapes flattened with absolute boxes


@dataclass
class _Shape:
    el: Any                     # lxml element (p:sp, p:pic, p:graphicFrame, p:cxnSp, p:grpSp)
    name: str
    kind: str                   # "sp" | "pic" | "graphicFrame" | "cxnSp"
    x: float
    y: float
    w: float
    h: float
    owner: str = "slide"        # "slide" | "layout" | "master"
    ph_type: str | None = None
    ph_idx: int | None = None
    ph_base: list = field(default_factory=list)   # layout / master placeholder elements it inherits from

    @property
    def is_placeholder(self) -> bool:
        return self.ph_type is not None

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    def txbody(self):
        return self.el.find(_P + "txBody")

    def text(self) -> str:
        return shape_text(self.el)

    def has_text(self) -> bool:
        return bool(self.text().strip())


def shape_text(el) -> str:
    """Visible text of a shape or graphic frame (tables included), paragraphs joined by newlines."""
    paras = []
    for p in el.iter(_A + "p"):
        paras.append(_para_text(p))
    return "\n".join(paras)


def _para_text(p) -> str:
    out = []
    for child in p:
        tag = child.tag
        if tag in (_A + "r", _A + "fld"):
            t = child.find(_A + "t")
            if t is not None and t.text:
                out.append(t.text)
        elif tag == _A + "br":
            out.append("\n")
    return "".join(out)


def _xfrm_box(el) -> tuple[float, float, float, float, float] | None:
    """(x, y, w, h, rotation°) of an element's own xfrm, in EMU, or None when it has none."""
    tag = etree.QName(el).localname
    if tag == "graphicFrame":
        xfrm = el.find(_P + "xfrm")
    elif tag == "grpSp":
        xfrm = el.find(_P + "grpSpPr/" + _A + "xfrm")
    else:
        xfrm = el.find(_P + "spPr/" + _A + "xfrm")
    if xfrm is None:
        return None
    off, ext = xfrm.find(_A + "off"), xfrm.find(_A + "ext")
    if off is None or ext is None:
        return None
    rot = (_attr_int(xfrm, "rot") or 0) / 60000
    return (int(off.get("x", 0)), int(off.get("y", 0)), int(ext.get("cx", 0)), int(ext.get("cy", 0)), rot)


def _ph_info(el) -> tuple[str | None, int | None]:
    ph = el.find(".//" + _P + "nvPr/" + _P + "ph")
    if ph is None:
        return None, None
    return ph.get("type", "obj"), _attr_int(ph, "idx") or 0


def _name(el) -> str:
    c = el.find(".//" + _P + "cNvPr")
    if c is None:
        return "shape"
    return c.get("name") or f"shape {c.get('id', '?')}"


def _rotated_bbox(x: float, y: float, w: float, h: float, rot: float) -> tuple[float, float, float, float]:
    rot = rot % 180
    if abs(rot) < 0.01:
        return x, y, w, h
    a = math.radians(rot)
    bw = abs(w * math.cos(a)) + abs(h * math.sin(a))
    bh = abs(w * math.sin(a)) + abs(h * math.cos(a))
    cx, cy = x + w / 2, y + h / 2
    return cx - bw / 2, cy - bh / 2, bw, bh


def _find_ph(tree_el, ph_type: str | None, ph_idx: int | None, *, by_idx: bool):
    """A placeholder element in a layout / master shape tree matching idx (layouts) or type (masters)."""
    if tree_el is None:
        return None
    want = _MASTER_TYPE.get(ph_type or "", "body")
    by_type = None
    for sp in tree_el.iter(_P + "sp"):
        t, i = _ph_info(sp)
        if t is None:
            continue
        if by_idx and ph_idx and i == ph_idx:
            return sp
        if by_idx and t == ph_type:
            by_type = by_type if by_type is not None else sp
        if not by_idx and _MASTER_TYPE.get(t, "body") == want:
            return sp
    if by_idx and by_type is None and ph_type in TITLE_TYPES:
        for sp in tree_el.iter(_P + "sp"):
            t, _ = _ph_info(sp)
            if t in TITLE_TYPES:
                return sp
    return by_type


def iter_shapes(tree, *, owner: str = "slide", layout_tree=None, master_tree=None) -> Iterator[_Shape]:
    """All drawable shapes of a shape tree, groups flattened, boxes in absolute points."""

    def walk(parent, transform):
        sx, sy, ox, oy = transform
        for el in parent:
            tag = etree.QName(el).localname
            if tag not in ("sp", "pic", "graphicFrame", "cxnSp", "grpSp", "contentPart"):
                continue
            box = _xfrm_box(el)
            ph_type, ph_idx = _ph_info(el) if tag in ("sp", "pic", "graphicFrame") else (None, None)
            bases = []
            if ph_type is not None and owner in ("slide", "layout"):
                lay = _find_ph(layout_tree, ph_type, ph_idx, by_idx=True) if owner == "slide" else None
                if lay is not None:
                    bases.append(lay)
                mas = _find_ph(master_tree, ph_type, ph_idx, by_idx=False)
                if mas is not None:
                    bases.append(mas)
            if box is None:
                for base in bases:
                    box = _xfrm_box(base)
                    if box is not None:
                        break
            if tag == "grpSp":
                xfrm = el.find(_P + "grpSpPr/" + _A + "xfrm")
                ch_off = xfrm.find(_A + "chOff") if xfrm is not None else None
                ch_ext = xfrm.find(_A + "chExt") if xfrm is not None else None
                if box is None or ch_off is None or ch_ext is None:
                    child_t = transform
                else:
                    gx, gy, gw, gh, _ = box
                    cw, chh = int(ch_ext.get("cx", 0)) or gw or 1, int(ch_ext.get("cy", 0)) or gh or 1
                    csx, csy = (gw / cw if cw else 1.0), (gh / chh if chh else 1.0)
                    # child EMU → group EMU: gx + (c - chOff) * csx; then apply the parent transform
                    nsx, nsy = sx * csx, sy * csy
                    nox = ox + sx * (gx - int(ch_off.get("x", 0)) * csx)
                    noy = oy + sy * (gy - int(ch_off.get("y", 0)) * csy)
                    child_t = (nsx, nsy, nox, noy)
                yield from walk(el, child_t)
                continue
            if box is None:
                continue
            x, y, w, h, rot = box
            ax, ay = ox + sx * x, oy + sy * y
            aw, ah = sx * w, sy * h
            bx, by, bw, bh = _rotated_bbox(ax / EMU_PER_PT, ay / EMU_PER_PT, aw / EMU_PER_PT, ah / EMU_PER_PT, rot)
            yield _Shape(el=el, name=_name(el), kind=tag, x=bx, y=by, w=bw, h=bh, owner=owner,
                         ph_type=ph_type, ph_idx=ph_idx, ph_base=bases)

    sp_tree = tree.find(_P + "cSld/" + _P + "spTree") if tree is not None else None
    if sp_tree is None:
        return
    yield from walk(sp_tree, (1.0, 1.0, 0.0, 0.0))


# --------------------------------------------------------------------------------------------
# Per-slide context: inheritance of text properties, fills, background


@dataclass
class _Run:
    text: str
    size: float
    bold: bool
    typeface: str | None
    color: Rgb | None


@dataclass
class _Paragraph:
    runs: list[_Run]
    level: int
    size: float                 # largest run size (or end-of-paragraph size when empty)
    bold: bool
    typeface: str | None
    indent_pt: float
    spacing: float              # proportional line spacing (1.0 = single)
    spacing_pts: float | None   # exact line spacing in points, when given
    before_pt: float
    after_pt: float

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


class _SlideContext:
    def __init__(self, deck: _Deck, slide, number: int) -> None:
        self.deck = deck
        self.slide = slide
        self.number = number
        self.layout = slide.slide_layout
        self.master = self.layout.slide_master
        scheme, fonts, fmt = deck.theme(self.master)
        self.palette = _Palette(scheme, _clr_map(slide, self.layout, self.master))
        self.theme_fonts = fonts
        self.fmt_scheme = fmt
        lay_el, mas_el = self.layout._element, self.master._element
        self.shapes = list(iter_shapes(slide._element, owner="slide", layout_tree=lay_el, master_tree=mas_el))
        self.layout_shapes = list(iter_shapes(lay_el, owner="layout", master_tree=mas_el))
        self.master_shapes = list(iter_shapes(mas_el, owner="master"))
        show_master = (slide._element.get("showMasterSp", "1") not in ("0", "false")
                       and lay_el.get("showMasterSp", "1") not in ("0", "false"))
        deco = [s for s in self.master_shapes if not s.is_placeholder] if show_master else []
        deco += [s for s in self.layout_shapes if not s.is_placeholder]
        self.underlay = deco   # drawn beneath every slide shape
        txstyles = mas_el.find(_P + "txStyles")
        self.txstyles = txstyles

    # ---- text property chains

    def _lvl_chain(self, shape: _Shape, level: int) -> list[tuple[str, Any]]:
        """(source, a:lvlNpPr) from the most to the least specific; source "own" is the shape itself."""
        tag = f"lvl{level + 1}pPr"
        chain: list[tuple[str, Any]] = []
        for i, src in enumerate([shape.el] + list(shape.ph_base)):
            lst = src.find(_P + "txBody/" + _A + "lstStyle")
            if lst is not None:
                el = lst.find(_A + tag)
                if el is not None:
                    chain.append(("own" if i == 0 else "base", el))
        if shape.is_placeholder and self.txstyles is not None:
            t = shape.ph_type
            style = ("titleStyle" if t in TITLE_TYPES else
                     "otherStyle" if t in FOOTER_TYPES else "bodyStyle")
            st = self.txstyles.find(_P + style)
            if st is not None:
                el = st.find(_A + tag)
                if el is not None:
                    chain.append(("master", el))
        dts = self.deck.default_text_style
        if dts is not None:
            for t in (tag, "defPPr"):
                el = dts.find(_A + t)
                if el is not None:
                    chain.append(("deck", el))
        return chain

    def _style_font_ref(self, shape: _Shape):
        return shape.el.find(_P + "style/" + _A + "fontRef")

    def paragraphs(self, shape: _Shape, txbody=None) -> list[_Paragraph]:
        txbody = txbody if txbody is not None else shape.txbody()
        if txbody is None:
            return []
        is_title = shape.ph_type in TITLE_TYPES
        default_size = 44.0 if is_title else 18.0
        font_ref = self._style_font_ref(shape)
        out: list[_Paragraph] = []
        for p in txbody.findall(_A + "p"):
            ppr = p.find(_A + "pPr")
            level = _attr_int(ppr, "lvl") or 0
            chain = self._lvl_chain(shape, level)
            pchain = ([ppr] if ppr is not None else []) + [el for _, el in chain]
            sdefs = [(src, el.find(_A + "defRPr")) for src, el in chain]
            sdefs = [(src, d) for src, d in sdefs if d is not None]
            defs = [d for _, d in sdefs]

            def rprop(rpr, attr):
                for el in ([rpr] if rpr is not None else []) + defs:
                    v = el.get(attr)
                    if v is not None:
                        return v
                return None

            def rcolor(rpr) -> Rgb | None:
                own = ([rpr] if rpr is not None else []) + [d for src, d in sdefs if src == "own"]
                rest = [d for src, d in sdefs if src != "own"]
                for el in own:
                    fill = el.find(_A + "solidFill")
                    if fill is not None:
                        return self.palette.color(fill)
                if font_ref is not None and not shape.is_placeholder:
                    c = self.palette.color(font_ref)
                    if c is not None:
                        return c
                for el in rest:
                    fill = el.find(_A + "solidFill")
                    if fill is not None:
                        return self.palette.color(fill)
                return self.palette.scheme.get(self.palette.clr_map.get("tx1", "dk1"), (0.0, 0.0, 0.0))

            def rface(rpr) -> str | None:
                for el in ([rpr] if rpr is not None else []) + defs:
                    latin = el.find(_A + "latin")
                    if latin is not None and latin.get("typeface"):
                        return self._typeface(latin.get("typeface"))
                if font_ref is not None and font_ref.get("idx") in ("major", "minor"):
                    return self.theme_fonts.get(font_ref.get("idx"))
                return self.theme_fonts.get("major" if is_title else "minor")

            runs: list[_Run] = []
            for child in p:
                if child.tag not in (_A + "r", _A + "fld", _A + "br"):
                    continue
                rpr = child.find(_A + "rPr")
                if child.tag == _A + "br":
                    text = "\n"
                else:
                    t = child.find(_A + "t")
                    text = t.text if t is not None and t.text else ""
                sz = rprop(rpr, "sz")
                size = int(sz) / 100 if sz and sz.isdigit() else default_size
                bold = rprop(rpr, "b") in ("1", "true")
                runs.append(_Run(text, size, bold, rface(rpr), rcolor(rpr) if text.strip() else None))
            end = p.find(_A + "endParaRPr")
            end_sz = rprop(end, "sz")
            end_size = int(end_sz) / 100 if end_sz and end_sz.isdigit() else default_size
            visible = [r for r in runs if r.text.strip()]
            size = max((r.size for r in runs if r.text), default=end_size)
            nbold = sum(len(r.text) for r in visible if r.bold)
            bold = nbold * 2 > sum(len(r.text) for r in visible) if visible else False
            face = visible[0].typeface if visible else rface(end)

            def pval(attr):
                for el in pchain:
                    v = el.get(attr)
                    if v is not None:
                        return v
                return None

            def pspace(tag) -> tuple[str, float] | None:
                for el in pchain:
                    sp = el.find(_A + tag)
                    if sp is not None:
                        pct, pts = sp.find(_A + "spcPct"), sp.find(_A + "spcPts")
                        if pct is not None:
                            return "pct", _pct(pct.get("val"), 1.0)
                        if pts is not None:
                            return "pts", int(pts.get("val", "0")) / 100
                return None

            mar = pval("marL")
            indent_pt = int(mar) / EMU_PER_PT if mar and mar.lstrip("-").isdigit() else 0.0
            ln = pspace("lnSpc")
            spacing, spacing_pts = 1.0, None
            if ln and ln[0] == "pct":
                spacing = ln[1] if ln[1] > 0 else 1.0
            elif ln:
                spacing_pts = ln[1]
            bef, aft = pspace("spcBef"), pspace("spcAft")
            before = (bef[1] * size * 1.2 if bef[0] == "pct" else bef[1]) if bef else 0.0
            after = (aft[1] * size * 1.2 if aft[0] == "pct" else aft[1]) if aft else 0.0
            out.append(_Paragraph(runs, level, size, bold, face, max(0.0, indent_pt), spacing,
                                  spacing_pts, before, after))
        return out

    def _typeface(self, face: str) -> str:
        if face.startswith("+mj"):
            return self.theme_fonts.get("major", "Calibri")
        if face.startswith("+mn"):
            return self.theme_fonts.get("minor", "Calibri")
        return face

    def body_pr_chain(self, shape: _Shape) -> list:
        out = []
        for src in [shape.el] + list(shape.ph_base):
            bp = src.find(_P + "txBody/" + _A + "bodyPr")
            if bp is not None:
                out.append(bp)
        return out

    # ---- fills and background

    def _style_fill(self, ref, lst_name: str) -> Fill:
        idx = _attr_int(ref, "idx") or 0
        if idx == 0 or self.fmt_scheme is None:
            return _NO_FILL if idx == 0 else Fill("solid", tuple(c for c in [self.palette.color(ref)] if c))
        if idx >= 1000:
            idx -= 1000
            lst_name = "bgFillStyleLst"
        lst = self.fmt_scheme.find(_A + lst_name)
        styles = list(lst) if lst is not None else []
        ph = self.palette.color(ref)
        if not 1 <= idx <= len(styles):
            return Fill("solid", (ph,)) if ph else Fill("unknown")
        return self._fill_from(styles[idx - 1], ph) or Fill("unknown")

    def _fill_from(self, el, ph: Rgb | None = None) -> Fill | None:
        """Fill described by a fill element (solidFill, gradFill...), None when `el` is no fill element."""
        tag = etree.QName(el).localname
        if tag == "noFill":
            return _NO_FILL
        if tag == "solidFill":
            c = self.palette.color(el, ph)
            return Fill("solid", (c,)) if c else Fill("unknown")
        if tag == "gradFill":
            cols = [self.palette.color(gs, ph) for gs in el.iter(_A + "gs")]
            cols = [c for c in cols if c]
            return Fill("solid", tuple(cols)) if cols else Fill("unknown")
        if tag == "pattFill":
            cols = [self.palette.color(el.find(_A + t), ph) for t in ("fgClr", "bgClr")]
            cols = [c for c in cols if c]
            return Fill("solid", tuple(cols)) if cols else Fill("unknown")
        if tag == "blipFill":
            return Fill("picture")
        if tag == "grpFill":
            return Fill("unknown")
        return None

    def shape_fill(self, shape: _Shape) -> Fill:
        if shape.kind == "pic":
            return Fill("picture")
        if shape.kind != "sp":
            return Fill("unknown") if shape.kind == "graphicFrame" else _NO_FILL
        for src in [shape.el] + list(shape.ph_base):
            sppr = src.find(_P + "spPr")
            if sppr is not None:
                for child in sppr:
                    f = self._fill_from(child)
                    if f is not None:
                        return f
            ref = src.find(_P + "style/" + _A + "fillRef")
            if ref is not None:
                return self._style_fill(ref, "fillStyleLst")
        return _NO_FILL

    def has_outline(self, shape: _Shape) -> bool:
        ln = shape.el.find(_P + "spPr/" + _A + "ln")
        if ln is not None:
            if ln.find(_A + "noFill") is not None:
                return False
            if ln.find(_A + "solidFill") is not None or ln.find(_A + "gradFill") is not None:
                return True
        ref = shape.el.find(_P + "style/" + _A + "lnRef")
        return ref is not None and (_attr_int(ref, "idx") or 0) > 0

    def slide_background(self) -> Fill:
        for part in (self.slide, self.layout, self.master):
            bg = part._element.find(_P + "cSld/" + _P + "bg")
            if bg is None:
                continue
            bgpr = bg.find(_P + "bgPr")
            if bgpr is not None:
                for child in bgpr:
                    f = self._fill_from(child)
                    if f is not None:
                        return f if f.kind != "none" else Fill("solid", ((1.0, 1.0, 1.0),))
            ref = bg.find(_P + "bgRef")
            if ref is not None:
                return self._style_fill(ref, "bgFillStyleLst")
        return Fill("solid", ((1.0, 1.0, 1.0),))

    def background_behind(self, shape: _Shape) -> Fill:
        """What is painted behind `shape`'s text (see module docstring)."""
        own = self.shape_fill(shape)
        if own.kind != "none":
            return own
        try:
            pos = next(i for i, s in enumerate(self.shapes) if s is shape)
            below = self.underlay + self.shapes[:pos]
        except StopIteration:
            below = list(self.underlay)
        for other in reversed(below):
            if _overlap(other, shape) <= 0.0:
                continue
            fill = self.shape_fill(other)
            if fill.kind == "picture" and _overlap(other, shape) > 0.1:
                return fill
            if fill.kind in ("solid", "unknown") and _contains(other, shape):
                return fill
        return self.slide_background()


def _overlap(a: _Shape, b: _Shape) -> float:
    """Share of b's area covered by a."""
    w = min(a.right, b.right) - max(a.x, b.x)
    h = min(a.bottom, b.bottom) - max(a.y, b.y)
    if w <= 0 or h <= 0 or b.w <= 0 or b.h <= 0:
        return 0.0
    return (w * h) / (b.w * b.h)


def _contains(a: _Shape, b: _Shape, tol: float = 1.0) -> bool:
    return a.x - tol <= b.x and a.y - tol <= b.y and a.right + tol >= b.right and a.bottom + tol >= b.bottom


# --------------------------------------------------------------------------------------------
# Text fit


@dataclass(frozen=True)
class Fit:
    needed_h: float
    avail_h: float
    needed_w: float
    avail_w: float
    autofit: str | None         # "norm" | "shape" | "none" | None
    autofit_explicit: bool
    font_scale: float
    has_scale: bool

    @property
    def ratio(self) -> float:
        rh = self.needed_h / self.avail_h if self.avail_h > 0 else (math.inf if self.needed_h > 0 else 0)
        rw = self.needed_w / self.avail_w if self.avail_w > 0 else (math.inf if self.needed_w > 0 else 0)
        return max(rh, rw)


def measure_fit(ctx: _SlideContext, shape: _Shape, *, full_size: bool = False) -> Fit | None:
    """How much room the text of `shape` needs vs what its box offers, in points."""
    chain = ctx.body_pr_chain(shape)

    def battr(name: str):
        for bp in chain:
            v = bp.get(name)
            if v is not None:
                return v
        return None

    vert = battr("vert") or "horz"
    if vert not in ("horz",):
        return None
    ins = {}
    for key, default in (("lIns", 91440), ("rIns", 91440), ("tIns", 45720), ("bIns", 45720)):
        v = battr(key)
        ins[key] = (int(v) if v and v.lstrip("-").isdigit() else default) / EMU_PER_PT
    wrap = battr("wrap") or "square"
    cols = max(1, int(battr("numCol") or 1)) if (battr("numCol") or "1").isdigit() else 1
    autofit, explicit, scale, reduction, has_scale = None, False, 1.0, 0.0, False
    for i, bp in enumerate(chain):
        norm, sp_auto, no_auto = bp.find(_A + "normAutofit"), bp.find(_A + "spAutoFit"), bp.find(_A + "noAutofit")
        if norm is not None:
            autofit, explicit = "norm", i == 0
            if norm.get("fontScale") is not None:
                has_scale = True
                scale = _pct(norm.get("fontScale"), 1.0) or 1.0
            reduction = _pct(norm.get("lnSpcReduction"), 0.0)
            break
        if sp_auto is not None:
            autofit, explicit = "shape", i == 0
            break
        if no_auto is not None:
            autofit, explicit = "none", i == 0
            break
    if full_size:
        scale, reduction = 1.0, 0.0
    paras = ctx.paragraphs(shape)
    if not any(p.text.strip() for p in paras):
        return None
    avail_w = shape.w - ins["lIns"] - ins["rIns"]
    avail_h = shape.h - ins["tIns"] - ins["bIns"]
    if cols > 1:
        avail_w, avail_h = avail_w / cols, avail_h * cols
    total_h, widest = 0.0, 0.0
    for i, p in enumerate(paras):
        size = p.size * scale
        ff = font_file(p.typeface, p.bold)
        if p.spacing_pts is not None:
            spacing = max(0.1, p.spacing_pts * scale / max(0.1, line_height(ff, size)))
        else:
            spacing = max(0.1, p.spacing - reduction)
        before = 0.0 if i == 0 else p.before_pt * scale
        after = 0.0 if i == len(paras) - 1 else p.after_pt * scale
        text = p.text
        if wrap == "none":
            lines = text.split("\n") or [""]
            n = len(lines)
            widest = max(widest, p.indent_pt + max(text_width(line, ff, size) for line in lines))
            total_h += n * line_height(ff, size, spacing) + before + after
            continue
        para = Para(text if text.strip() else "", size, p.indent_pt, before, after, spacing)
        total_h += paragraphs_height([para], ff, max(1.0, avail_w))
        widest = max(widest, longest_line([para], ff, max(1.0, avail_w)))
    return Fit(needed_h=total_h, avail_h=avail_h, needed_w=widest, avail_w=avail_w,
               autofit=autofit, autofit_explicit=explicit, font_scale=scale, has_scale=has_scale)


# --------------------------------------------------------------------------------------------
# The checks


def _label(shape: _Shape) -> str:
    return f"'{shape.name}'"


def _is_decorative(el) -> bool:
    for ext in el.iter(_A + "ext"):
        if ext.get("uri") == _DECORATIVE_URI:
            for child in ext:
                if child.get("val") in ("1", "true"):
                    return True
    return False


_FILE_ALT = re.compile(r"^[\w\-. ()]+\.(png|jpe?g|gif|bmp|svg|emf|wmf|tiff?|webp|heic)$", re.I)
_GENERIC_ALT = {"image", "picture", "photo", "img", "graphic", "figure", "logo"}


def _meaningless_alt(descr: str, name: str) -> bool:
    """Alt text that tools write by default: a file name, the shape name or a bare "image"."""
    d = descr.strip()
    return bool(_FILE_ALT.match(d)) or d.casefold() == name.casefold() or d.casefold() in _GENERIC_ALT


def _is_footer_like(ctx: _SlideContext, shape: _Shape, paras: list[_Paragraph]) -> bool:
    if shape.ph_type in FOOTER_TYPES:
        return True
    text = "\n".join(p.text for p in paras).strip()
    band = ctx.deck.height_pt * (1 - FOOTER_BAND)
    return shape.y >= band - 1 and "\n" not in text and len(text) <= 120


def _check_slide(ctx: _SlideContext, titles: dict[str, int]) -> list[Finding]:
    n = ctx.number
    out: list[Finding] = []
    W, H = ctx.deck.width_pt, ctx.deck.height_pt

    def add(sev: str, code: str, msg: str, shape: _Shape | None = None) -> None:
        out.append(Finding(n, sev, code, msg, shape.name if shape else None))

    # ---- title
    title_shape = next((s for s in ctx.shapes if s.ph_type in TITLE_TYPES and s.owner == "slide"), None)
    if title_shape is None:
        add("error", "no-title", "no title placeholder: give the slide a title (screen readers and the "
            "outline view use it)")
    else:
        title = " ".join(title_shape.text().split())
        if not title:
            add("error", "no-title", f"the title {_label(title_shape)} is empty", title_shape)
        else:
            key = title.casefold()
            if key in titles:
                add("warning", "duplicate-title", f"title \"{_short(title)}\" is the same as slide "
                    f"{titles[key]}: make it distinct (e.g. add what this slide adds)", title_shape)
            else:
                titles[key] = n

    has_content = False
    for shape in ctx.shapes:
        c_nv = shape.el.find(".//" + _P + "cNvPr")
        if c_nv is not None and c_nv.get("hidden") in ("1", "true"):
            continue  # hidden shapes are not shown in a show
        text = shape.text()
        has_text = bool(text.strip())
        if shape.kind == "sp" and shape.is_placeholder and not has_text:
            continue  # empty placeholders are not drawn in a show
        is_content = has_text or shape.kind in ("pic", "graphicFrame")
        has_content = has_content or (is_content and shape.ph_type not in FOOTER_TYPES)

        # ---- off-slide
        tol = OFF_TOLERANCE_PT
        outside = (shape.x < -tol or shape.y < -tol or shape.right > W + tol or shape.bottom > H + tol)
        if outside and shape.w >= 0 and shape.h >= 0:
            fully = (shape.right <= 0 or shape.bottom <= 0 or shape.x >= W or shape.y >= H)
            where = _off_where(shape, W, H)
            bleed = (shape.kind == "pic" and shape.x <= tol and shape.y <= tol
                     and shape.right >= W - tol and shape.bottom >= H - tol)
            if bleed or (shape.kind == "pic" and _is_decorative(shape.el)):
                add("info", "off-slide", f"picture {_label(shape)} bleeds off the slide ({where})", shape)
            elif is_content:
                add("error", "off-slide", f"{_label(shape)} is {'entirely' if fully else 'partly'} "
                    f"outside the slide ({where})", shape)
            elif fully:
                add("warning", "off-slide", f"decoration {_label(shape)} is entirely outside the slide "
                    f"({where}): delete it or move it back", shape)
            else:
                add("info", "off-slide", f"decoration {_label(shape)} bleeds off the slide ({where})", shape)

        # ---- alt text
        if shape.kind == "pic":
            c = shape.el.find(".//" + _P + "cNvPr")
            descr = (c.get("descr") or "").strip() if c is not None else ""
            if not _is_decorative(shape.el):
                if not descr:
                    add("error", "no-alt-text", f"picture {_label(shape)} has no alt text: describe it "
                        "(or mark it decorative)", shape)
                elif _meaningless_alt(descr, shape.name):
                    add("error", "no-alt-text", f"picture {_label(shape)} has only \"{_short(descr)}\" as "
                        "alt text (a file name, not a description): describe it", shape)

        if not has_text:
            continue

        if shape.kind == "graphicFrame":
            # tables: only the size of their text (their colours come from table styles)
            sizes = []
            for tc in shape.el.iter(_A + "tc"):
                txb = tc.find(_A + "txBody")
                if txb is not None:
                    sizes += [r.size for p in ctx.paragraphs(shape, txb) for r in p.runs if r.text.strip()]
            if sizes and min(sizes) < MIN_BODY_PT:
                add("warning", "small-text", f"table {_label(shape)} has {min(sizes):g} pt text "
                    f"(under {MIN_BODY_PT:g} pt is hard to read from the back)", shape)
            continue
        if shape.kind != "sp":
            continue

        paras = ctx.paragraphs(shape)
        fit = measure_fit(ctx, shape)
        scale = fit.font_scale if fit else 1.0

        # ---- fit
        if fit is not None:
            out += _fit_findings(ctx, shape, fit)

        # ---- small text
        visible = [r for p in paras for r in p.runs if r.text.strip()]
        if visible:
            smallest = min(r.size for r in visible) * scale
            if smallest < MIN_BODY_PT - 0.05:
                scaled = f" (after shrink to {scale:.0%})" if scale < 0.999 else ""
                if _is_footer_like(ctx, shape, paras):
                    add("info", "small-text", f"footer {_label(shape)} is {smallest:.3g} pt{scaled}", shape)
                else:
                    add("warning", "small-text", f"{_label(shape)} has {smallest:.3g} pt text{scaled}: "
                        f"under {MIN_BODY_PT:g} pt is hard to read from the back of the room", shape)

        # ---- contrast
        bg = ctx.background_behind(shape)
        if bg.kind == "solid" and bg.colors:
            worst: tuple[float, Rgb, Rgb] | None = None
            for r in visible:
                if r.color is None:
                    continue
                for b in bg.colors:
                    ratio = contrast_ratio(r.color, b)
                    if worst is None or ratio < worst[0]:
                        worst = (ratio, r.color, b)
            if worst and worst[0] < MIN_CONTRAST:
                add("warning" if _is_footer_like(ctx, shape, paras) else "error", "low-contrast", f"{_label(shape)} text {_hex(worst[1])} on {_hex(worst[2])} "
                    f"has contrast {worst[0]:.1f}:1 (needs {MIN_CONTRAST:g}:1)", shape)

    if not has_content:
        add("error", "empty-slide", "the slide has no text and no picture")

    # ---- notes
    if not _notes_text(ctx.slide).strip():
        add("warning", "no-notes", "no speaker notes")
    return out


def _off_where(shape: _Shape, W: float, H: float) -> str:
    parts = []
    if shape.x < 0:
        parts.append(f"{-shape.x:.0f} pt past the left edge")
    if shape.right > W:
        parts.append(f"{shape.right - W:.0f} pt past the right edge")
    if shape.y < 0:
        parts.append(f"{-shape.y:.0f} pt above the top")
    if shape.bottom > H:
        parts.append(f"{shape.bottom - H:.0f} pt below the bottom")
    return ", ".join(parts)


def _fit_findings(ctx: _SlideContext, shape: _Shape, fit: Fit) -> list[Finding]:
    n = ctx.number
    label = _label(shape)
    W, H = ctx.deck.width_pt, ctx.deck.height_pt
    out: list[Finding] = []
    ratio = fit.ratio
    over_h = fit.needed_h - fit.avail_h
    over_w = fit.needed_w - fit.avail_w

    if fit.autofit == "shape" and ctx.shape_fill(shape).kind == "none" and not ctx.has_outline(shape):
        # the box grows with its text: only running off the slide matters
        chain = ctx.body_pr_chain(shape)
        tb = next((int(b.get("tIns")) for b in chain if (b.get("tIns") or "").isdigit()), 45720) / EMU_PER_PT
        bb = next((int(b.get("bIns")) for b in chain if (b.get("bIns") or "").isdigit()), 45720) / EMU_PER_PT
        grown_bottom = shape.y + max(shape.h, fit.needed_h + tb + bb)
        if grown_bottom > H + OFF_TOLERANCE_PT and over_h > 0:
            out.append(Finding(n, "error", "overflow", f"{label} grows with its text and runs "
                               f"{grown_bottom - H:.0f} pt below the bottom of the slide "
                               f"(needs {fit.needed_h:.0f} pt of height)", shape.name))
        if over_w > 0 and shape.x + fit.needed_w > W + OFF_TOLERANCE_PT:
            out.append(Finding(n, "error", "overflow", f"{label} has a line {over_w:.0f} pt wider than "
                               "its box that runs past the right edge of the slide", shape.name))
        return out

    def describe() -> str:
        if over_h >= over_w * (fit.avail_h / max(1.0, fit.avail_w)) and over_h > 0:
            return (f"needs {fit.needed_h:.0f} pt of height, the box has {fit.avail_h:.0f} pt "
                    f"({ratio - 1:.0%} over)")
        return f"a line is {fit.needed_w:.0f} pt wide, the box has {fit.avail_w:.0f} pt ({ratio - 1:.0%} over)"

    if fit.autofit == "norm" and not fit.has_scale and not fit.autofit_explicit:
        if ratio > 1.0:
            sev = "error" if ratio > OVER_ERROR else "warning"
            out.append(Finding(n, sev, "overflow", f"text of {label} does not fit: {describe()} "
                               "(its layout asks to shrink text on overflow, but PowerPoint only does "
                               "that once the text is edited)", shape.name))
        return out

    if fit.autofit == "norm" and not fit.has_scale:
        if ratio > 1.0:
            sev = "error" if ratio > OVER_ERROR else "warning"
            out.append(Finding(n, sev, "autofit-no-scale", f"text of {label} does not fit: {describe()}; "
                               "it is set to shrink on overflow but stores no fontScale, so PowerPoint "
                               "shows it at full size until someone edits it", shape.name))
        else:
            out.append(Finding(n, "warning", "autofit-no-scale", f"{label} is set to shrink text on "
                               "overflow but stores no fontScale; it fits at full size today, but "
                               "PowerPoint only recomputes the shrink when the text is edited",
                               shape.name))
        return out

    if ratio > 1.0:
        sev = "error" if ratio > OVER_ERROR else "warning"
        shrunk = f" even shrunk to {fit.font_scale:.0%}" if fit.font_scale < 0.999 else ""
        out.append(Finding(n, sev, "overflow", f"text of {label} does not fit{shrunk}: {describe()}",
                           shape.name))
    return out


def _notes_text(slide) -> str:
    if not slide.has_notes_slide:
        return ""
    try:
        tf = slide.notes_slide.notes_text_frame
    except Exception:
        return ""
    return tf.text if tf is not None else ""


# deckgen writes a time cue at the top of every slide's notes: "[Temps ≈ 2 min 30 s · cumul 6 min 50 s]"
_CUE = re.compile(r"^\s*\[[^\]\n]*?≈\s*(?:(\d+)\s*min)?\s*(?:(\d+)\s*s)?\b[^\]\n]*\]\s*$", re.M)


def estimate_minutes(notes: list[str], wpm: float) -> tuple[float, int, int]:
    """(minutes, words counted, slides timed by a cue): a slide whose notes carry deckgen's time
    cue takes that time; any other slide takes its notes' words at `wpm`."""
    seconds, n_words, cued = 0.0, 0, 0
    for text in notes:
        m = _CUE.search(text)
        if m and (m.group(1) or m.group(2)):
            seconds += int(m.group(1) or 0) * 60 + int(m.group(2) or 0)
            cued += 1
            continue
        n = len(words(text))
        n_words += n
        seconds += n / wpm * 60 if wpm > 0 else 0.0
    return round(seconds / 60, 1), n_words, cued


def _timing_finding(minutes: float, target: float | None, wpm: float, lang: str,
                    n_words: int, cued: int = 0, n_slides: int = 0) -> Finding | None:
    if cued and cued == n_slides:
        basis = "from the time cues in the notes"
    elif cued:
        basis = (f"time cues on {cued} slide{'s' if cued > 1 else ''}, {n_words} more words of notes at "
                 f"{wpm:g} words/min ({lang})")
    else:
        basis = f"{n_words} words of notes at {wpm:g} words/min ({lang})"
    n_words = n_words + cued  # "no notes at all" only when neither words nor cues
    if target is None:
        return Finding(None, "info", "timing", f"about {_fmt_min(minutes)} of talk ({basis})")
    if n_words == 0:
        return Finding(None, "warning", "timing", f"no speaker notes to estimate the talk against the "
                       f"{_fmt_min(target)} target")
    delta = (minutes - target) / target
    if abs(delta) > TIMING_TOLERANCE:
        way = "too long" if delta > 0 else "too short"
        return Finding(None, "warning", "timing", f"about {_fmt_min(minutes)} of talk for a "
                       f"{_fmt_min(target)} slot: {abs(minutes - target):.0f} min {way} ({basis})")
    return Finding(None, "info", "timing", f"about {_fmt_min(minutes)} of talk for a "
                   f"{_fmt_min(target)} slot ({basis})")


def normalise_token(text: str) -> list[str]:
    """Word tokens used to match deck text and rendered text (NFKC, case-folded, alphanumerics)."""
    return re.findall(r"\w+", unicodedata.normalize("NFKC", text).casefold())
