"""check: the quality gate a presenter runs before going on stage.

`check_deck` opens ANY .pptx (deckgen's own, pandoc's, PowerPoint's) with python-pptx and reports,
per slide, what will embarrass the speaker: text that does not fit its box, shapes off the slide,
missing or duplicate titles, pictures without alt text, low contrast, small text, empty slides,
missing notes, shrink-to-fit that PowerPoint will not apply, and how long the notes take to say.

Everything here is static: fonts are measured with `deckgen.measure` (real glyph advances; Carlito
stands in for Calibri, Liberation fonts for Arial / Times / Courier when installed). With
``render=True`` the deck is also drawn by LibreOffice and `deckgen.check.rendered` adds what the real
renderer shows (``overflow-render``).

Where the work lives: `deckgen.check.pptx.slide` opens the deck and gathers each slide's shapes
(`deckgen.check.pptx.shapes`), text runs (`deckgen.check.pptx.text`), colours (`deckgen.check.pptx.colour`), fills
(`deckgen.check.pptx.fill`) and text fit (`deckgen.check.pptx.fit`); `deckgen.check.rules` turns them into
findings, `deckgen.check.timing` adds the talk time and `deckgen.check.report` holds and prints them.

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
  deck metadata's ``wpm``, else 130 for French and 140 for English, the language coming from the
  metadata, ``core_properties.language`` or the notes themselves). The target comes from
  ``--target`` or the metadata's ``target_minutes``. Warning when outside ±25 % of the target,
  info otherwise (and when there is no target).

In: any .pptx (`deckgen.api.check_input` builds outlines and talks first). Out: `CheckReport`s. `deck` is the entry point,
`rules` the per-slide rules, `timing` the talk's length, `rendered` the LibreOffice render check,
`preview` the PDF / PNG / contact sheet, `report` the findings; `pptx/` reads DrawingML (shapes,
inherited text styles, fills, colours, fonts) for the rules, without writing anything.
"""

from .deck import check_deck
from .report import CheckReport, Finding, format_report

__all__ = ["CheckReport", "Finding", "check_deck", "format_report"]
