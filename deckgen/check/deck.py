"""check_deck: one .pptx → a CheckReport (static rules and timing, optionally the render check).

Severities and their reasons: see the `deckgen.check` package docstring.
"""

from __future__ import annotations

from pathlib import Path

from deckgen.check.pptx.colour import contrast_ratio
from deckgen.check.pptx.slide import Deck, SlideContext, notes_text, open_presentation

from .report import (
    SEVERITIES,
    CheckReport,
    Finding,
    format_report,
    short,
    sort_findings,
)
from .rules import check_slide
from .timing import estimate_minutes, parse_keywords, talk_timing

__all__ = ["CHECKS", "SEVERITIES", "CheckReport", "Finding", "check_deck", "contrast_ratio",
           "estimate_minutes", "format_report", "open_presentation", "parse_keywords"]

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
        from .rendered import (
            check_rendered,  # lazy: only --render needs LibreOffice and poppler
        )
        findings += check_rendered(path)

    return CheckReport(deck=path, slides=len(prs.slides), findings=tuple(sort_findings(findings)),
                       estimated_minutes=timing.minutes, target_minutes=timing.target,
                       words_per_minute=timing.wpm, language=timing.lang, rendered=bool(render))
