"""Audience levels: who a deck is for, how long it runs and how dense its slides are."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Audience:
    """One audience level; the order of levels runs from least to most technical."""

    id: str
    label: str
    minutes: float
    max_points: int
    max_words: int
    description: str = ""


_LABELS = {
    "fr": {"general": ("Grand public", "grand public, néophytes"),
           "practitioner": ("Praticiens", "professionnels, décideurs"),
           "expert": ("Experts", "chercheurs, ingénieurs")},
    "en": {"general": ("General public", "general public, newcomers"),
           "practitioner": ("Practitioners", "professionals, decision makers"),
           "expert": ("Experts", "researchers, engineers")},
}

_DEFAULTS = (("general", 15, 3, 12), ("practitioner", 30, 4, 16), ("expert", 45, 6, 18))

LEVEL_IDS = tuple(d[0] for d in _DEFAULTS)

# Speaking rate of a presenter (slower than reading aloud: pauses, slide changes, emphasis).
WORDS_PER_MINUTE = {"fr": 130, "en": 140}


def default_audiences(lang: str = "en") -> tuple[Audience, ...]:
    """The three default levels, labelled in the document's language."""
    labels = _LABELS.get(lang, _LABELS["en"])
    return tuple(Audience(i, labels[i][0], m, p, w, labels[i][1]) for i, m, p, w in _DEFAULTS)


def words_per_minute(lang: str) -> int:
    return WORDS_PER_MINUTE.get(lang, WORDS_PER_MINUTE["en"])
