"""Outline + audience level → DeckPlan: which slides, in which order, split to fit, timed.

Pure: no files are written and nothing random; problems come back as warnings in the plan.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from deckgen.errors import UsageError
from deckgen.levels import Audience, default_audiences, words_per_minute
from deckgen.outline.model import (
    GlossaryEntry,
    Outline,
    OutlineSection,
    Point,
    Slide,
    TableData,
)
from deckgen.textutil import words
from deckgen.theme.loader import Theme

from .choose import PHRASE_WORDS, arrange, on_screen, overview_cards
from .deckplan import Card, DeckPlan, Item, PlannedPicture, PlannedSlide
from .fold import OVERRUN, fold_slides
from .i18n import colon, cue_seconds, quoted, t
from .layout import body_box, body_min
from .pages import fit_title, paginate, table_pages
from .phrases import key_phrase
from .timing import fit_pace, length_off, pace_of, timed

MAX_TAKEAWAYS = 4
TAKEAWAY_CARD_WORDS = 14  # longer takeaways read better as a list than in narrow cards
MAX_GLOSSARY = 10  # two slides: a glossary longer than that is a lecture of its own
GLOSSARY_ROWS = 5  # terms on one glossary slide: a newcomer reads five definitions, not a dictionary page


PRACTITIONER_ORDER = ("context", "use-cases", "stakes", "technology", "outlook", "other", "conclusion")


def audience_for(outline: Outline, level: str) -> Audience:
    """The audience `level` of this outline (its override, else the defaults), or a clear error."""
    audiences = outline.audiences or default_audiences(outline.meta.lang)
    for a in audiences:
        if a.id == level:
            return a
    raise UsageError(f"unknown level '{level}' (levels: {', '.join(a.id for a in audiences)})", field="--level")


def levels_of(outline: Outline) -> tuple[str, ...]:
    return tuple(a.id for a in (outline.audiences or default_audiences(outline.meta.lang)))


def order_sections(outline: Outline, audience: Audience) -> list[OutlineSection]:
    """Document order, except that practitioners hear use cases and stakes first."""
    sections = list(outline.sections)
    if audience.id != "practitioner":
        return sections
    rank = {r: i for i, r in enumerate(PRACTITIONER_ORDER)}
    return sorted(sections, key=lambda s: (rank.get(s.role, len(rank)), sections.index(s)))


def _points_for(slide: Slide, audience: Audience, warnings: list[str]) -> list[Point]:
    points = [p for p in slide.points if audience.id in p.levels]
    if len(points) > audience.max_points:
        warnings.append(f"slide '{slide.id}': {len(points)} points for {audience.id}, "
                        f"showing the first {audience.max_points}")
        points = points[: audience.max_points]
    for p in points if slide.kind != "quote" else ():  # a quotation is shown verbatim, whatever its length
        n = len(words(p.text))
        if n > audience.max_words:
            warnings.append(f"slide '{slide.id}': point of {n} words (limit {audience.max_words}): "
                            f"\"{p.text[:40]}…\"")
    return points


def _visible(slide: Slide, audience: Audience) -> bool:
    """Whether the slide shows anything at this level (points, a picture or a table)."""
    return bool(slide.picture or slide.table or slide.code or any(audience.id in p.levels for p in slide.points))


def _is_empty(slide: PlannedSlide) -> bool:
    return (not slide.items and slide.picture is None and slide.table is None and slide.code is None
            and not slide.cards and not slide.columns)


def _resolve(root: Path, rel: str) -> Path:
    p = Path(rel)
    return p if p.is_absolute() else (root / p)


def _content_slides(slide: Slide, section: OutlineSection, audience: Audience, theme: Theme,
                    root: Path, lang: str, warnings: list[str]) -> list[PlannedSlide]:
    points = _points_for(slide, audience, warnings)
    items = tuple(Item(p.text, source=p.source) for p in points)
    picture = PlannedPicture(_resolve(root, slide.picture.path), slide.picture.alt) if slide.picture else None
    kind = slide.kind
    if kind == "content" and picture is not None and not items:
        kind = "image"
    base = PlannedSlide(kind=kind, title=slide.title, notes=slide.notes, items=items, picture=picture,
                        table=slide.table, ref=slide.id, number_label=section.number, code=slide.code)
    return arrange(base, slide, section, audience, theme, lang)


def _overview(section: OutlineSection, audience: Audience, lang: str) -> PlannedSlide | None:
    """A part's overview after its divider: its subsections as cards (2–4 of them)."""
    # the part's own overview slide (shown to newcomers) holds lines taken from its subsections
    told = tuple(Item(p.text, source=p.source) for sl in section.slides if sl.kind == "summary" for p in sl.points)
    cards = overview_cards(section, audience, lang, told)
    if not cards:
        return None
    notes = f"{t(lang, 'overview')}{colon(lang)} " + " ; ".join(c.heading for c in cards) + "."
    title = f"{section.title} — {t(lang, 'overview').lower()}"  # never the divider's title again
    return PlannedSlide(kind="summary", layout="cards", title=title, cards=cards, notes=notes,
                        ref=f"{section.id}-cards", number_label=section.number)


def glossary_for(outline: Outline, slides: list[PlannedSlide]) -> list[GlossaryEntry]:
    """The jargon worth explaining to newcomers (terms the distiller flagged on slides), in document order.

    At most one term per content slide (and MAX_GLOSSARY): the glossary never outweighs the talk.
    Ranked: terms shown on the deck (card headings included), terms the document defines itself,
    acronyms, terms in section titles (the document's key concepts), then the terms found on the most slides.
    """
    shown = " ".join(" ".join([s.title, *(i.text for i in s.items), *(f"{c.heading} {c.line}" for c in s.cards)])
                     for s in slides).lower()
    spoken = " ".join(s.notes for s in slides).lower()
    titles = " ".join(sl.title for _, sl in outline.slides()).lower()
    on_slides: dict[str, int] = {}
    for _, sl in outline.slides():
        for term in sl.terms:
            on_slides[term.lower()] = on_slides.get(term.lower(), 0) + 1

    def rank(item: tuple[int, GlossaryEntry]):
        i, g = item
        term = g.term.lower()
        acronym = " " not in g.term and sum(c.isupper() for c in g.term) >= 2  # LoRA, PEFT
        return (term not in shown, not g.source.startswith(tuple(s.id for s in outline.sections)),
                not acronym, term not in titles, -on_slides.get(term, 0), i)

    candidates = [(i, g) for i, g in enumerate(outline.glossary)
                  if g.definition and g.term.lower() in spoken and g.term.lower() in on_slides]
    told = sum(s.kind in ("content", "summary", "image", "table", "quote") for s in slides)
    chosen = {i for i, _ in sorted(candidates, key=rank)[:min(MAX_GLOSSARY, max(GLOSSARY_ROWS, told))]}
    return [g for i, g in candidates if i in chosen]


def outline_to_plan(outline: Outline, level: str, theme: Theme, *, slug: str, root: Path) -> DeckPlan:
    """Plan the deck of `outline` for audience `level` with `theme`'s geometry.

    A deck far longer than its slot is planned again with its least essential slides folded
    into their neighbours' notes (nothing of the text is lost, only screens).
    """
    plan = _plan(outline, level, theme, slug=slug, root=root)
    excess = plan.raw_minutes - plan.target_minutes * OVERRUN
    if excess <= 0:
        return plan
    folded, names = fold_slides(outline, plan.audience, excess * 60 + plan.target_minutes * 60 * (OVERRUN - 1.05))
    if not names:
        return plan
    again = _plan(folded, level, theme, slug=slug, root=root)
    note = (f"{len(names)} slides folded into the previous slide's notes to fit the "
            f"{plan.target_minutes:.0f}-minute slot: {', '.join(names[:5])}{'…' if len(names) > 5 else ''}")
    return replace(again, warnings=(note, *again.warnings))


def _plan(outline: Outline, level: str, theme: Theme, *, slug: str, root: Path) -> DeckPlan:
    audience = audience_for(outline, level)
    lang = outline.meta.lang
    wpm = words_per_minute(lang)
    pace = pace_of(audience)
    warnings: list[str] = []
    meta = outline.meta
    body = body_box(theme)

    sections: list[tuple[OutlineSection, list[Slide]]] = []
    for section in order_sections(outline, audience):
        chosen = [s for s in section.slides if audience.id in s.levels]
        if chosen:
            sections.append((section, chosen))
        else:
            warnings.append(f"section '{section.title}' has no slide for {audience.id}: dropped")

    slides: list[PlannedSlide] = []
    cover_pic = None
    if meta.cover:
        cover_pic = PlannedPicture(_resolve(root, meta.cover.image), meta.cover.alt or meta.title)
    byline = " · ".join(x for x in (meta.author, meta.date, meta.event) if x)
    slides.append(PlannedSlide(
        kind="cover", title=meta.title, subtitle=meta.subtitle, picture=cover_pic,
        items=(Item(byline),) if byline else (),
        notes=f"{meta.title}" + (f" — {meta.subtitle}" if meta.subtitle else "") +
              f"\n{audience.label} · {t(lang, 'time')}{colon(lang)} {int(audience.minutes)} min"))
    # parts are numbered in the order this deck tells them (the practitioner deck reorders them)
    shown_sections = [(s, c) for s, c in sections if any(_visible(sl, audience) for sl in c)]
    numbers = {s.id: str(n) for n, (s, _) in enumerate(shown_sections, 1)}
    agenda_items = tuple(Item(s.title, label=numbers[s.id]) for s, _ in shown_sections)
    agenda = PlannedSlide(kind="agenda", title=t(lang, "agenda"), items=agenda_items,
                          notes=t(lang, "agenda_notes") + colon(lang) + " " + " ; ".join(i.text for i in agenda_items) + ".")
    slides += paginate(theme, agenda, body, lang, bullets=False)

    for section, chosen in sections:
        # a divider announces subsections; a part told in one slide of its own name needs none
        subsections = any(sl.title != section.title and _visible(sl, audience)
                          for sl in chosen if sl.kind in ("content", "summary"))
        # (its own text goes on the divider, unless a slide of the part's name already says it)
        own = bool(section.notes) and not any(sl.title == section.title for sl in chosen)
        with_divider = section.id in numbers and audience.id != "general" and (subsections or own)
        if with_divider:
            notes = section.notes or f"{t(lang, 'transition')} {quoted(section.title, lang)}."
            slides.append(PlannedSlide(kind="section", title=section.title, notes=notes, ref=section.id,
                                       number_label=numbers[section.id]))
            overview = _overview(section, audience, lang)
            if overview is not None:
                slides.append(overview)
        for slide in chosen:
            planned = _content_slides(slide, section, audience, theme, root, lang, warnings)
            if planned and _is_empty(planned[0]) and slides:
                # a slide with nothing to show is noise on screen; its notes still belong to the talk
                warnings.append(f"slide '{slide.id}' has nothing to show for {audience.id}: "
                                "its notes go to the previous slide")
                # continuation parts repeat their first part's notes: attach to the first part
                k = max(i for i, p in enumerate(slides) if p.part[0] == 1)
                slides[k] = replace(slides[k], notes=f"{slides[k].notes}\n\n— {slide.title} —\n"
                                                     f"{planned[0].notes}".strip())
                continue
            slides += planned

    if audience.id == "general" and outline.glossary:
        entries = glossary_for(outline, slides)
        if entries:
            # a two-column table: terms line up, and a definition is never mistaken for a point
            table = TableData((t(lang, "term"), t(lang, "definition")),
                              tuple((g.term, g.definition) for g in entries))
            gl = PlannedSlide(kind="glossary", title=t(lang, "glossary"), table=table,
                              notes=t(lang, "glossary_notes") + ".\n\n" +
                                    "\n".join(f"{g.term}{colon(lang)} {g.definition}" for g in entries))
            pages = -(-len(entries) // GLOSSARY_ROWS)
            slides += table_pages(gl, theme, lang, max_rows=-(-len(entries) // pages))
    # what to remember is three or four messages, whatever the audience: six would be the talk again
    most = min(MAX_TAKEAWAYS, max(3, audience.max_points))
    takeaways = [p for p in outline.takeaways if audience.id in p.levels][:most]
    if takeaways:
        items = tuple(Item(key_phrase(p.text, PHRASE_WORDS.get(audience.id, 12), lang), source=p.source)
                      for p in takeaways)
        items = items[:on_screen(t(lang, "takeaways"), items, audience.id)]
        tk = PlannedSlide(kind="takeaways", title=t(lang, "takeaways"), items=items,
                          notes=t(lang, "takeaways_notes") + ".\n\n" + "\n".join(f"• {p.text}" for p in takeaways))
        if 2 <= len(tk.items) <= 4 and all(len(words(i.text)) <= TAKEAWAY_CARD_WORDS for i in tk.items):
            # what to remember, as cards side by side (marked by colour: key messages have no order)
            slides.append(replace(tk, layout="cards", cards=tuple(Card(i.text) for i in tk.items)))
        else:
            slides += paginate(theme, tk, body, lang, smallest=body_min(theme, audience.id))
    if audience.id == "expert" and outline.references:
        refs = PlannedSlide(kind="references", title=t(lang, "references"),
                            items=tuple(Item(r) for r in outline.references),
                            notes=t(lang, "references_notes") + ".\n\n" + "\n".join(outline.references))
        slides += paginate(theme, refs, body, lang)
    slides.append(PlannedSlide(kind="closing", title=t(lang, "closing"), subtitle=t(lang, "thanks"),
                               items=(Item(byline),) if byline else (),
                               notes=t(lang, "closing_notes")))

    slides = [fit_title(theme, s, warnings) for s in slides]
    pace = fit_pace(slides, pace, wpm, audience, warnings)
    slides = timed(slides, pace, wpm, lang)
    total = sum(cue_seconds(s.seconds) for s in slides) / 60  # as the time cues add up, like check
    off = length_off(total, audience.minutes)
    if off:
        how = ("cut slides or points in the outline" if off == "too long"
               else "add slides or points in the outline, or choose a shorter slot")
        warnings.append(f"estimated {total:.0f} min for a {audience.minutes:.0f}-minute slot: {off} ({how})")
    return DeckPlan(slug=slug, audience=audience, lang=lang, title=meta.title, subtitle=meta.subtitle,
                    author=meta.author, date=meta.date, event=meta.event, slides=tuple(slides),
                    warnings=tuple(dict.fromkeys(warnings)), words_per_minute=wpm)
