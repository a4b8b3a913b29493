"""check: the quality gate a presenter runs before going on stage.

`check_deck` opens ANY .pptx (deckgen's own, pandoc's, PowerPoint's) with python-pptx and reports,
per slide, what will embarrass the speaker: text that does not fit its box, shapes off the slide,
missing or duplicate titles, pictures without alt text, low contrast, small text, empty slides,
missing notes, shrink-to-fit that PowerPoint will not apply, and how long the notes take to say.

Everything here is static: fonts are measured with `deckgen.measure` (real glyph advances; Carlito
stands in for Calibri, Liberation fonts for Arial / Times / Courier when installed). With
``render=True`` the deck is also drawn by LibreOffice and `deckgen.render_check` adds what the real
renderer shows (``overflow-render``).

Where the work lives: `deckgen.pptx_slide` opens the deck and gathers each slide's shapes
(`deckgen.pptx_shapes`), text runs (`deckgen.pptx_text`), colours (`deckgen.pptx_colour`), fills
(`deckgen.pptx_fill`) and text fit (`deckgen.pptx_fit`); `deckgen.check_rules` turns them into
findings, `deckgen.check_timing` adds the talk time and `deckgen.check_report` holds and prints them.

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

from pathlib import Path

from .check_report import SEVERITIES, CheckReport, Finding, format_report, short, sort_findings
from .check_rules import check_slide
from .check_timing import estimate_minutes, parse_keywords, talk_timing
from .errors import InputError
from .pptx_colour import contrast_ratio
from .pptx_slide import Deck, SlideContext, notes_text, open_presentation

__all__ = ["CHECKS", "SEVERITIES", "CheckReport", "Finding", "check_deck", "check_input", "contrast_ratio",
           "decks_for_input", "estimate_minutes", "format_report", "open_presentation", "parse_keywords"]

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


def check_deck(path: Path, *, render: bool = False, target_minutes: float | None = None,
               words_per_minute: float | None = None) -> CheckReport:
    """Check one .pptx; ``render=True`` also draws it with LibreOffice (needs soffice + pdftotext)."""
    path = Path(path)
    prs = open_presentation(path)
    deck = Deck(prs)
    findings: list[Finding] = []
    titles: dict[str, int] = {}
    notes: list[str] = []
    for number, slide in enumerate(prs.slides, 1):
        try:
            findings += check_slide(SlideContext(deck, slide, number), titles)
        except Exception as exc:  # an odd file must not hide what the other slides say
            findings.append(Finding(number, "warning", "check-failed", f"this slide could not be checked "
                                    f"({type(exc).__name__}: {short(str(exc), 80)})"))
        notes.append(notes_text(slide))
    if not len(prs.slides):
        findings.append(Finding(None, "error", "empty-slide", "the deck has no slides"))

    timing = talk_timing(prs, notes, target_minutes=target_minutes, words_per_minute=words_per_minute)
    if timing.finding:
        findings.append(timing.finding)

    if render:
        from .render_check import check_rendered  # lazy: only --render needs LibreOffice and poppler
        findings += check_rendered(path)

    return CheckReport(deck=path, slides=len(prs.slides), findings=tuple(sort_findings(findings)),
                       estimated_minutes=timing.minutes, target_minutes=timing.target,
                       words_per_minute=timing.wpm, language=timing.lang, rendered=bool(render))


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
