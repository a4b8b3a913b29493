"""Which layout a content slide gets, from what it holds (the outline's `layout:` has the last word).

Pure: an outline slide and its planned base in, the planned slides out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from deckgen.levels import Audience
from deckgen.outline.model import OutlineSection, Slide, TableData
from deckgen.textutil import DO_MARK, DONT_MARK, words
from deckgen.theme.loader import Theme

from .code import code_pages
from .deckplan import Card, Column, Item, PlannedSlide
from .i18n import t
from .layout import body_box, body_min
from .pages import _part_title, paginate, table_pages, table_row_heights
from .phrases import as_number, key_phrase, salient_figure

MAX_CARDS = 4
MAX_CHART_ROWS = 12
MAX_SERIES = 4
# Words kept on screen per point, by level: the key phrase; the notes keep the sentence.
PHRASE_WORDS = {"general": 8, "practitioner": 11, "expert": 12}
CARD_WORDS = 8
# A longer point needs a list's full width; experts read cards of a full clause at 20 pt.
PARALLEL_WORDS = {"general": 14, "practitioner": 16, "expert": 18}
# Words a newcomer reads on one slide, title included, while the presenter says one sentence:
# points beyond it stay in the notes, which hold the whole text anyway.
SCREEN_WORDS = {"general": 30}
CARD_SLACK = 6
# Headers that set two things against each other: shown as two columns, not a grid.
_CONTRAST = re.compile(r"^(pros?|cons?|avantages?|inconvénients?|before|after|avant|après|do|don['’]?t|"
                       r"à faire|à ne pas faire|à éviter|do not|avoid|good|bad|bon|mauvais|yes|no|oui|non|"
                       r"with|without|avec|sans|correct|incorrect|recommended|not recommended|recommandé|"
                       r"déconseillé)\b", re.IGNORECASE)


def numeric_columns(table: TableData) -> list[int]:
    """Columns (after the first, which labels the rows) whose every cell is a number."""
    if len(table.rows) < 2 or any(as_number(r[0]) is not None for r in table.rows if r):
        return []
    return [c for c in range(1, len(table.header))
            if all(c < len(r) and as_number(r[c]) is not None for r in table.rows)]


def is_contrast(table: TableData) -> bool:
    """A two-column table whose headers oppose each other (pros/cons, before/after, do/don't)."""
    return (len(table.header) == 2 and len(table.rows) <= 6
            and all(_CONTRAST.match(h.strip().strip(f"*_ {DO_MARK}{DONT_MARK}✅❌")) for h in table.header))


def _table_slides(base: PlannedSlide, table: TableData, layout: str, theme: Theme, lang: str) -> list[PlannedSlide]:
    numeric = numeric_columns(table)
    if layout in ("", "chart") and numeric and len(table.rows) <= MAX_CHART_ROWS:
        # a native chart beside the table when both fit side by side, else the chart alone
        box = body_box(theme)
        _, heights = table_row_heights(theme, table.header, table.rows, box.w * 0.42)
        beside = len(table.header) <= 3 and sum(heights) <= box.h
        return [replace(base, layout="chart", body_size=18.0, caption="table" if beside else "")]
    if layout in ("", "columns") and (is_contrast(table) or layout == "columns") and len(table.header) == 2:
        columns = tuple(Column(h, tuple(r[c] for r in table.rows if c < len(r) and r[c].strip()))
                        for c, h in enumerate(table.header))
        return [replace(base, layout="columns", columns=columns)]
    return table_pages(base, theme, lang)


def overview_cards(section: OutlineSection, audience: Audience, lang: str,
                   points: tuple[Item, ...] = ()) -> tuple[Card, ...]:
    """One card per subsection shown at this level (2–4 of them), else none.

    A card's line is a key phrase from that subsection (see `_card_lines`).
    """
    subs = [s for s in section.slides if s.kind == "content" and s.title != section.title
            and not s.id.endswith("-intro")]
    if not subs:
        return ()
    widest = max(len(s.levels) for s in subs)
    subs = [s for s in subs if len(s.levels) == widest and (audience.id in s.levels or audience.id == "general")]
    if not 2 <= len(subs) <= MAX_CARDS:
        return ()
    cards = []
    for n, sub in enumerate(subs, 1):
        line = next((ln for ln in _card_lines(sub, audience, lang, points) if ln), "")
        cards.append(Card(sub.title, line, f"{n:02d}"))
    # beyond the general deck each subsection's own slide follows: a card with its heading alone would
    # only repeat that slide's title, so the overview needs a line on every card; newcomers see no
    # such slides, and a descriptive heading alone tours the part for them
    if audience.id != "general" and not all(c.line for c in cards):
        return ()
    if any(not c.line and len(c.heading.split()) <= 2 for c in cards):
        return ()  # "Contributing" alone tells a newcomer nothing: the overview lists its points instead
    budget = SCREEN_WORDS.get(audience.id)
    told = len(section.title.split()) + sum(len(f"{c.heading} {c.line}".split()) for c in cards)
    if budget is not None and told > budget and all(len(c.heading.split()) > 2 for c in cards):
        # descriptive headings tour the part on their own: the lines stay in the notes
        cards = [replace(c, line="") for c in cards]
    return tuple(cards)


def _card_lines(sub: Slide, audience: Audience, lang: str, points: tuple[Item, ...]) -> Iterator[str]:
    """Candidate lines for a subsection's card, best first; a candidate too long for a card yields ''.

    First what the part's overview took from the subsection, then the subsection's points its own
    slide does not show here, and last a preview of what its slide says: the lead point cut shorter
    than the slide will show it, never the same words twice.
    """
    def fitted(text: str) -> str:
        line = key_phrase(text, CARD_WORDS, lang)
        # newcomers read at 24 pt: four cards of two lines each is what a 2 × 2 grid holds
        return line if len(line.split()) <= CARD_WORDS + (0 if audience.id == "general" else 2) else ""

    # a point of the part's overview from this subsection, unless the subsection's slide shows its sentence
    on_screen = {p.source for p in sub.points if audience.id in p.levels} if audience.id in sub.levels else set()
    yield from (fitted(p.text) for p in points if p.source.split(":")[0] == sub.id and p.source not in on_screen)
    if audience.id == "general" or audience.id not in sub.levels:
        shown = [p.text for p in sub.points if audience.id in p.levels] or [p.text for p in sub.points]
        yield from map(fitted, shown)
        return
    # the subsection has its own slide next: a card repeating its point would say it twice
    yield from (fitted(p.text) for p in sub.points if audience.id not in p.levels)
    on_slide = PHRASE_WORDS.get(audience.id, 12)
    for p in sub.points:
        if audience.id in p.levels:
            line = fitted(p.text)
            if line and line != p.text and line != key_phrase(p.text, on_slide, lang):
                yield line


def _parallel(items: tuple[Item, ...], level: str) -> bool:
    """Three, four or six points of like length, each short: a set of peers rather than a sequence
    (five would leave a hole in the grid)."""
    counts = [len(i.text.split()) for i in items]
    # two messages side by side suit a newcomer's slide; beyond it two points are a short list
    sizes = (2, 3, 4, 6) if level == "general" else (3, 4, 6)
    return len(items) in sizes and min(counts) >= 4 and max(counts) <= PARALLEL_WORDS.get(level, 14) \
        and max(counts) <= 2.5 * min(counts)


def on_screen(title: str, items: tuple[Item, ...], level: str) -> int:
    """How many of `items` (in order, at least one) a slide of this level shows within its word budget.

    Peers set out as cards may run a few words over: a card's frame and colour read faster than a list.
    """
    budget = SCREEN_WORDS.get(level)
    if budget is None:
        return len(items)
    if _parallel(items, level):
        budget += CARD_SLACK
    # counted as the eye meets them: "Cas 1 : on…" is four chunks, a French colon and a bullet one each
    used, n = len(title.split()), 0
    for item in items:
        used += len(item.text.split()) + 1
        if n and used > budget:
            break
        n += 1
    return n


_DEFINITION = re.compile(r"^(?P<term>[^:]{2,80}?)\s?:\s+(?P<meaning>\S.*)$")


def _definitions(items: tuple[Item, ...]) -> tuple[tuple[str, str], ...] | None:
    """(term, meaning) rows when every point defines a term ("Terme : définition"), else None."""
    rows = []
    for item in items:
        m = _DEFINITION.match(item.text)
        if m is None or len(words(m.group("term"))) > 6:
            return None
        rows.append((m.group("term").strip(), m.group("meaning")[:1].upper() + m.group("meaning")[1:]))
    return tuple(rows) if len(rows) >= 2 else None


def _statement(base: PlannedSlide, items: tuple[Item, ...], audience: Audience,
               forced: bool = False, opener: bool = False, leads_talk: bool = False) -> PlannedSlide | None:
    """One message or a salient figure, large: for a single point, or a telling number on a general slide."""
    for k, item in enumerate(items):
        figure = salient_figure(item.text)
        # a general slide shows its telling number; a denser one only when it leads its message (the
        # talk's introduction opens on its number: its other points are context the presenter tells)
        if figure and (audience.id == "general" or len(items) <= 2
                       or (k == 0 and len(items) <= (MAX_CARDS if leads_talk else 3))):
            return replace(base, layout="statement", figure=figure, caption=item.text, items=(item,))
    if len(items) == 1 or forced or opener:
        return replace(base, layout="statement", caption=items[0].text, items=items[:1])
    return None


def arrange(base: PlannedSlide, slide: Slide, section: OutlineSection, audience: Audience, theme: Theme,
            lang: str) -> list[PlannedSlide]:
    """The planned slides for one outline slide, in the layout its content calls for."""
    layout = slide.layout
    if slide.kind == "code" and slide.code is not None and layout in ("", "code"):
        return code_pages(base, slide.code, theme, lambda title, n, total: _part_title(title, n, total, lang))
    if slide.table is not None and (slide.kind == "table" or layout in ("table", "chart", "columns")):
        return _table_slides(base, slide.table, layout, theme, lang)
    if slide.kind == "quote" or layout == "quote":
        return [replace(base, kind="quote", layout="quote", attribution=slide.attribution,
                        body_size=theme.sizes.body)]
    if base.picture is not None and (base.kind == "image" or layout == "picture"):
        return [replace(base, layout="picture", caption=slide.picture.alt if slide.picture else "",
                        body_size=theme.sizes.body)]
    if layout in ("", "cards") and slide.kind == "summary" or layout == "cards":
        cards = overview_cards(section, audience, lang, base.items)
        if cards:
            return [replace(base, layout="cards", cards=cards)]
    limit = PHRASE_WORDS.get(audience.id, 12)
    items = tuple(replace(i, text=key_phrase(i.text, limit, lang)) for i in base.items)
    if layout == "":
        shown = on_screen(base.title, items, audience.id)
        items, base = items[:shown], replace(base, items=base.items[:shown])
    defined = _definitions(items)
    if layout in ("", "table") and base.picture is None and defined is not None:
        # "Le « Réutilisateur » : toute personne qui …" on every point: a glossary of the text's own terms
        table = TableData((t(lang, "term"), t(lang, "definition")), defined)
        return table_pages(replace(base, layout="table", table=table, items=()), theme, lang)
    if layout in ("", "statement") and base.picture is None and items:
        # the figure and its caption come from the whole point: cutting may drop the number
        stated = _statement(base, base.items, audience, forced=layout == "statement",
                            opener=slide.id.endswith("-intro") and audience.id != "general",
                            leads_talk=section.role == "context" and slide is section.slides[0])
        if stated is not None:
            return [stated]
    box = body_box(theme, with_picture=base.picture is not None)
    pages = paginate(theme, replace(base, items=items, layout="bullets" if layout == "bullets" else ""), box, lang,
                     smallest=body_min(theme, audience.id))
    if len(pages) == 1 and layout == "" and base.picture is None and _parallel(items, audience.id):
        # a few parallel points read as cards side by side, not as one more list (the list,
        # sized to fit, stays the fallback when the cards do not fit)
        cards = tuple(Card("", i.text) for i in pages[0].items)
        return [replace(pages[0], layout="cards", cards=cards)]
    return pages
