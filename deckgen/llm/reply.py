"""The wire contract of a model's reply, validated before anything in it is used.

The assistant message must be a JSON object:
``{"points": [{"text": str, "levels": [str, ...]}, ...], "takeaway": str, "title": str (optional)}``.
Models wrap JSON in code fences or prefix it with their reasoning (<think>…</think>) even when asked
not to; both are peeled off, since the object itself is what the contract is about.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

MAX_POINTS = 12  # more than any level shows on a slide: a longer list is not an answer to the prompt
MAX_TEXT = 400  # characters; a point is a phrase, not a paragraph

_THINK = re.compile(r"<think>.*?</think>", re.DOTALL | re.IGNORECASE)
_FENCE = re.compile(r"^```[a-zA-Z]*\s*\n?(.*?)\n?```$", re.DOTALL)


class ReplyError(ValueError):
    """The reply breaks the contract; the message says where (``points[2].levels: …``)."""


@dataclass(frozen=True)
class ProposedPoint:
    text: str
    levels: tuple[str, ...]


@dataclass(frozen=True)
class Reply:
    points: tuple[ProposedPoint, ...]
    takeaway: str
    title: str | None = None


def _json_text(content: str) -> str:
    text = _THINK.sub("", content).strip()
    fenced = _FENCE.match(text)
    return fenced.group(1).strip() if fenced else text


def _text(value: object, where: str, *, required: bool = True) -> str:
    if not isinstance(value, str):
        raise ReplyError(f"{where}: expected a string, got {type(value).__name__}")
    text = " ".join(value.split())
    if required and not text:
        raise ReplyError(f"{where}: empty")
    if len(text) > MAX_TEXT:
        raise ReplyError(f"{where}: {len(text)} characters, more than {MAX_TEXT}")
    return text


def _levels(value: object, where: str, known: tuple[str, ...]) -> tuple[str, ...]:
    if not isinstance(value, list) or not value:
        raise ReplyError(f"{where}: expected a non-empty list of levels ({', '.join(known)})")
    out: list[str] = []
    for i, item in enumerate(value):
        level = item.strip().lower() if isinstance(item, str) else None
        if level not in known:
            raise ReplyError(f"{where}[{i}]: unknown level {item!r} (levels: {', '.join(known)})")
        if level not in out:
            out.append(level)
    return tuple(lv for lv in known if lv in out)  # the audience order, whatever order the model used


def parse_reply(content: str, levels: tuple[str, ...]) -> Reply:
    """Validate a reply against the contract; `levels` are the audience ids the model may use."""
    text = _json_text(content)
    if not text:
        raise ReplyError("empty reply")
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise ReplyError(f"not JSON ({exc.msg} at line {exc.lineno} column {exc.colno})") from None
    if not isinstance(data, dict):
        raise ReplyError(f"expected a JSON object, got {type(data).__name__}")
    raw = data.get("points")
    if not isinstance(raw, list) or not raw:
        raise ReplyError("points: expected a non-empty list")
    if len(raw) > MAX_POINTS:
        raise ReplyError(f"points: {len(raw)} points, more than {MAX_POINTS}")
    points = []
    for i, item in enumerate(raw):
        if not isinstance(item, dict):
            raise ReplyError(f"points[{i}]: expected an object with text and levels")
        points.append(ProposedPoint(_text(item.get("text"), f"points[{i}].text"),
                                    _levels(item.get("levels"), f"points[{i}].levels", levels)))
    takeaway = _text(data.get("takeaway"), "takeaway", required=False)
    title = data.get("title")
    return Reply(tuple(points), takeaway, _text(title, "title") if title not in (None, "") else None)
