"""The outline's data: meta, sections, slides and points, as frozen dataclasses."""

from __future__ import annotations

from dataclasses import dataclass

from deckgen.levels import LEVEL_IDS, Audience

VERSION = 1
FINGERPRINT_PREFIX = "# fingerprint: "


# --------------------------------------------------------------------------- model


@dataclass(frozen=True)
class Point:
    """A short phrase shown on a slide, tagged with the levels that show it and where it came from."""

    text: str
    levels: tuple[str, ...] = LEVEL_IDS
    source: str = ""  # "section-id:L58" — the source line of the sentence it was taken from


@dataclass(frozen=True)
class Picture:
    """A picture on a slide: a path (relative to the project root) and its alt text."""

    path: str
    alt: str


@dataclass(frozen=True)
class TableData:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class CodeSample:
    """A fenced code block of the source, shown as editable monospace text on a code slide."""

    text: str
    language: str = ""


LAYOUTS = ("bullets", "cards", "statement", "code", "quote", "picture", "columns", "table", "chart")


@dataclass(frozen=True)
class Slide:
    """One slide of the outline; the planner derives each level's deck from these."""

    id: str
    title: str
    levels: tuple[str, ...] = LEVEL_IDS
    points: tuple[Point, ...] = ()
    terms: tuple[str, ...] = ()
    notes: str = ""
    kind: str = "content"  # content | summary | table | image | quote | code
    picture: Picture | None = None
    table: TableData | None = None
    line: int = 0
    attribution: str = ""  # who said a quote
    layout: str = ""  # one of LAYOUTS to force how the slide looks; "" lets the planner choose
    code: CodeSample | None = None


COVER_MOTIFS = ("brain", "network", "flow", "geometric", "organic")  # the cover stage's motifs, by name
SECTION_ROLES = ("context", "technology", "use-cases", "stakes", "outlook", "conclusion", "other")


@dataclass(frozen=True)
class OutlineSection:
    """A top-level section of the talk; `notes` is its own text before its first subsection."""

    id: str
    title: str
    number: str = ""
    slides: tuple[Slide, ...] = ()
    line: int = 0
    notes: str = ""
    role: str = "other"  # which part of the story it tells: the practitioner deck puts use cases and stakes first


@dataclass(frozen=True)
class GlossaryEntry:
    term: str
    definition: str
    source: str = ""


@dataclass(frozen=True)
class Cover:
    image: str
    alt: str
    seed: int = 0
    motif: str = ""  # one of cover.MOTIFS; empty: chosen from the talk's words when the cover is drawn


@dataclass(frozen=True)
class Meta:
    title: str
    subtitle: str = ""
    author: str = ""
    date: str = ""
    lang: str = "en"
    event: str = ""
    cover: Cover | None = None


@dataclass(frozen=True)
class DistilledBy:
    """Which distiller wrote the points, and with which model (absent: the extractive distiller)."""

    name: str
    model: str = ""


@dataclass(frozen=True)
class Outline:
    """The whole outline of one talk."""

    meta: Meta
    sections: tuple[OutlineSection, ...]
    source_path: str = ""
    source_sha256: str = ""
    audiences: tuple[Audience, ...] = ()
    glossary: tuple[GlossaryEntry, ...] = ()
    takeaways: tuple[Point, ...] = ()
    references: tuple[str, ...] = ()
    version: int = VERSION
    distilled_by: DistilledBy | None = None  # recorded only for a non-default distiller: old outlines load as they are

    def slides(self):
        """Every slide with its section, in order."""
        for section in self.sections:
            for slide in section.slides:
                yield section, slide
