"""The messages of one request: a slide's section text and its audience limits.

The prompt is part of the cache key, so any change here re-asks the model (as it should).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

LANGUAGES = {"fr": "French", "en": "English"}


@dataclass(frozen=True)
class Limit:
    """What one audience level shows on a slide."""

    level: str
    max_points: int
    max_words: int
    who: str = ""


@dataclass(frozen=True)
class SlideAsk:
    """Everything a request says about one slide."""

    title: str
    levels: tuple[str, ...]  # the levels that see this slide
    limits: tuple[Limit, ...]  # every level of the talk, least technical first
    source: str  # the section's text, the only thing the points may draw on
    lang: str


def _system(ask: SlideAsk) -> str:
    language = LANGUAGES.get(ask.lang, ask.lang)
    levels = "\n".join(f'- "{lim.level}"' + (f" ({lim.who})" if lim.who else "") +
                       f": at most {lim.max_points} points of at most {lim.max_words} words"
                       for lim in ask.limits if lim.level in ask.levels)
    return (
        "You write the points of one presentation slide from one section of a document.\n"
        "Rules:\n"
        f"- Write in {language}, the language of the section.\n"
        "- Say only what the section says. Every number, name and word of a point must come from the "
        "section text: reuse its words, do not add examples, figures, names or claims.\n"
        "- A point is a short key phrase, not a paragraph; it stands on its own (no leading pronoun or "
        "connective that needs the previous point) and ends on a complete phrase.\n"
        "- Tag each point with the audience levels that should see it. Levels of this slide:\n"
        f"{levels}\n"
        "- Points for a less technical level avoid jargon; deeper levels also see those points.\n"
        'Reply with only a JSON object: {"points": [{"text": "...", "levels": ["..."]}], '
        '"takeaway": "the one message to remember, one short sentence"}.'
    )


def build_messages(ask: SlideAsk) -> list[dict[str, str]]:
    user = f"Slide title: {ask.title}\n\nSection text:\n<<<\n{ask.source.strip()}\n>>>"
    return [{"role": "system", "content": _system(ask)}, {"role": "user", "content": user}]


def prompt_text(messages: list[dict[str, str]]) -> str:
    """The messages as one canonical string, for the cache key."""
    return json.dumps(messages, ensure_ascii=False, sort_keys=True)


def retry_messages(messages: list[dict[str, str]], bad_reply: str, problem: str) -> list[dict[str, str]]:
    """The same request with the invalid reply and what was wrong with it, for the one retry."""
    return messages + [
        {"role": "assistant", "content": bad_reply[:2000]},
        {"role": "user", "content": f"That reply is invalid: {problem}. Answer again with only the JSON object "
                                    'described above: {"points": [{"text": "...", "levels": ["..."]}], '
                                    '"takeaway": "..."}.'},
    ]
