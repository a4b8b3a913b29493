"""The LLM distiller: rewrites the points of an extractive outline, one request per slide.

It starts from the outline the extractive distiller made, so the speaker notes, key terms,
tables, pictures and slide structure stay exactly as deterministic as before; only the points of
content and summary slides (and the key takeaways) are the model's. Every proposed point passes
the reply contract, the level limits and the faithfulness guard; what fails is named in a warning
and the slide keeps extractive points for any level the model left empty. A fault of the server
(unreachable, HTTP error, timeouts) stops the whole run: a half-abstractive outline would be
saved as if complete.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any

from deckgen.outline import Outline, Point, Slide

from .cache import ReplyCache, cache_key
from .client import ChatClient
from .guard import SourceIndex, check_point, fold, stem
from .prompt import Limit, SlideAsk, build_messages, prompt_text, retry_messages
from .reply import Reply, ReplyError, parse_reply

REWRITTEN_KINDS = ("content", "summary")  # quotes stay verbatim; tables and pictures have no points
MAX_TAKEAWAYS = 5
_WORD = re.compile(r"[\w][\w'’\-]*")


@dataclass(frozen=True)
class LLMStats:
    slides: int = 0  # slides whose points were asked for
    from_cache: int = 0
    requests: int = 0  # HTTP requests sent, retries included
    model_points: int = 0
    extractive_points: int = 0  # extractive points kept because the model left a level empty
    refused: int = 0
    fallbacks: int = 0  # slides that kept all their extractive points

    @property
    def model_share(self) -> float:
        total = self.model_points + self.extractive_points
        return self.model_points / total if total else 0.0


@dataclass(frozen=True)
class LLMResult:
    outline: Outline
    warnings: tuple[str, ...]
    stats: LLMStats


@dataclass(frozen=True)
class _Anchor:
    """A block of the source a point can cite: "section-id:L58" and the stems it contains."""

    source: str
    stems: frozenset[str]


@dataclass(frozen=True)
class _Takeaway:
    """A part's key message as the model proposed it, with what the guard checks it against."""

    text: str
    source: str
    index: SourceIndex
    role: str


def _stems(text: str) -> frozenset[str]:
    return frozenset(stem(fold(w)) for w in _WORD.findall(text))


def _block_text(block: Any) -> str:
    """Any content block as text, read by duck typing so this module does not depend on the parser's classes."""
    parts = [getattr(block, "text", "") or "", getattr(block, "alt", "") or ""]
    parts += [getattr(i, "text", "") for i in getattr(block, "items", ()) or ()]
    parts += [" ".join(getattr(block, "header", ()) or ())]
    parts += [" ".join(r) for r in getattr(block, "rows", ()) or ()]
    return " ".join(p for p in parts if p)


def _anchors(section: Any) -> tuple[_Anchor, ...]:
    return tuple(_Anchor(f"{sub.id}:L{block.line}", _stems(_block_text(block)))
                 for sub in section.walk() for block in sub.blocks)


def _cite(text: str, anchors: tuple[_Anchor, ...], fallback: str) -> str:
    """The source block sharing the most words with a point (the first on a tie)."""
    if not anchors:
        return fallback
    want = _stems(text)
    best = max(anchors, key=lambda a: len(want & a.stems))  # max keeps the first of equals
    return best.source if want & best.stems else fallback


def _clean(text: str) -> str:
    text = " ".join(text.split())
    return text[:-1].rstrip() if text.endswith(".") and not text.endswith("..") else text


def _word_count(text: str) -> int:
    return len(_WORD.findall(text))


class LLMDistiller:
    """One run over one outline: the client, the cache, the guard's word lists and the warnings so far."""

    def __init__(self, client: ChatClient, cache: ReplyCache, *, stopwords: frozenset[str],
                 limits: tuple[Limit, ...], lang: str,
                 progress: Callable[[str], None] | None = None) -> None:
        self.client = client
        self.cache = cache
        self.stopwords = stopwords
        self.limits = limits
        self.by_level = {lim.level: lim for lim in limits}
        self.lang = lang
        self.progress = progress or (lambda _msg: None)
        self.warnings: list[str] = []
        self.counts = {"slides": 0, "from_cache": 0, "model_points": 0, "extractive_points": 0,
                       "refused": 0, "fallbacks": 0}

    # ----- one slide

    def ask(self, slide: Slide, source: str) -> tuple[Reply | None, bool]:
        """The model's valid reply for a slide (from the cache when it has one), and whether it was cached."""
        levels = tuple(lim.level for lim in self.limits)
        messages = build_messages(SlideAsk(slide.title, slide.levels, self.limits, source, self.lang))
        key = cache_key(self.client.config.model, prompt_text(messages), source)
        cached = self.cache.get(key)
        if cached is not None:
            try:
                return parse_reply(cached, levels), True
            except ReplyError:
                pass  # written by an older contract: ask again
        current = messages
        problem = ""
        for _attempt in range(2):  # a malformed reply is retried once, with what was wrong with it
            content = self.client.complete(current).content
            try:
                reply = parse_reply(content, levels)
            except ReplyError as exc:
                problem = str(exc)
                current = retry_messages(messages, content, problem)
                continue
            self.cache.put(key, self.client.config.model, content)
            return reply, False
        self.warnings.append(f"slide '{slide.id}': the model's reply was malformed twice ({problem}); "
                             "kept the extractive points")
        return None, False

    def accept(self, slide: Slide, text: str, levels: Iterable[str], index: SourceIndex) -> tuple[str, ...] | None:
        """The levels a proposed point may show at, or None (with a warning) when it is refused."""
        text_levels = tuple(lv for lv in slide.levels if lv in set(levels)) or slide.levels
        n = _word_count(text)
        fitting = tuple(lv for lv in text_levels if lv not in self.by_level or n <= self.by_level[lv].max_words)
        if not fitting:
            most = max(self.by_level[lv].max_words for lv in text_levels)
            self.refuse(slide, text, f"{n} words, more than the {most} its levels allow")
            return None
        verdict = check_point(text, index, self.stopwords)
        if not verdict.ok:
            self.refuse(slide, text, verdict.reason())
            return None
        return fitting

    def refuse(self, slide: Slide, text: str, why: str) -> None:
        self.counts["refused"] += 1
        self.warnings.append(f"slide '{slide.id}': refused the model's point \"{text}\": {why}")

    def rewrite(self, slide: Slide, section: Any) -> tuple[Slide, Reply | None, str, str]:
        """The slide with the model's faithful points (extractive ones fill any level left empty), the
        reply, the source block its takeaway cites, and a progress summary."""
        source = f"{slide.title}\n\n{slide.notes}"
        reply, cached = self.ask(slide, source)
        self.counts["slides"] += 1
        self.counts["from_cache"] += cached
        fallback_ref = slide.points[0].source if slide.points else f"{section.id}:L{section.line}"
        if reply is None:
            self.counts["fallbacks"] += 1
            self.counts["extractive_points"] += len(slide.points)
            return slide, None, fallback_ref, "malformed reply, kept the extractive points"
        index = SourceIndex.of(source)
        anchors = _anchors(section)
        refused_before = self.counts["refused"]
        points: list[Point] = []
        seen: set[str] = set()
        for proposed in reply.points:
            text = _clean(proposed.text)
            if fold(text) in seen:
                continue
            levels = self.accept(slide, text, proposed.levels, index)
            if levels is not None:
                seen.add(fold(text))
                points.append(Point(text, levels, _cite(text, anchors, fallback_ref)))
        model_count = len(points)
        for level in slide.levels:
            if any(level in p.levels for p in points):
                continue
            extra = [p for p in slide.points if level in p.levels and fold(p.text) not in seen]
            if extra and model_count:
                self.warnings.append(f"slide '{slide.id}': no faithful model point for level '{level}'; "
                                     f"kept {len(extra)} extractive point{'s' if len(extra) > 1 else ''}")
            for p in extra:
                seen.add(fold(p.text))
                points.append(p)
        if not model_count:
            self.counts["fallbacks"] += 1
            if slide.points:
                self.warnings.append(f"slide '{slide.id}': no model point passed the guard; kept the extractive points")
        self.counts["model_points"] += model_count
        self.counts["extractive_points"] += len(points) - model_count
        refused = self.counts["refused"] - refused_before
        summary = (f"{model_count} model point{'s' if model_count != 1 else ''}"
                   + (f", {refused} refused" if refused else "") + (" (cached)" if cached else ""))
        anchor = _cite(reply.takeaway, anchors, fallback_ref) if reply.takeaway else fallback_ref
        return replace(slide, points=tuple(points)), reply, anchor, summary

    # ----- the outline

    def takeaways(self, candidates: list[_Takeaway], current: tuple[Point, ...]) -> tuple[Point, ...]:
        """One faithful takeaway per part, in the talk's order, else the extractive ones.

        When there are more parts than the slide holds, the context parts (the introduction) give way.
        """
        levels = tuple(lim.level for lim in self.limits)
        shortest = min((lim.max_words for lim in self.limits), default=12)
        faithful = [c for c in candidates if c.text and _word_count(c.text) <= shortest
                    and check_point(c.text, c.index, self.stopwords).ok]
        seen: set[str] = set()
        faithful = [c for c in faithful if not (fold(c.text) in seen or seen.add(fold(c.text)))]
        while len(faithful) > MAX_TAKEAWAYS and any(c.role == "context" for c in faithful):
            faithful.remove(next(c for c in faithful if c.role == "context"))
        kept = [Point(c.text, levels, c.source) for c in faithful[:MAX_TAKEAWAYS]]
        if len(kept) < 3:
            return current  # fewer than three is not a summary of the talk
        self.counts["model_points"] += len(kept)
        return tuple(kept)

    def run(self, outline: Outline, sections_by_line: dict[int, Any]) -> LLMResult:
        todo = [(s, sl) for s in outline.sections for sl in s.slides
                if sl.kind in REWRITTEN_KINDS and sl.points and sl.line in sections_by_line]
        rewritten: dict[str, Slide] = {}
        candidates: list[_Takeaway] = []
        done_sections: set[str] = set()
        for i, (section, slide) in enumerate(todo, 1):
            new, reply, anchor, summary = self.rewrite(slide, sections_by_line[slide.line])
            label = section.title if slide.title == section.title else f"{section.title} › {slide.title}"
            self.progress(f"[{i}/{len(todo)}] {label}: {summary}")
            rewritten[slide.id] = new
            if reply is not None and reply.takeaway and section.id not in done_sections:
                done_sections.add(section.id)
                index = SourceIndex.of(f"{slide.title}\n\n{slide.notes}")
                candidates.append(_Takeaway(_clean(reply.takeaway), anchor, index, section.role))
        sections = tuple(replace(s, slides=tuple(rewritten.get(sl.id, sl) for sl in s.slides))
                         for s in outline.sections)
        takeaways = self.takeaways(candidates, outline.takeaways)
        self.counts["extractive_points"] += len(takeaways) if takeaways is outline.takeaways else 0
        stats = LLMStats(requests=self.client.requests, **self.counts)
        return LLMResult(replace(outline, sections=sections, takeaways=takeaways), tuple(self.warnings), stats)


def sections_by_line(doc: Any) -> dict[int, Any]:
    """The document's sections by heading line: every content and summary slide records its section's."""
    return {section.line: section for section in doc.walk()}


def limits_of(audiences: Iterable[Any]) -> tuple[Limit, ...]:
    """The prompt's limits from the talk's audience levels (id, max_points, max_words, description)."""
    return tuple(Limit(a.id, a.max_points, a.max_words, getattr(a, "description", "")) for a in audiences)
