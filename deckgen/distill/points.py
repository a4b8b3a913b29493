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
    stem_overlap,
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

    @cached_property
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

    @cached_property
    def options(self) -> dict[int, list[Option]]:
        """`Distiller.options` of this scope by word limit: a repair asks again for the expert band's."""
        return {}

    @property
    def must(self) -> tuple[Keyphrase, ...]:
        """The keyphrases the expert points should cover."""
        return self.keyphrases[:KEYPHRASE_CHECK]


def count_covered(picks: list[Pick], keyphrases: tuple[Keyphrase, ...]) -> int:
    have = set().union(*(p.option.stems for p in picks)) if picks else set()
    return sum(k.covered_by(have) for k in keyphrases)


class _Candidate:
    """An option competing for a slide's next point: its standing against the picks so far is kept
    up to date pick by pick, instead of being measured against every pick for every place."""

    __slots__ = ("option", "fixed", "keys", "similarity")

    def __init__(self, option: Option, fixed: tuple[float, ...],
                 keyphrases: list[tuple[int, float, frozenset[str]]]) -> None:
        self.option = option
        self.fixed = fixed
        # the keyphrases this option covers (`Keyphrase.covered_by`), by index in rank order, and their weights
        self.keys = [(i, w) for i, w, needs in keyphrases if needs <= option.stems]
        self.similarity: float | None = None  # the highest cosine with a pick; None before the first

    def add(self, pick: Pick) -> bool:
        """Take a new pick into account; False when the option can no longer be picked (its sentence
        is shown, or it says what the pick says)."""
        o, p = self.option, pick.option
        if o.sentence.order == p.sentence.order or stem_overlap(o.stems, p.stems) >= MAX_SIMILARITY:
            return False
        sim = cosine(o.vector, p.vector)
        self.similarity = sim if self.similarity is None else max(self.similarity, sim)
        return True

    def value(self, covered: set[int], same_section: bool) -> float:
        """Maximal marginal relevance: what the option adds (keyphrases not `covered` yet), minus what
        it repeats; `same_section` when spreading an overview and a pick comes from its section."""
        o = self.option
        gain = sum(w for i, w in self.keys if i not in covered)
        value = 0.40 * o.centrality + 0.30 * gain + 0.10 * o.sentence.lead + 0.01 * o.words - 0.06 * o.cost
        for penalty in self.fixed:
            value -= penalty
        if self.similarity is not None:
            value -= 0.35 * self.similarity
        if same_section:
            value -= 0.25  # an overview should tour the subsections, not dwell on one
        return value


class Distiller:
    """The shared state of one distillation: language, glossary and TF-IDF statistics of the document."""

    def __init__(self, lang: str, glossary: Glossary, all_sentences: list[Sentence]) -> None:
        self.lang = lang
        self.glossary = glossary
        self.idf = idf_table([s.text for s in all_sentences], lang)
        self.rules = rules_for(lang)
        self._penalties: dict[tuple[str, bool], tuple[float, ...]] = {}
        self._forms: dict[str, tuple[dict[str, float], frozenset[str]]] = {}
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
        """Every valid version of every sentence of the scope within `limit` words (not to be changed)."""
        if limit in scope.options:
            return scope.options[limit]
        out = scope.options[limit] = []
        # a section about the document itself ("Pourquoi ce guide") may say so, when it says nothing else
        for about_the_page in (False, True):
            for s, cent in zip(scope.sentences, scope.centrality):
                for comp in shorten(s.text, self.lang, limit, self.contexts.get(s.order, Context()),
                                    about_the_page=about_the_page):
                    out.append(Option(s, comp.text, comp.cost, cent, *self._form(comp.text)))
            if out:
                break
        return out

    def _form(self, text: str) -> tuple[dict[str, float], frozenset[str]]:
        """A version's TF-IDF vector and stems (read-only), made once: it is an option of every tier and
        scope its sentence is in."""
        found = self._forms.get(text)
        if found is None:
            found = self._forms[text] = (tfidf(text, self.lang, self.idf), frozenset(stems(text, self.lang)))
        return found

    # ----- scoring

    def pick(self, scope: Scope, tiers: tuple[Tier, ...], *, spread: bool = False) -> list[Pick]:
        """Each tier adds its best points greedily (MMR) until the slide holds `tier.upto` points."""
        picks: list[Pick] = []
        for tier in tiers:
            if len(picks) >= tier.upto:
                continue
            options = self.options(scope, tier.limit)
            if not options:
                continue
            keyphrases = scope.keyphrases
            needs = [(i, k.weight, frozenset(k.stems)) for i, k in enumerate(keyphrases) if k.stems]
            candidates = [_Candidate(o, self._fixed(o, tier), needs) for o in options]
            for p in picks:
                candidates = [c for c in candidates if c.add(p)]
            while len(picks) < tier.upto and candidates:
                have = set().union(*(p.option.stems for p in picks)) if picks else set()
                covered = {i for i, k in enumerate(keyphrases) if k.covered_by(have)}
                sections = {p.option.sentence.section_id for p in picks} if spread else set()
                best: tuple[float, int, Option] | None = None
                for c in candidates:
                    v = c.value(covered, c.option.sentence.section_id in sections)
                    if best is None or (v, -c.option.sentence.order) > (best[0], best[1]):
                        best = (v, -c.option.sentence.order, c.option)
                assert best is not None
                chosen = Pick(best[2], tier.levels)
                picks.append(chosen)
                candidates = [c for c in candidates if c.add(chosen)]
        return picks

    def _fixed(self, o: Option, tier: Tier) -> tuple[float, ...]:
        """The penalties an option takes whatever else is picked, in the order they are taken."""
        # they depend on its text alone, and a sentence's versions compete in every tier and scope it is in
        key = (o.text, tier.plain)
        found = self._penalties.get(key)
        if found is None:
            found = self._penalties[key] = self._penalties_of(o, tier)
        return found

    def _penalties_of(self, o: Option, tier: Tier) -> tuple[float, ...]:
        out = []
        first = self._subject_word(o.text)
        if first in self.rules.pronoun_start:
            out.append(0.30 if tier.plain else 0.12)  # "Elle permet…" leans on a sentence not shown
        elif first in self.rules.demonstratives:
            out.append(0.12 if tier.plain else 0.05)
        if tier.plain and self.glossary.has_jargon(o.text):
            out.append(0.25)  # the general deck's glossary explains it, but plain words are better
        if o.words < 6:
            out.append(0.06)  # "Les opportunités sont immenses": true, but says little
        return tuple(out)

    @staticmethod
    def _subject_word(text: str) -> str:
        """The first word of the main clause, past a short opener ("En 2025, elle …" → "elle")."""
        head, sep, rest = text.partition(", ")
        toks = tokens(rest if sep and len(head.split()) <= 4 else text)
        return toks[0] if toks else ""

    def _distinct(self, o: Option, picks: list[Pick]) -> bool:
        return all(stem_overlap(o.stems, p.option.stems) < MAX_SIMILARITY for p in picks)

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
