"""distill: Document → Outline (deterministic, offline).

For every top-level section: a role in the story, slides for each audience level, short points
taken from the section's own sentences, the jargon on each slide, and speaker notes carrying the
full text. Points are chosen by extractive summarisation:

1. sentences are split with pysbd and scored by centrality (TF-IDF cosine to the group's centroid
   and TextRank over the sentence-similarity graph);
2. each sentence is shortened by deletion only (sentences.shorten) to fit the level's word limit;
3. points are picked greedily by maximal marginal relevance: centrality plus the YAKE keyphrases a
   point newly covers, minus its similarity to points already picked, so no two say the same thing.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace
from pathlib import Path

from .document import Document, Image, ListBlock, Paragraph, Quote, Section, Table
from .glossary import Chunk, Glossary, build_glossary
from .keyphrases import Keyphrase, centrality, cosine, coverage, extract_keyphrases, idf_table, jaccard, stems, tfidf
from .levels import LEVEL_IDS
from .outline import Cover, Meta, Outline, OutlineSection, Picture, Point, Slide, TableData
from .sentences import rules_for, shorten, split_sentences, tokens
from .textutil import block_text, slugify, words

GENERAL, PRACTITIONER, EXPERT = LEVEL_IDS
MAX_SIMILARITY = 0.5  # content-word Jaccard above which two points say the same thing
TOP_KEYPHRASES = 15
KEYPHRASE_CHECK = 5  # the keyphrases whose coverage by the expert points is measured


# --------------------------------------------------------------------------- sentences of the document


@dataclass(frozen=True)
class Sentence:
    """One sentence of the source and where it is."""

    text: str
    section_id: str  # the (sub)section it belongs to
    line: int  # source line of its paragraph or list
    index: int  # its rank in that block, from 1
    order: int  # its rank in the document (tie-break for stable choices)
    lead: bool  # first sentence of its block: writers put the topic there

    @property
    def source(self) -> str:
        return f"{self.section_id}:L{self.line}:s{self.index}"


def _block_sentences(block, lang: str) -> list[str]:
    if isinstance(block, Paragraph | Quote):
        return list(split_sentences(block.text, lang))
    if isinstance(block, ListBlock):
        return [s for item in block.items for s in split_sentences(item.text, lang)]
    return []  # tables, code and pictures go to notes and their own slides, never to points


def _sentences(section: Section, lang: str, counter: list[int]) -> list[Sentence]:
    """Sentences of a section's own blocks (not its subsections)."""
    out = []
    for block in section.blocks:
        for k, text in enumerate(_block_sentences(block, lang), 1):
            counter[0] += 1
            out.append(Sentence(text, section.id, block.line, k, counter[0], k == 1))
    return out


def section_sentence_text(section: Section, lang: str) -> str:
    """The running text of a section and its subsections, sentence after sentence (what YAKE reads)."""
    return " ".join(t for sub in section.walk() for b in sub.blocks for t in _block_sentences(b, lang))


# --------------------------------------------------------------------------- notes


def _table_sentences(table: Table, lang: str) -> str:
    """A table read aloud: one line per row, "header: value" for each filled cell."""
    sep, semi = (" : ", " ; ") if lang == "fr" else (": ", "; ")
    lines = []
    for row in table.rows:
        pairs = [f"{h}{sep}{v}" if h else v for h, v in zip(table.header, row) if v]
        if pairs:
            lines.append(semi.join(pairs) + ".")
    return "\n".join(lines)


def _block_notes(block, lang: str) -> str:
    if isinstance(block, Table):
        return _table_sentences(block, lang)
    return block_text(block)


def own_text(section: Section, lang: str) -> str:
    """The text of a section's own blocks, as notes."""
    return "\n\n".join(t for t in (_block_notes(b, lang) for b in section.blocks) if t.strip())


def full_text(section: Section, lang: str) -> str:
    """A section's own text then each subsection's, titled, as the presenter reads them."""
    parts = [own_text(section, lang)]
    for child in section.children:
        if is_reference_section(child, last=False):
            continue  # its items go to the outline's references
        heading = f"{child.number} {child.title}".strip()
        parts.append(heading + "\n\n" + full_text(child, lang))
    return "\n\n".join(p for p in parts if p.strip()).strip()


# --------------------------------------------------------------------------- section roles and references


# Cues are word beginnings in accent-free lower case ("technolog" matches "technologiques");
# a trailing \b makes a short cue a whole word ("vers" is not "version").
_ROLE_CUES = {
    "conclusion": (r"conclusion", r"en resume", r"synthese", r"summary", r"closing", r"final thoughts",
                   r"pour conclure", r"bilan", r"key takeaways", r"a retenir", r"wrap up"),
    "use-cases": (r"cas d usage", r"usages?\b", r"applications?\b", r"use cases?\b", r"exemples?\b",
                  r"retours? d experience", r"case stud", r"etudes? de cas", r"in practice", r"en pratique",
                  r"deploiement", r"deployment"),
    "outlook": (r"perspective", r"future", r"futur", r"avenir", r"outlook", r"vers\b", r"toward", r"roadmap",
                r"feuille de route", r"prochaine", r"next steps?\b", r"what s next", r"tendance", r"trend",
                r"prospective"),
    "stakes": (r"enjeu", r"ethique", r"ethic", r"risque", r"risk", r"stakes?\b", r"challenge", r"defis?\b",
               r"limites?\b", r"limitation", r"societ", r"regulation", r"reglementation", r"gouvernance",
               r"governance"),
    "technology": (r"avancees technologiques", r"technolog", r"architecture", r"method", r"technique",
                   r"approach", r"approche", r"implementation", r"mise en oeuvre", r"fonctionnement",
                   r"how it works", r"algorithm", r"models?\b", r"modeles?\b", r"panorama", r"state of the art",
                   r"etat de l art"),
    "context": (r"introduction", r"contexte", r"context\b", r"overview", r"background", r"preambule",
                r"avant propos", r"foreword", r"motivation", r"presentation", r"why\b", r"pourquoi"),
}
# When a title announces several parts ("Défis techniques et perspectives"), the one that drives the
# talk's order wins: a conclusion is a conclusion, use cases lead, outlook closes.
_ROLE_PRECEDENCE = ("conclusion", "use-cases", "outlook", "stakes", "technology", "context")


def _cue_counts(text: str) -> dict[str, int]:
    norm = " " + slugify(text, "").replace("-", " ") + " "
    return {role: sum(len(re.findall(rf"\s{c}", norm)) for c in cues) for role, cues in _ROLE_CUES.items()}


def section_role(section: Section, lang: str) -> str:
    """The part of the story a top-level section tells, from its title, else its subtitles, else its text."""
    for text, threshold in ((section.title, 1), (" ".join(c.title for c in section.children), 2),
                            (full_text(section, lang), 4)):
        counts = _cue_counts(text)
        best = max(counts.values())
        if best >= threshold:
            return next(r for r in _ROLE_PRECEDENCE if counts[r] == best)
    return "other"


_REFERENCE_TITLES = {"references", "reference", "bibliographie", "bibliography", "sources", "works cited",
                     "ouvrages cites", "further reading", "lectures complementaires", "pour aller plus loin",
                     "webographie", "notes et references", "citations", "liens", "links", "literature"}
_CITATION = re.compile(r"https?://|doi\.org|\bdoi:|\bet al\.|\(\s*(?:19|20)\d\d\s*\)|\b(?:19|20)\d\d\b|«|“|\"")


def is_reference_section(section: Section, *, last: bool) -> bool:
    """A list of sources: titled so, or — at the end of the document — nothing but citation-like items."""
    title = slugify(section.title, "").replace("-", " ")
    if title in _REFERENCE_TITLES or title.split(" ")[0] in ("references", "bibliographie", "bibliography"):
        return True
    if not last or section.children or not section.blocks:
        return False
    if not all(isinstance(b, ListBlock) for b in section.blocks):
        return False
    items = [i.text for b in section.blocks for i in b.items]
    return sum(bool(_CITATION.search(i)) for i in items) >= 0.6 * len(items)


def _reference_items(section: Section) -> list[str]:
    out: list[str] = []
    for s in section.walk():
        for b in s.blocks:
            if isinstance(b, ListBlock):
                out += [i.text for i in b.items if i.text.strip()]
            elif isinstance(b, Paragraph | Quote):
                out.append(b.text)
    return out


# --------------------------------------------------------------------------- choosing points


@dataclass(frozen=True)
class Tier:
    """One audience band of a slide: points added for it carry `levels` and fit in `limit` words."""

    levels: tuple[str, ...]
    limit: int
    upto: int  # total points on the slide once this band is filled
    plain: bool = False  # a general audience: avoid jargon when there is a choice


GENERAL_TIER = Tier((GENERAL, PRACTITIONER, EXPERT), 12, 3, plain=True)
DEEP_TIER = Tier((PRACTITIONER, EXPERT), 16, 4)
EXPERT_TIER = Tier((EXPERT,), 18, 6)


@dataclass(frozen=True)
class Option:
    """One shortened version of a sentence, ready to be compared with others."""

    sentence: Sentence
    text: str
    cost: float
    centrality: float
    vector: dict[str, float]
    stems: frozenset[str]

    @property
    def words(self) -> int:
        return len(words(self.text))


@dataclass(frozen=True)
class Pick:
    """An option chosen for a slide and the levels that show it."""

    option: Option
    levels: tuple[str, ...]


@dataclass(frozen=True)
class Scope:
    """The sentences a slide draws its points from, with their centrality and keyphrases."""

    sentences: tuple[Sentence, ...]
    centrality: tuple[float, ...]
    keyphrases: tuple[Keyphrase, ...]

    @property
    def must(self) -> tuple[Keyphrase, ...]:
        """The keyphrases the expert points should cover."""
        return self.keyphrases[:KEYPHRASE_CHECK]


def _covered(picks: list[Pick], keyphrases: tuple[Keyphrase, ...]) -> int:
    have = set().union(*(p.option.stems for p in picks)) if picks else set()
    return sum(k.covered_by(have) for k in keyphrases)


class Distiller:
    """The shared state of one distillation: language, glossary and TF-IDF statistics of the document."""

    def __init__(self, lang: str, glossary: Glossary, all_sentences: list[Sentence]) -> None:
        self.lang = lang
        self.glossary = glossary
        self.idf = idf_table([s.text for s in all_sentences], lang)
        self.rules = rules_for(lang)

    def scope(self, sentences: list[Sentence]) -> Scope:
        text = " ".join(s.text for s in sentences)
        cents = centrality([tfidf(s.text, self.lang, self.idf) for s in sentences])
        return Scope(tuple(sentences), tuple(cents), extract_keyphrases(text, self.lang, TOP_KEYPHRASES))

    def options(self, scope: Scope, limit: int) -> list[Option]:
        """Every valid version of every sentence of the scope within `limit` words."""
        out = []
        for s, cent in zip(scope.sentences, scope.centrality):
            for comp in shorten(s.text, self.lang, limit):
                out.append(Option(s, comp.text, comp.cost, cent, tfidf(comp.text, self.lang, self.idf),
                                  frozenset(stems(comp.text, self.lang))))
        return out

    # ----- scoring

    def value(self, o: Option, tier: Tier, scope: Scope, picks: list[Pick], spread: bool) -> float:
        """Maximal marginal relevance of an option: what it adds, minus what it repeats."""
        covered = set().union(*(p.option.stems for p in picks)) if picks else set()
        gain = sum(k.weight for k in scope.keyphrases if k.covered_by(o.stems) and not k.covered_by(covered))
        value = 0.40 * o.centrality + 0.30 * gain + 0.10 * o.sentence.lead + 0.01 * o.words - 0.06 * o.cost
        first = self._subject_word(o.text)
        if first in self.rules.pronoun_start:
            value -= 0.30 if tier.plain else 0.12  # "Elle permet…" leans on a sentence not shown
        elif first in self.rules.demonstratives:
            value -= 0.12 if tier.plain else 0.05
        if tier.plain and self.glossary.has_jargon(o.text):
            value -= 0.25  # the general deck's glossary explains it, but plain words are better
        if o.words < 6:
            value -= 0.06  # "Les opportunités sont immenses": true, but says little
        if picks:
            value -= 0.35 * max(cosine(o.vector, p.option.vector) for p in picks)
        if spread and any(p.option.sentence.section_id == o.sentence.section_id for p in picks):
            value -= 0.25  # an overview should tour the subsections, not dwell on one
        return value

    @staticmethod
    def _subject_word(text: str) -> str:
        """The first word of the main clause, past a short opener ("En 2025, elle …" → "elle")."""
        head, sep, rest = text.partition(", ")
        toks = tokens(rest if sep and len(head.split()) <= 4 else text)
        return toks[0] if toks else ""

    def _distinct(self, o: Option, picks: list[Pick]) -> bool:
        return all(jaccard(o.text, p.option.text, self.lang) < MAX_SIMILARITY for p in picks)

    def pick(self, scope: Scope, tiers: tuple[Tier, ...], *, spread: bool = False) -> list[Pick]:
        """Each tier adds its best points greedily (MMR) until the slide holds `tier.upto` points."""
        picks: list[Pick] = []
        for tier in tiers:
            options = self.options(scope, tier.limit)
            while len(picks) < tier.upto:
                used = {p.option.sentence.order for p in picks}
                best: tuple[float, int, Option] | None = None
                for o in options:
                    if o.sentence.order in used or not self._distinct(o, picks):
                        continue
                    v = self.value(o, tier, scope, picks, spread)
                    if best is None or (v, -o.sentence.order) > (best[0], best[1]):
                        best = (v, -o.sentence.order, o)
                if best is None:
                    break
                picks.append(Pick(best[2], tier.levels))
        return picks

    def repair(self, picks: list[Pick], scope: Scope, tiers: tuple[Tier, ...],
               wanted: tuple[Keyphrase, ...], *, demote: bool = False) -> list[Pick]:
        """Make the expert points cover `wanted` keyphrases when a version of some sentence can.

        A point may take a longer version of its sentence (moving to the expert band if it no
        longer fits its own and `demote` allows it), an unused sentence may join the expert band,
        or replace its least central point. A change is kept only if coverage strictly grows.
        """
        expert = next((t for t in tiers if t.levels == (EXPERT,)), None)
        if expert is None:
            return picks
        limits = {t.levels: t.limit for t in tiers}
        options = self.options(scope, expert.limit)
        for k in wanted:
            have = set().union(*(p.option.stems for p in picks)) if picks else set()
            if k.covered_by(have):
                continue
            before = _covered(picks, wanted)
            for o in sorted((o for o in options if k.covered_by(o.stems)),
                            key=lambda o: (o.cost, -o.words, o.sentence.order)):
                trial = self._with(picks, o, limits, expert, demote)
                if trial is not None and _covered(trial, wanted) > before:
                    picks = trial
                    break
        return picks

    def _with(self, picks: list[Pick], o: Option, limits: dict[tuple[str, ...], int],
              expert: Tier, demote: bool) -> list[Pick] | None:
        """`picks` with option `o` in, or None when it cannot fit."""
        same = [i for i, p in enumerate(picks) if p.option.sentence.order == o.sentence.order]
        others = [p for i, p in enumerate(picks) if i not in same]
        if not self._distinct(o, others):
            return None
        if same:
            i = same[0]
            levels = picks[i].levels
            if o.words <= limits[levels]:
                return picks[:i] + [Pick(o, levels)] + picks[i + 1:]
            if GENERAL in levels or not demote:
                return None  # general points are few: never traded for detail
            out = picks[:i] + [Pick(o, expert.levels)] + picks[i + 1:]
            # the band the point leaves gets the best expert point that fits it, if any
            spare = [j for j, p in enumerate(out) if p.levels == expert.levels and j != i
                     and p.option.words <= limits[levels]]
            if spare:
                j = min(spare, key=lambda j: (-out[j].option.centrality, out[j].option.sentence.order))
                out[j] = Pick(out[j].option, levels)
            return out
        if len(picks) < expert.upto:
            return picks + [Pick(o, expert.levels)]
        replaceable = [i for i, p in enumerate(picks) if p.levels == expert.levels]
        if not replaceable:
            return None
        i = min(replaceable, key=lambda i: (picks[i].option.centrality, -picks[i].option.sentence.order))
        return picks[:i] + [Pick(o, expert.levels)] + picks[i + 1:]


def to_points(picks: list[Pick]) -> tuple[Point, ...]:
    """Points in the order of the text, so a slide reads like the section."""
    ordered = sorted(picks, key=lambda p: p.option.sentence.order)
    return tuple(Point(p.option.text, p.levels, p.option.sentence.source) for p in ordered)


# --------------------------------------------------------------------------- slides


def _unique(ident: str, taken: set[str]) -> str:
    out, n = ident, 2
    while out in taken:
        out, n = f"{ident}-{n}", n + 1
    taken.add(out)
    return out


def _picture_path(image: Image) -> str | None:
    """Where the slide finds the picture: relative to the project (the working directory) if inside it."""
    if image.path is None or not image.path.is_file():
        return None  # remote pictures are never fetched; missing ones would break the deck
    cwd = Path.cwd()
    return Path(os.path.relpath(image.path, cwd)).as_posix() if image.path.is_relative_to(cwd) else image.src


def _titled(title: str, header: tuple[str, ...], lang: str) -> str:
    """A table slide's title names what the table compares, so it never repeats its section's."""
    cols = [h for h in header if h.strip()]
    if not cols:
        return f"{title} — {'tableau' if lang == 'fr' else 'table'}"
    sep = "\u00a0: " if lang == "fr" else ": "
    return f"{title}{sep}{', '.join(cols)}"


QUOTE_WORDS = (4, 40)  # shorter is not a message, longer does not fit a quote slide


def _extra_slides(section: Section, levels: tuple[str, ...], lang: str, taken: set[str],
                  cover_src: str | None) -> tuple[Picture | None, list[Slide]]:
    """A section's tables and pictures: the first picture goes on its slide, the rest get their own."""
    picture: Picture | None = None
    extra: list[Slide] = []
    for block in section.blocks:
        if isinstance(block, Table) and block.rows:
            extra.append(Slide(
                id=_unique(f"{section.id}-table", taken), title=_titled(section.title, block.header[:3], lang),
                kind="table",
                levels=tuple(lv for lv in levels if lv != GENERAL) or (PRACTITIONER, EXPERT),
                table=TableData(block.header, block.rows), notes=_table_sentences(block, lang), line=section.line))
        elif isinstance(block, Quote) and QUOTE_WORDS[0] <= len(words(block.text)) <= QUOTE_WORDS[1]:
            # a quotation the author set apart is a key message: it gets a slide of its own, verbatim
            extra.append(Slide(id=_unique(f"{section.id}-quote", taken),
                               title=f"{section.title} — {'citation' if lang == 'fr' else 'quote'}", kind="quote",
                               levels=levels, points=(Point(block.text, levels, f"{section.id}:L{block.line}"),),
                               notes=block.text, line=block.line))
        elif isinstance(block, Image) and block.src != cover_src:
            path = _picture_path(block)
            if path is None:
                continue
            pic = Picture(path, block.alt or section.title)
            if picture is None:
                picture = pic
            else:
                extra.append(Slide(id=_unique(f"{section.id}-image", taken), title=block.alt or section.title,
                                   kind="image", levels=levels, picture=pic, notes=block.alt or section.title,
                                   line=section.line))
    return picture, extra


@dataclass
class _Draft:
    """A slide being built: its points stay open to repair until the section is done."""

    slide: Slide
    scope: Scope | None = None
    tiers: tuple[Tier, ...] = ()
    picks: list[Pick] | None = None

    def done(self) -> Slide:
        return replace(self.slide, points=to_points(self.picks)) if self.picks is not None else self.slide


class _Builder:
    """Turns the sections of one document into outline sections, sharing ids and statistics."""

    def __init__(self, doc: Document, body: list[Section], glossary: Glossary) -> None:
        self.lang = doc.lang
        self.taken: set[str] = set()
        self.cover_src = doc.cover.src if doc.cover else None
        counter = [0]
        self.by_section = {s.id: _sentences(s, self.lang, counter) for top in body for s in top.walk()}
        self.glossary = glossary
        self.d = Distiller(self.lang, glossary, [s for v in self.by_section.values() for s in v])

    def sentences(self, section: Section) -> list[Sentence]:
        return self.by_section.get(section.id, [])

    def tree_sentences(self, section: Section) -> list[Sentence]:
        return [s for sub in section.walk() for s in self.sentences(sub)]

    def terms(self, text: str) -> tuple[str, ...]:
        return self.glossary.terms_in(text)

    def content(self, section: Section, ident: str, levels: tuple[str, ...], tiers: tuple[Tier, ...],
                sentences: list[Sentence], notes: str) -> list[_Draft]:
        """A content slide with points for each tier (repaired to cover its keyphrases), then its
        tables and extra pictures."""
        picture, extra = _extra_slides(section, levels, self.lang, self.taken, self.cover_src)
        slide = Slide(id=ident, title=section.title, levels=levels, terms=self.terms(section.title + "\n" + notes),
                      notes=notes or section.title, kind="content", picture=picture, line=section.line)
        if not sentences:
            # a section of only tables or pictures: their own slides say it all
            return [_Draft(s) for s in extra] if extra and picture is None else [_Draft(slide), *map(_Draft, extra)]
        scope = self.d.scope(sentences)
        picks = self.d.pick(scope, tiers)
        draft = _Draft(slide, scope, tiers, self.d.repair(picks, scope, tiers, scope.must))
        return [draft, *(_Draft(s) for s in extra)]

    def section(self, top: Section, role: str) -> OutlineSection:
        subs = [c for c in top.children if not is_reference_section(c, last=False)]
        if not subs:
            ident = _unique(top.id, self.taken)
            drafts = self.content(top, ident, LEVEL_IDS, (GENERAL_TIER, DEEP_TIER, EXPERT_TIER),
                                  self.sentences(top), full_text(top, self.lang))
            return OutlineSection(top.id, top.title, top.number, tuple(d.done() for d in drafts), top.line, "", role)
        notes = full_text(top, self.lang)
        everything = self.tree_sentences(top)
        overview = Slide(id=_unique(f"{top.id}-overview", self.taken), title=top.title, levels=(GENERAL,),
                         kind="summary", terms=self.terms(notes), notes=notes, line=top.line)
        if everything:
            picks = self.d.pick(self.d.scope(everything), (GENERAL_TIER,), spread=True)
            overview = replace(overview, points=tuple(replace(p, levels=(GENERAL,)) for p in to_points(picks)))
        drafts: list[_Draft] = []
        deep = (DEEP_TIER, EXPERT_TIER)
        own = self.sentences(top)
        if len(own) >= 3:  # a long introduction to the part deserves its own slide beyond the divider
            drafts += self.content(top, _unique(f"{top.id}-intro", self.taken), DEEP_TIER.levels, deep, own,
                                   own_text(top, self.lang))
        else:  # the part's own pictures and tables: the overview shows its first picture, the others get slides
            picture, extra = _extra_slides(top, DEEP_TIER.levels, self.lang, self.taken, self.cover_src)
            if picture is not None:
                overview = replace(overview, picture=picture)
                extra.insert(0, Slide(id=_unique(f"{top.id}-image", self.taken), title=top.title, kind="image",
                                      levels=DEEP_TIER.levels, picture=picture, notes=picture.alt, line=top.line))
            drafts += [_Draft(s) for s in extra]
        for sub in subs:
            drafts += self.subsection(sub)
        if everything:
            self.repair_section(drafts, self.d.scope(everything).must)
        slides = (overview, *(d.done() for d in drafts))
        return OutlineSection(top.id, top.title, top.number, slides, top.line, own_text(top, self.lang), role)

    def subsection(self, sub: Section) -> list[_Draft]:
        own = self.sentences(sub)
        pool = own if len(own) >= 2 or not sub.children else self.tree_sentences(sub)
        out = self.content(sub, _unique(sub.id, self.taken), DEEP_TIER.levels, (DEEP_TIER, EXPERT_TIER), pool,
                           full_text(sub, self.lang))
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
                if repaired is not d.picks and _covered(repaired, keep) >= _covered(d.picks, keep):
                    d.picks = repaired
                    break


# --------------------------------------------------------------------------- takeaways


def _takeaways(builder: _Builder, body: list[Section], roles: list[str]) -> tuple[Point, ...]:
    """3–5 short points for the "Key takeaways" slide: the conclusion's, else the document's most central."""
    tier = Tier(LEVEL_IDS, 12, 5, plain=True)
    conclusion = [s for s, r in zip(body, roles) if r == "conclusion"]
    points: tuple[Point, ...] = ()
    if conclusion and builder.tree_sentences(conclusion[-1]):
        points = to_points(builder.d.pick(builder.d.scope(builder.tree_sentences(conclusion[-1])), (tier,)))
    if len(points) < 3:
        everything = [s for top in body for s in builder.tree_sentences(top)]
        if everything:
            more = to_points(builder.d.pick(builder.d.scope(everything), (tier,), spread=True))
            have = {p.text for p in points}
            points = points + tuple(p for p in more if p.text not in have)[: 5 - len(points)]
    return points[:5]


# --------------------------------------------------------------------------- entry point


def _chunks(body: list[Section], lang: str) -> tuple[Chunk, ...]:
    """Every title and block of the talk's sections, in order, for the glossary."""
    out: list[Chunk] = []
    for top in body:
        for s in top.walk():
            if is_reference_section(s, last=False):
                continue
            out.append(Chunk(s.title, s.id, s.line))
            out += [Chunk(_block_notes(b, lang), s.id, b.line) for b in s.blocks]
    return tuple(out)


def document_to_outline(doc: Document, *, source_path: str, source_sha256: str,
                        cover_image: str | None, cover_seed: int) -> Outline:
    """Distill a parsed document into an outline (deterministic, offline)."""
    lang = doc.lang
    body: list[Section] = []
    references: list[str] = []
    for i, top in enumerate(doc.sections):
        if is_reference_section(top, last=i == len(doc.sections) - 1):
            references += _reference_items(top)
        else:
            body.append(top)
            for sub in top.walk():
                if sub is not top and is_reference_section(sub, last=False):
                    references += _reference_items(sub)

    glossary = build_glossary(_chunks(body, lang), lang)

    builder = _Builder(doc, body, glossary)
    roles = [section_role(top, lang) for top in body]
    sections = tuple(builder.section(top, role) for top, role in zip(body, roles))
    cover = Cover(cover_image, doc.cover.alt if doc.cover else "", cover_seed) if cover_image else None
    meta = Meta(title=doc.title, subtitle=doc.subtitle, author=doc.author, date=doc.date, lang=lang, cover=cover)
    return Outline(meta=meta, sections=sections, source_path=source_path, source_sha256=source_sha256,
                   glossary=glossary.entries, takeaways=_takeaways(builder, body, roles),
                   references=tuple(references))


# --------------------------------------------------------------------------- measures


def keyphrase_coverage(doc: Document, outline: Outline, *, level: str = EXPERT,
                       top: int = KEYPHRASE_CHECK) -> dict[str, float]:
    """For each top-level section: the share of its `top` YAKE keyphrases (content words) that occur
    in the points `level` sees on that section's slides."""
    lang = doc.lang
    by_id = {s.id: s for s in doc.sections}
    out: dict[str, float] = {}
    for section in outline.sections:
        src = by_id.get(section.id)
        if src is None:
            continue
        text = section_sentence_text(src, lang)
        kps = extract_keyphrases(text, lang, TOP_KEYPHRASES)[:top]
        points = [p.text for sl in section.slides if level in sl.levels for p in sl.points if level in p.levels]
        out[section.id] = coverage(kps, points, lang)
    return out
