"""Outline slides of a section: its point slides and its tables, quotes and pictures."""

from __future__ import annotations

from dataclasses import dataclass, replace

from deckgen.document import DO_MARK, DONT_MARK, Code, Document, Image, Paragraph, Quote, Section, Table
from deckgen.levels import LEVEL_IDS
from deckgen.outline.model import CodeSample, OutlineSection, Picture, Point, Slide, TableData

from .glossary import Glossary
from .keyphrases import Keyphrase
from .points import (
    DEEP_TIER,
    EXPERT_TIER,
    GENERAL_TIER,
    Distiller,
    Pick,
    Scope,
    Tier,
    count_covered,
    to_points,
)
from .quotes import quotation
from .sections import (
    EXPERT,
    GENERAL,
    PRACTITIONER,
    Sentence,
    full_text,
    is_reference_section,
    own_text,
    section_sentences,
    table_sentences,
)

# --------------------------------------------------------------------------- slides


def _unique(ident: str, taken: set[str]) -> str:
    out, n = ident, 2
    while out in taken:
        out, n = f"{ident}-{n}", n + 1
    taken.add(out)
    return out


def _picture_path(image: Image) -> str | None:
    """The picture as the document names it: its resolved file (the caller stores it relative to the
    outline), or a remote address as written. Missing and remote pictures are kept: the build warns
    about each and shows a marked placeholder, so a mistyped path is never dropped silently."""
    if not image.src:
        return None
    return image.src if image.path is None else str(image.path)


def _titled(title: str, header: tuple[str, ...], lang: str) -> str:
    """A table slide's title names what the table compares, so it never repeats its section's."""
    marks = f"{DO_MARK}{DONT_MARK} "  # a do/don't mark is for the columns' heads
    cols = [h.strip(marks) for h in header if h.strip(marks)]
    if not cols:
        return f"{title} — {'tableau' if lang == 'fr' else 'table'}"
    sep = "\u00a0: " if lang == "fr" else ": "
    return f"{title}{sep}{', '.join(cols)}"


CODE_LINES = 40  # a longer listing is a file to read, not an example to show
CODE_PER_SECTION = 3  # a style guide shows a few examples per rule, not every variant


def _extra_slides(section: Section, levels: tuple[str, ...], lang: str, taken: set[str],
                  cover_src: str | None, *, general_tables: bool = False) -> tuple[Picture | None, list[Slide]]:
    """A section's tables and pictures: the first picture goes on its slide, the rest get their own."""
    picture: Picture | None = None
    extra: list[Slide] = []
    codes, said = 0, ""
    blocks = section.blocks
    for i, block in enumerate(blocks):
        quoted = quotation(block, blocks[i + 1] if i + 1 < len(blocks) else None)
        if isinstance(block, Paragraph):
            said = block.text  # what the author says just before a code block explains it
        if isinstance(block, Table) and block.rows:
            extra.append(Slide(
                id=_unique(f"{section.id}-table", taken), title=_titled(section.title, block.header[:3], lang),
                kind="table",
                levels=levels if general_tables else
                tuple(lv for lv in levels if lv != GENERAL) or (PRACTITIONER, EXPERT),
                table=TableData(block.header, block.rows), notes=table_sentences(block, lang), line=section.line))
        elif isinstance(block, Quote) and quoted is not None:
            # a quotation the author set apart is a key message: a slide of its own, verbatim, with its speaker
            text, who = quoted
            extra.append(Slide(id=_unique(f"{section.id}-quote", taken),
                               title=f"{section.title} — {'citation' if lang == 'fr' else 'quote'}", kind="quote",
                               levels=levels, points=(Point(text, levels, f"{section.id}:L{block.line}"),),
                               notes=text + (f"\n— {who}" if who else ""), line=block.line, attribution=who))
        elif isinstance(block, Code) and _worth_showing(block) and codes < CODE_PER_SECTION:
            # code is shown to those who write it; its text stays editable in the outline
            codes += 1
            word = "exemple" if lang == "fr" else "example"
            extra.append(Slide(
                id=_unique(f"{section.id}-code", taken),
                title=f"{section.title} — {word}" + (f" {codes}" if codes > 1 else ""), kind="code",
                levels=tuple(lv for lv in levels if lv != GENERAL) or (PRACTITIONER, EXPERT),
                code=CodeSample(block.text.rstrip("\n"), block.lang), notes=_code_notes(section, block, said, lang),
                line=block.line))
        elif isinstance(block, Image) and block.src != cover_src:
            path = _picture_path(block)
            if path is None:
                continue
            pic = Picture(path, block.alt or section.title)
            if picture is None:
                picture = pic
            else:
                # a figure without alt text is named by its section and its rank: titles never repeat
                rank = 2 + sum(s.kind == "image" for s in extra)
                title = block.alt or f"{section.title} — figure {rank}"
                extra.append(Slide(id=_unique(f"{section.id}-image", taken), title=title,
                                   kind="image", levels=levels, picture=pic, notes=block.alt or section.title,
                                   line=section.line))
    return picture, extra


def _worth_showing(block: Code) -> bool:
    """A listing of a few lines up to a page; a lone short command ("npm i") is said, not shown alone."""
    lines = [ln for ln in block.text.splitlines() if ln.strip()]
    return 0 < len(lines) <= CODE_LINES and (len(lines) > 1 or len(lines[0].split()) >= 3)


def _code_notes(section: Section, block: Code, said: str, lang: str) -> str:
    """What the presenter says over a code example: where it comes from and the text that introduces it."""
    what = block.lang or "code"
    intro = (f"Exemple de code ({what}) de « {section.title} »." if lang == "fr"
             else f"Code example ({what}) from \"{section.title}\".")
    return f"{intro}\n\n{said}".strip()


@dataclass
class _Draft:
    """A slide being built: its points stay open to repair until the section is done."""

    slide: Slide
    scope: Scope | None = None
    tiers: tuple[Tier, ...] = ()
    picks: list[Pick] | None = None

    def done(self) -> Slide:
        return replace(self.slide, points=to_points(self.picks)) if self.picks is not None else self.slide


class OutlineBuilder:
    """Turns the sections of one document into outline sections, sharing ids and statistics."""

    def __init__(self, doc: Document, body: list[Section], glossary: Glossary) -> None:
        self.lang = doc.lang
        self.taken: set[str] = set()
        self.cover_src = doc.cover.src if doc.cover else None
        counter = [0]
        self.by_section = {s.id: section_sentences(s, self.lang, counter) for top in body for s in top.walk()}
        self.glossary = glossary
        self.promoted: frozenset[str] = frozenset()  # sections shown to the general audience beyond the parts
        self.d = Distiller(self.lang, glossary, [s for v in self.by_section.values() for s in v])

    def sentences(self, section: Section) -> list[Sentence]:
        return self.by_section.get(section.id, [])

    def tree_sentences(self, section: Section) -> list[Sentence]:
        return [s for sub in section.walk() for s in self.sentences(sub)]

    def terms(self, text: str, section: Section | None = None) -> tuple[str, ...]:
        """Jargon in `text`, leaving out the section's code (SQL keywords, identifiers are no terms)."""
        for s in section.walk() if section is not None else ():
            for b in s.blocks:
                if isinstance(b, Code) and b.text.strip():
                    text = text.replace(b.text.rstrip("\n"), " ")
        return self.glossary.terms_in(text)

    def content(self, section: Section, ident: str, levels: tuple[str, ...], tiers: tuple[Tier, ...],
                sentences: list[Sentence], notes: str) -> list[_Draft]:
        """A content slide with points for each tier (repaired to cover its keyphrases), then its
        tables and extra pictures."""
        # a part told only by a table shows it to newcomers too when the general deck needs the slide
        picture, extra = _extra_slides(section, levels, self.lang, self.taken, self.cover_src,
                                       general_tables=not sentences and section.id in self.promoted)
        slide = Slide(id=ident, title=section.title, levels=levels,
                      terms=self.terms(section.title + "\n" + notes, section),
                      notes=notes or section.title, kind="content", picture=picture, line=section.line)
        if not sentences:
            # a section of only tables or pictures: their own slides say it all
            return [_Draft(s) for s in extra] if extra and picture is None else [_Draft(slide), *map(_Draft, extra)]
        scope = self.d.scope(sentences)
        picks = self.d.pick(scope, tiers)
        draft = _Draft(slide, scope, tiers, self.d.repair(picks, scope, tiers, scope.must))
        return [draft, *(_Draft(s) for s in extra)]

    def section(self, top: Section, role: str, promoted: frozenset[str] = frozenset()) -> OutlineSection:
        """The slides of a top-level part; subsections in `promoted` are shown to the general audience too."""
        self.promoted = promoted
        subs = [c for c in top.children if not is_reference_section(c, last=False)]
        if not subs:
            ident = _unique(top.id, self.taken)
            drafts = self.content(top, ident, LEVEL_IDS, (GENERAL_TIER, DEEP_TIER, EXPERT_TIER),
                                  self.sentences(top), full_text(top, self.lang))
            return OutlineSection(top.id, top.title, top.number, tuple(d.done() for d in drafts), top.line, "", role)
        # a subsection with a general slide of its own carries its text in that slide's notes: the
        # overview's notes would otherwise say it twice (and the talk would be timed twice as long)
        notes = full_text(top, self.lang, skip=promoted)
        everything = self.tree_sentences(top)
        overview = Slide(id=_unique(f"{top.id}-overview", self.taken), title=top.title, levels=(GENERAL,),
                         kind="summary", terms=self.terms(notes, top), notes=notes, line=top.line)
        drafts: list[_Draft] = []
        deep = (DEEP_TIER, EXPERT_TIER)
        own = self.sentences(top)
        told: list[_Draft] = []
        for sub in subs:
            told += self.subsection(sub, general=sub.id in promoted)
        # a long introduction to the part deserves its own slide beyond the divider, and so does a short
        # one when the subsections give nothing to show ("Droit applicable: French law governs" above a
        # subsection of long clauses): without it, the part would have no slide beyond the general deck
        if len(own) >= 3 or (own and not any(d.picks for d in told)):
            drafts += self.content(top, _unique(f"{top.id}-intro", self.taken), DEEP_TIER.levels, deep, own,
                                   own_text(top, self.lang))
        else:  # the part's own pictures and tables: the overview shows its first picture, the others get slides
            picture, extra = _extra_slides(top, DEEP_TIER.levels, self.lang, self.taken, self.cover_src)
            if picture is not None:
                overview = replace(overview, picture=picture)
                extra.insert(0, Slide(id=_unique(f"{top.id}-image", self.taken), title=top.title, kind="image",
                                      levels=DEEP_TIER.levels, picture=picture, notes=picture.alt, line=top.line))
            drafts += [_Draft(s) for s in extra]
        drafts += told
        # subsections with a general slide of their own tell their story there: the overview tours the rest
        shown = {p.option.sentence.order for d in drafts for p in d.picks or () if GENERAL in p.levels}
        tour = [s for s in everything if s.order not in shown]
        if tour:
            picks = self.d.pick(self.d.scope(tour), (GENERAL_TIER,), spread=True)
            overview = replace(overview, points=tuple(replace(p, levels=(GENERAL,)) for p in to_points(picks)))
        if everything:
            self.repair_section(drafts, self.d.scope(everything).must)
        slides = (overview, *(d.done() for d in drafts))
        return OutlineSection(top.id, top.title, top.number, slides, top.line, own_text(top, self.lang), role)

    def subsection(self, sub: Section, *, general: bool = False) -> list[_Draft]:
        own = self.sentences(sub)
        pool = own if len(own) >= 2 or not sub.children else self.tree_sentences(sub)
        levels, tiers = (LEVEL_IDS, (GENERAL_TIER, DEEP_TIER, EXPERT_TIER)) if general else \
            (DEEP_TIER.levels, (DEEP_TIER, EXPERT_TIER))
        out = self.content(sub, _unique(sub.id, self.taken), levels, tiers, pool, full_text(sub, self.lang))
        for deeper in sub.walk():
            if deeper is not sub and not is_reference_section(deeper, last=False):
                out += self.content(deeper, _unique(deeper.id, self.taken), (EXPERT,), (EXPERT_TIER,),
                                    self.sentences(deeper), own_text(deeper, self.lang))
        return out

    def repair_section(self, drafts: list[_Draft], wanted: tuple[Keyphrase, ...]) -> None:
        """Cover the whole section's keyphrases with the expert points of its slides, slide by slide."""
        for k in wanted:
            have = {s for d in drafts if d.picks for p in d.picks for s in p.option.stems}
            if k.covered_by(have):
                continue
            for d in drafts:
                if d.scope is None or d.picks is None:
                    continue
                keep = d.scope.must + tuple(w for w in wanted if w is not k)
                repaired = self.d.repair(d.picks, d.scope, d.tiers, (k,), demote=True)
                if repaired is not d.picks and count_covered(repaired, keep) >= count_covered(d.picks, keep):
                    d.picks = repaired
                    break
