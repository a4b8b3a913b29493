"""Folding: a deck far over its slot moves its least essential slides into their neighbours' notes."""

from __future__ import annotations

from dataclasses import replace

from deckgen.levels import Audience
from deckgen.outline.model import Outline, Slide

from .timing import BASE_SECONDS, pace_of

OVERRUN = 1.25  # a deck up to a quarter over its slot is left as the outline says


def fold_slides(outline: Outline, audience: Audience, seconds: float) -> tuple[Outline, list[str]]:
    """Remove slides worth about `seconds` of screen time for this level, moving their notes up.

    Folded first: slides only experts see (deep subsections, extra figures), then the last slides
    of the sections that have the most. A section's first slide is always kept.
    """
    pace = pace_of(audience)
    visible = {sec.id: [sl for sl in sec.slides if audience.id in sl.levels] for sec in outline.sections}

    def screen_time(sl: Slide) -> float:
        shown = min(sum(audience.id in p.levels for p in sl.points), audience.max_points)
        return BASE_SECONDS.get(sl.kind, 10) + shown * pace.per_point

    order: list[Slide] = [sl for sec in outline.sections for sl in visible[sec.id][1:]
                          if sl.levels == (audience.id,)]
    remaining = {k: v[1:] for k, v in visible.items()}
    while any(remaining.values()):
        biggest = max(remaining, key=lambda k: (len(remaining[k]), k))
        sl = remaining[biggest].pop()
        if sl not in order:
            order.append(sl)
    folded: set[str] = set()
    saved = 0.0
    for sl in order:
        if saved >= seconds:
            break
        folded.add(sl.id)
        saved += screen_time(sl)
    sections = []
    for sec in outline.sections:
        kept: list[Slide] = []
        for sl in sec.slides:
            if sl.id in folded:  # never a section's first visible slide, so `kept` has a host
                host = kept[-1]
                kept[-1] = replace(host, notes=f"{host.notes}\n\n— {sl.title} —\n{sl.notes}".strip())
            else:
                kept.append(sl)
        sections.append(replace(sec, slides=tuple(kept)))
    names = [sl.title for sl in order if sl.id in folded]
    return replace(outline, sections=tuple(sections)), names
