"""Choosing a slide's points: shortened sentences picked by centrality, keyphrase coverage and novelty, tier by tier."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from deckgen.outline.model import Point
from deckgen.textutil import words

from .glossary import Glossary
from .keyphrases import (
    Keyphrase,
    centrality,
    cosine,
    extract_keyphrases,
    idf_table,
    jaccard,
    stems,
    tfidf,
)
from .sections import EXPERT, GENERAL, PRACTITIONER, Sentence
from .sentences import rules_for, tokens
from .shorten import shorten
from .standalone import Context, subject_of

MAX_SIMILARITY = 0.5  # content-word Jaccard above which two points say the same thing
TOP_KEYPHRASES = 15
KEYPHRASE_CHECK = 5  # the keyphrases whose coverage by the expert points is measured


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
    lang: str

    @cached_property
    def keyphrases(self) -> tuple[Keyphrase, ...]:
        # YAKE costs more than the rest of a scope: only when a pick or a repair asks
        return extract_keyphrases(" ".join(s.text for s in self.sentences), self.lang, TOP_KEYPHRASES)

    @property
    def must(self) -> tuple[Keyphrase, ...]:
        """The keyphrases the expert points should cover."""
        return self.keyphrases[:KEYPHRASE_CHECK]


def count_covered(picks: list[Pick], keyphrases: tuple[Keyphrase, ...]) -> int:
    have = set().union(*(p.option.stems for p in picks)) if picks else set()
    return sum(k.covered_by(have) for k in keyphrases)


class Distiller:
    """The shared state of one distillation: language, glossary and TF-IDF statistics of the document."""

    def __init__(self, lang: str, glossary: Glossary, all_sentences: list[Sentence]) -> None:
        self.lang = lang
        self.glossary = glossary
        self.idf = idf_table([s.text for s in all_sentences], lang)
        self.rules = rules_for(lang)
        # what a leading "It"/"Elle" of each sentence may stand for: the previous sentence's subject
        self.contexts: dict[int, Context] = {}
        previous: dict[str, Sentence] = {}
        for s in all_sentences:
            before = previous.get(s.section_id)
            self.contexts[s.order] = subject_of(before.text, lang) if before else Context()
            previous[s.section_id] = s

    def scope(self, sentences: list[Sentence]) -> Scope:
        cents = centrality([tfidf(s.text, self.lang, self.idf) for s in sentences])
        return Scope(tuple(sentences), tuple(cents), self.lang)

    def options(self, scope: Scope, limit: int) -> list[Option]:
        """Every valid version of every sentence of the scope within `limit` words."""
        out: list[Option] = []
        # a section about the document itself ("Pourquoi ce guide") may say so, when it says nothing else
        for about_the_page in (False, True):
            for s, cent in zip(scope.sentences, scope.centrality):
                for comp in shorten(s.text, self.lang, limit, self.contexts.get(s.order, Context()),
                                    about_the_page=about_the_page):
                    out.append(Option(s, comp.text, comp.cost, cent, tfidf(comp.text, self.lang, self.idf),
                                      frozenset(stems(comp.text, self.lang))))
            if out:
                break
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
            before = count_covered(picks, wanted)
            for o in sorted((o for o in options if k.covered_by(o.stems)),
                            key=lambda o: (o.cost, -o.words, o.sentence.order)):
                trial = self._with(picks, o, limits, expert, demote)
                if trial is not None and count_covered(trial, wanted) > before:
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
