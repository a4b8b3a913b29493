"""How long the talk takes, from the speaker notes, against the slot it has.

A slide whose notes carry deckgen's time cue ("[Temps ≈ 2 min 30 s · …]") takes that time: the
cue already allows for what the words alone miss (pauses, demos, questions). Any other slide takes
its notes' words at the speaking rate. Rate, language and target come from the caller, else the
deck metadata deckgen writes into ``core_properties.keywords``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from deckgen.language import detect_language, normalise_lang
from deckgen.levels import WORDS_PER_MINUTE
from deckgen.plan.timing import LENGTH_TOLERANCE, length_off
from deckgen.textutil import words

from .report import Finding, fmt_minutes

# One timing model with the planner: the same speaking rates, the same tolerance, the same time cues.
TIMING_TOLERANCE = LENGTH_TOLERANCE
DEFAULT_WPM = {lang: float(rate) for lang, rate in WORDS_PER_MINUTE.items()}

# deckgen writes a time cue at the top of every slide's notes: "[Temps ≈ 2 min 30 s · cumul 6 min 50 s]"
_CUE = re.compile(r"^\s*\[[^\]\n]*?≈\s*(?:(\d+)\s*min)?\s*(?:(\d+)\s*s)?\b[^\]\n]*\]\s*$", re.MULTILINE)


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


def _num(value: Any) -> float | None:
    """A positive number found in a metadata value ("45", "45 min", "2,5"), else None."""
    if value is None:
        return None
    m = re.search(r"\d+(?:[.,]\d+)?", str(value))
    if not m:
        return None
    v = float(m.group(0).replace(",", "."))
    return v if v > 0 else None


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


@dataclass(frozen=True)
class Timing:
    minutes: float
    target: float | None
    wpm: float
    lang: str
    finding: Finding | None


def talk_timing(prs, notes: list[str], *, target_minutes: float | None = None,
                words_per_minute: float | None = None) -> Timing:
    """The deck-level ``timing`` finding and what it was computed from; `notes` is one text a slide."""
    meta = parse_keywords(prs.core_properties.keywords or "")
    lang = (normalise_lang(meta.get("lang")) or normalise_lang(prs.core_properties.language)
            or detect_language(" ".join(notes), default="en"))
    wpm = words_per_minute or _num(meta.get("wpm")) or DEFAULT_WPM.get(lang, DEFAULT_WPM["en"])
    target = target_minutes if target_minutes is not None else _num(meta.get("target_minutes"))
    minutes, n_words, cued = estimate_minutes(notes, wpm)
    finding = _timing_finding(minutes, target, wpm, lang, n_words, cued, len(notes))
    return Timing(minutes, target, wpm, lang, finding)


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
        return Finding(None, "info", "timing", f"about {fmt_minutes(minutes)} of talk ({basis})")
    if n_words == 0:
        return Finding(None, "warning", "timing", f"no speaker notes to estimate the talk against the "
                       f"{fmt_minutes(target)} target")
    way = length_off(minutes, target)
    if way:
        return Finding(None, "warning", "timing", f"about {fmt_minutes(minutes)} of talk for a "
                       f"{fmt_minutes(target)} slot: {abs(minutes - target):.0f} min {way} ({basis})")
    return Finding(None, "info", "timing", f"about {fmt_minutes(minutes)} of talk for a "
                   f"{fmt_minutes(target)} slot ({basis})")
