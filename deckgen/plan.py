"""plan: Outline + audience level → DeckPlan (which slides, in which order, split to fit, timed).

Pure: no files are written and nothing random; problems come back as warnings in the plan.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from pathlib import Path

from .deckplan import DeckPlan, Item, PlannedPicture, PlannedSlide
from .errors import DeckgenError
from .i18n import colon, duration, quoted, t
from .layout import Box, best_size, body_box, title_box
from .levels import Audience, default_audiences, words_per_minute
from .measure import paragraphs_height, Para, wrap, line_height
from .outline import GlossaryEntry, Outline, OutlineSection, Point, Slide, TableData
from .textutil import words
from .theme import Theme


@dataclass(frozen=True)
class Pace:
    """How a presenter at this level speaks: share of the notes voiced, seconds to put over a point."""

    notes_share: float
    per_point: float


# Newcomers hear the gist of the notes; experts hear all of it plus the detail behind every point.
PACE = {"general": Pace(0.4, 12.0), "practitioner": Pace(0.75, 12.0), "expert": Pace(1.0, 15.0)}
NOTES_FLOOR = 0.3  # below this share a presenter is no longer talking from the notes
MAX_GLOSSARY = 18  # three slides: a glossary longer than that is a lecture of its own
BASE_SECONDS = {"cover": 20, "agenda": 30, "section": 15, "content": 10, "summary": 10, "table": 30,
                "image": 30, "quote": 20, "glossary": 10, "takeaways": 15, "references": 15, "closing": 20}
PER_ITEM_SECONDS = {"glossary": 10, "takeaways": 15, "agenda": 4, "references": 3}
# The order in which a practitioner deck tells the story: use cases and stakes before the technology.
PRACTITIONER_ORDER = ("context", "use-cases", "stakes", "technology", "outlook", "other", "conclusion")


def audience_for(outline: Outline, level: str) -> Audience:
    """The audience `level` of this outline (its override, else the defaults), or a clear error."""
    audiences = outline.audiences or default_audiences(outline.meta.lang)
    for a in audiences:
        if a.id == level:
            return a
    raise DeckgenError(f"unknown level '{level}' (levels: {', '.join(a.id for a in audiences)})")


def levels_of(outline: Outline) -> tuple[str, ...]:
    return tuple(a.id for a in (outline.audiences or default_audiences(outline.meta.lang)))


def _pace(audience: Audience) -> Pace:
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


def order_sections(outline: Outline, audience: Audience) -> list[OutlineSection]:
    """Document order, except that practitioners hear use cases and stakes first."""
    sections = list(outline.sections)
    if audience.id != "practitioner":
        return sections
    rank = {r: i for i, r in enumerate(PRACTITIONER_ORDER)}
    return sorted(sections, key=lambda s: (rank.get(s.role, len(rank)), sections.index(s)))


def _chunks(theme: Theme, texts: list[str], box: Box, *, bullets: bool = True,
            bold: bool = False) -> list[tuple[list[int], float]]:
    """Split item indices into consecutive slides that fit `box` at a readable size, balanced."""
    sizes = theme.sizes
    if not texts:
        return [([], sizes.body)]
    size = best_size(theme, texts, box, sizes.body, sizes.body_min, bullets=bullets, bold=bold)
    if size is not None:
        return [(list(range(len(texts))), size)]
    for n in range(2, len(texts) + 1):
        per = math.ceil(len(texts) / n)
        groups = [list(range(i, min(i + per, len(texts)))) for i in range(0, len(texts), per)]
        sized = [(g, best_size(theme, [texts[i] for i in g], box, sizes.body, sizes.body_min,
                               bullets=bullets, bold=bold)) for g in groups]
        if all(s is not None for _, s in sized):
            return [(g, float(s)) for g, s in sized]
    return []  # a single item is too long for one slide: the caller cuts it


def _cut_long(theme: Theme, text: str, box: Box, *, bullets: bool) -> list[str]:
    """Cut an over-long item at word boundaries into pieces that each fill at most one box."""
    size = theme.sizes.body_min
    font = theme.body_font.file
    indent = 22.0 if bullets else 0.0
    lines = wrap(text, font, size, box.w - 14.4 - indent)
    per_slide = max(1, int((box.h - 7.2) // line_height(font, size)) - 1)
    return [" ".join(lines[i:i + per_slide]) for i in range(0, len(lines), per_slide)]


def _part_title(title: str, n: int, total: int, lang: str) -> str:
    """"Title", then "Title (cont.)" — or "Title (2/3)" so that three parts never share a title."""
    if n == 1:
        return title
    return f"{title} {t(lang, 'cont')}" if total == 2 else f"{title} ({n}/{total})"


def _paginate(theme: Theme, base: PlannedSlide, box: Box, lang: str, *, bullets: bool = True,
              bold: bool = False) -> list[PlannedSlide]:
    items = list(base.items)
    texts = [(f"{i.label} — {i.text}" if i.label else i.text) for i in items]
    groups = _chunks(theme, texts, box, bullets=bullets, bold=bold)
    if not groups:
        expanded: list[Item] = []
        for item, text in zip(items, texts):
            if best_size(theme, [text], box, theme.sizes.body_min, theme.sizes.body_min,
                         bullets=bullets, bold=bold) is None:
                expanded += [replace(item, text=piece, label="") for piece in _cut_long(theme, text, box,
                                                                                      bullets=bullets)]
            else:
                expanded.append(item)
        items = expanded
        texts = [(f"{i.label} — {i.text}" if i.label else i.text) for i in items]
        groups = _chunks(theme, texts, box, bullets=bullets, bold=bold) or [
            ([k], theme.sizes.body_min) for k in range(len(items))]
    out = []
    for n, (indices, size) in enumerate(groups, 1):
        title = _part_title(base.title, n, len(groups), lang)
        out.append(replace(base, title=title, items=tuple(items[i] for i in indices), body_size=size,
                           part=(n, len(groups))))
    return out


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
    return bool(slide.picture or slide.table or any(audience.id in p.levels for p in slide.points))


def _is_empty(slide: PlannedSlide) -> bool:
    return not slide.items and slide.picture is None and slide.table is None


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
                        table=slide.table, ref=slide.id, number_label=section.number)
    if kind == "table" and slide.table is not None:
        return _table_pages(base, theme, lang)
    if kind == "image":
        return [replace(base, body_size=theme.sizes.body)]
    if kind == "quote":
        return [replace(base, body_size=theme.sizes.body)]
    box = body_box(theme, with_picture=picture is not None)
    return _paginate(theme, base, box, lang)


TABLE_SIZE = 18.0


def table_row_heights(theme: Theme, header: tuple[str, ...], rows: tuple[tuple[str, ...], ...],
                      width: float, size: float = TABLE_SIZE, *,
                      bold_first: bool = False) -> tuple[list[float], list[float]]:
    """Column widths (proportional to content, at least a share each) and the height of every row.

    The header row is bold, and so is the first column when `bold_first` (a glossary's terms).
    """
    ncol = max(len(header), *(len(r) for r in rows)) if rows else len(header)
    longest = [max([len(header[c]) if c < len(header) else 0] + [len(r[c]) if c < len(r) else 0 for r in rows])
               for c in range(ncol)]
    weights = [min(max(n, 6), 60) for n in longest]
    cols = [width * w / sum(weights) for w in weights]
    heights = []
    def font(ri: int, c: int) -> Path:
        bold = ri == 0 or (bold_first and c == 0)
        return theme.heading_font.file if bold else theme.body_font.file

    for ri, row in enumerate((header, *rows)):
        h = max(paragraphs_height([Para(row[c] if c < len(row) else "", size)], font(ri, c), cols[c] - 14.4)
                for c in range(ncol))
        heights.append(h + 7.2 + 2)
    return cols, heights


def _table_pages(base: PlannedSlide, theme: Theme, lang: str) -> list[PlannedSlide]:
    table = base.table
    assert table is not None
    box = body_box(theme)
    _, heights = table_row_heights(theme, table.header, table.rows, box.w, bold_first=base.kind == "glossary")
    pages: list[list[tuple[str, ...]]] = [[]]
    used = heights[0]
    for row, h in zip(table.rows, heights[1:]):
        if pages[-1] and used + h > box.h:
            pages.append([])
            used = heights[0]
        pages[-1].append(row)
        used += h
    out = []
    for n, rows in enumerate(pages, 1):
        title = _part_title(base.title, n, len(pages), lang)
        out.append(replace(base, title=title, table=replace(table, rows=tuple(rows)), body_size=TABLE_SIZE,
                           part=(n, len(pages))))
    return out


def _fit_title(theme: Theme, slide: PlannedSlide, warnings: list[str]) -> None:
    box = title_box(theme)
    if best_size(theme, [slide.title], box, theme.sizes.title, theme.sizes.title_min - 6,
                 bullets=False, bold=True) is None:
        warnings.append(f"title too long to fit: \"{slide.title[:50]}…\"")


def glossary_for(outline: Outline, slides: list[PlannedSlide]) -> list[GlossaryEntry]:
    """The jargon worth explaining to newcomers (terms the distiller flagged on slides), in document order.

    Ranked: terms shown on the deck, terms the document defines itself, acronyms, terms in
    section titles (the document's key concepts), then the terms found on the most slides.
    """
    shown = " ".join(s.title + " " + " ".join(i.text for i in s.items) for s in slides).lower()
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
    chosen = {i for i, _ in sorted(candidates, key=rank)[:MAX_GLOSSARY]}
    return [g for i, g in candidates if i in chosen]


def outline_to_plan(outline: Outline, level: str, theme: Theme, *, slug: str, root: Path) -> DeckPlan:
    """Plan the deck of `outline` for audience `level` with `theme`'s geometry.

    A deck far longer than its slot is planned again with its least essential slides folded
    into their neighbours' notes (nothing of the text is lost, only screens).
    """
    plan = _plan(outline, level, theme, slug=slug, root=root)
    excess = plan.estimated_minutes - plan.target_minutes * OVERRUN
    if excess <= 0:
        return plan
    folded, names = fold_slides(outline, plan.audience, excess * 60 + plan.target_minutes * 60 * (OVERRUN - 1.05))
    if not names:
        return plan
    again = _plan(folded, level, theme, slug=slug, root=root)
    note = (f"{len(names)} slides folded into the previous slide's notes to fit the "
            f"{plan.target_minutes:.0f}-minute slot: {', '.join(names[:5])}{'…' if len(names) > 5 else ''}")
    return replace(again, warnings=(note, *again.warnings))


OVERRUN = 1.25  # a deck up to a quarter over its slot is left as the outline says


def fold_slides(outline: Outline, audience: Audience, seconds: float) -> tuple[Outline, list[str]]:
    """Remove slides worth about `seconds` of screen time for this level, moving their notes up.

    Folded first: slides only experts see (deep subsections, extra figures), then the last slides
    of the sections that have the most. A section's first slide is always kept.
    """
    pace = _pace(audience)
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


def _plan(outline: Outline, level: str, theme: Theme, *, slug: str, root: Path) -> DeckPlan:
    audience = audience_for(outline, level)
    lang = outline.meta.lang
    wpm = words_per_minute(lang)
    pace = _pace(audience)
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
    slides += _paginate(theme, agenda, body, lang, bullets=False)

    for section, chosen in sections:
        # a divider announces subsections; a part told in one slide of its own name needs none
        subsections = any(sl.title != section.title for sl in chosen if sl.kind in ("content", "summary"))
        with_divider = section.id in numbers and audience.id != "general" and (subsections or section.notes)
        if with_divider:
            notes = section.notes or f"{t(lang, 'transition')} {quoted(section.title, lang)}."
            slides.append(PlannedSlide(kind="section", title=section.title, notes=notes, ref=section.id,
                                       number_label=numbers[section.id]))
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
            slides += _table_pages(gl, theme, lang)
    takeaways = [p for p in outline.takeaways if audience.id in p.levels][: max(3, audience.max_points)]
    if takeaways:
        tk = PlannedSlide(kind="takeaways", title=t(lang, "takeaways"),
                          items=tuple(Item(p.text, source=p.source) for p in takeaways),
                          notes=t(lang, "takeaways_notes") + ".\n\n" + "\n".join(f"• {p.text}" for p in takeaways))
        slides += _paginate(theme, tk, body, lang)
    if audience.id == "expert" and outline.references:
        refs = PlannedSlide(kind="references", title=t(lang, "references"),
                            items=tuple(Item(r) for r in outline.references),
                            notes=t(lang, "references_notes") + ".\n\n" + "\n".join(outline.references))
        slides += _paginate(theme, refs, body, lang)
    slides.append(PlannedSlide(kind="closing", title=t(lang, "closing"), subtitle=t(lang, "thanks"),
                               items=(Item(byline),) if byline else (),
                               notes=t(lang, "closing_notes")))

    for s in slides:
        _fit_title(theme, s, warnings)
    pace = _fit_pace(slides, pace, wpm, audience, warnings)
    slides = _timed(slides, pace, wpm, lang)
    total = sum(s.seconds for s in slides) / 60
    if abs(total - audience.minutes) > 0.25 * audience.minutes:
        how = "cut slides or points in the outline" if total > audience.minutes else "the source is short"
        warnings.append(f"estimated {total:.0f} min for a {audience.minutes:.0f}-minute slot ({how})")
    return DeckPlan(slug=slug, audience=audience, lang=lang, title=meta.title, subtitle=meta.subtitle,
                    author=meta.author, date=meta.date, event=meta.event, slides=tuple(slides),
                    warnings=tuple(dict.fromkeys(warnings)), words_per_minute=wpm)


def _fit_pace(slides: list[PlannedSlide], pace: Pace, wpm: int, audience: Audience,
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


def _timed(slides: list[PlannedSlide], pace: Pace, wpm: int, lang: str) -> list[PlannedSlide]:
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
