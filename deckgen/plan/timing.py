"""How long each slide takes to say, and the time cues written at the top of its notes."""

from __future__ import annotations

from dataclasses import dataclass, replace

from deckgen.levels import Audience
from deckgen.textutil import words

from .deckplan import PlannedSlide
from .i18n import colon, duration, quoted, t


@dataclass(frozen=True)
class Pace:
    """How a presenter at this level speaks: share of the notes voiced, seconds to put over a point."""

    notes_share: float
    per_point: float


# Newcomers hear the gist of the notes; experts hear all of it plus the detail behind every point.
PACE = {"general": Pace(0.4, 12.0), "practitioner": Pace(0.75, 12.0), "expert": Pace(1.0, 15.0)}
NOTES_FLOOR = 0.3  # below this share a presenter is no longer talking from the notes


BASE_SECONDS = {"cover": 20, "agenda": 30, "section": 15, "content": 10, "summary": 10, "table": 30,
                "image": 30, "quote": 20, "glossary": 10, "takeaways": 15, "references": 15, "closing": 20}
PER_ITEM_SECONDS = {"glossary": 10, "takeaways": 15, "agenda": 4, "references": 3}
# The order in which a practitioner deck tells the story: use cases and stakes before the technology.


LENGTH_TOLERANCE = 0.25  # a talk more than a quarter over or under its slot is reported, by build and check


def length_off(minutes: float, target: float) -> str | None:
    """"too long" / "too short" when `minutes` is more than LENGTH_TOLERANCE away from `target`."""
    if target <= 0 or abs(minutes - target) <= LENGTH_TOLERANCE * target:
        return None
    return "too long" if minutes > target else "too short"


def pace_of(audience: Audience) -> Pace:
    return PACE.get(audience.id, PACE["practitioner"])


def _n_items(slide: PlannedSlide) -> int:
    """What the presenter goes through one by one: the points, or a glossary's terms."""
    if slide.kind == "glossary" and slide.table is not None:
        return len(slide.table.rows)
    return len(slide.items)


def _seconds(kind: str, notes: str, n_items: int, pace: Pace, wpm: int) -> float:
    spoken = len(words(notes)) / wpm * 60.0 * (pace.notes_share if kind in ("content", "summary", "section",
                                                                           "table", "image", "quote") else 0)
    per = PER_ITEM_SECONDS.get(kind, pace.per_point)
    return BASE_SECONDS.get(kind, 10) + n_items * per + spoken


def fit_pace(slides: list[PlannedSlide], pace: Pace, wpm: int, audience: Audience,
              warnings: list[str]) -> Pace:
    """Voice less of the notes when all of them would not fit the slot (never under NOTES_FLOOR).

    The notes stay complete; the time cues tell the presenter how long to spend on each slide.
    """
    first = [s for s in slides if s.part[0] == 1]
    fixed = sum(_seconds(s.kind, "", _n_items(s), pace, wpm) for s in slides)
    reading = sum(_seconds(s.kind, s.notes, 0, Pace(1.0, 0.0), wpm) - BASE_SECONDS.get(s.kind, 10)
                  for s in first)
    budget = audience.minutes * 60.0
    if reading <= 0 or fixed + pace.notes_share * reading <= budget * 1.1:
        return pace
    share = max(NOTES_FLOOR, (budget - fixed) / reading)
    if share < pace.notes_share:
        warnings.append(f"the notes hold more than a {audience.minutes:.0f}-minute talk: time cues assume "
                        f"you voice about {share:.0%} of them")
        return replace(pace, notes_share=share)
    return pace


def timed(slides: list[PlannedSlide], pace: Pace, wpm: int, lang: str) -> list[PlannedSlide]:
    """Give every slide its speaking time and open its notes with the key message and a time cue."""
    out = []
    elapsed = 0.0
    for s in slides:
        first_part = s.part[0] == 1
        notes = s.notes if first_part else ""
        seconds = _seconds(s.kind, notes, _n_items(s), pace, wpm)
        elapsed += seconds
        key = s.items[0].text if s.kind in ("content", "summary", "takeaways") and s.items else s.title
        if not first_part:
            body = f"{t(lang, 'continued')} {quoted(s.title, lang)}{colon(lang)}\n" + "\n".join(f"• {i.text}" for i in s.items)
        else:
            body = notes
        cue = (f"{t(lang, 'key')}{colon(lang)} {key}\n"
               f"[{t(lang, 'time')} ≈ {duration(seconds, lang)} · {t(lang, 'cumulative')} "
               f"{duration(elapsed, lang)}]")
        out.append(replace(s, seconds=seconds, notes=f"{cue}\n\n{body}".rstrip()))
    return out
