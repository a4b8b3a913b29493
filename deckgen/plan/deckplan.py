"""DeckPlan: the ordered slides of one deck for one audience level (no XML, no EMU)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from deckgen.levels import Audience
from deckgen.outline.model import CodeSample, TableData

from .i18n import cue_seconds

KINDS = ("cover", "agenda", "section", "content", "summary", "table", "image", "quote", "glossary",
         "takeaways", "references", "closing")


@dataclass(frozen=True)
class Item:
    """One line of a slide body: a point, an agenda entry, a glossary entry (label = term)."""

    text: str
    label: str = ""
    source: str = ""


@dataclass(frozen=True)
class Card:
    """One card of an overview: a short heading, one line, and a mark (a number or a monogram)."""

    heading: str
    line: str = ""
    mark: str = ""


@dataclass(frozen=True)
class Column:
    """One side of a two-column slide: its heading and its lines."""

    heading: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class PlannedPicture:
    path: Path
    alt: str


@dataclass(frozen=True)
class PlannedSlide:
    """One slide to render; `body_size` is the font size the planner measured to fit."""

    kind: str
    title: str
    notes: str
    items: tuple[Item, ...] = ()
    subtitle: str = ""
    picture: PlannedPicture | None = None
    table: TableData | None = None
    body_size: float = 0.0
    seconds: float = 0.0
    ref: str = ""
    part: tuple[int, int] = (1, 1)
    number_label: str = ""
    # how the slide looks, when not by its kind: cards | statement | code | picture | columns | chart
    layout: str = ""
    cards: tuple[Card, ...] = ()
    columns: tuple[Column, ...] = ()
    code: CodeSample | None = None
    figure: str = ""  # a key figure shown large ("70 %", "2022") above its caption
    caption: str = ""  # a picture's or a chart's caption, a statement's message
    attribution: str = ""  # who said a quote


@dataclass(frozen=True)
class DeckPlan:
    """Everything the renderer needs for one deck."""

    slug: str
    audience: Audience
    lang: str
    title: str
    subtitle: str
    author: str
    date: str
    event: str
    slides: tuple[PlannedSlide, ...]
    warnings: tuple[str, ...] = ()
    words_per_minute: int = 130

    @property
    def estimated_minutes(self) -> float:
        """The talk's length as its notes' time cues add up (what `deckgen check` reads back)."""
        return sum(cue_seconds(s.seconds) for s in self.slides) / 60.0

    @property
    def raw_minutes(self) -> float:
        """The unrounded estimate the planner folds slides by."""
        return sum(s.seconds for s in self.slides) / 60.0

    @property
    def target_minutes(self) -> float:
        return float(self.audience.minutes)

    @property
    def file_name(self) -> str:
        return f"{self.slug}-{self.audience.id}.pptx"
