"""On-disk cache of model replies, so re-distilling an unchanged document sends no request.

Keyed by sha256 of (model, prompt, section text): a new model, a changed prompt or an edited
section asks again; nothing else does. The cache lives in a folder deckgen owns beside the outline
(`<outline dir>/.deckgen-cache/llm/`), never in the user's home, and holds only replies that passed
the reply contract. It never holds the API key or the server's URL. Entries are written atomically;
an unreadable entry is a miss, not an error.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from deckgen.atomic import write_bytes_atomic
from deckgen.errors import RenderError

CACHE_DIR = Path(".deckgen-cache") / "llm"
FORMAT = 1  # bump when the entry layout changes: older entries then read as misses


def cache_key(model: str, prompt: str, section_text: str) -> str:
    """sha256 over the three inputs, length-prefixed so no two different triples collide by concatenation."""
    h = hashlib.sha256()
    for part in (f"format {FORMAT}", model, prompt, section_text):
        data = part.encode("utf-8")
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


def cache_folder(outline_path: Path) -> Path:
    return Path(outline_path).parent / CACHE_DIR


class ReplyCache:
    """Replies by key under `folder`; `enabled=False` (--no-cache) neither reads nor writes."""

    def __init__(self, folder: Path, *, enabled: bool = True) -> None:
        self.folder = Path(folder)
        self.enabled = enabled
        self.hits = 0

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> str | None:
        if not self.enabled:
            return None
        try:
            entry = json.loads(self._path(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(entry, dict) or entry.get("format") != FORMAT or not isinstance(entry.get("content"), str):
            return None
        self.hits += 1
        return entry["content"]

    def put(self, key: str, model: str, content: str) -> None:
        """Store a reply; a cache that cannot be written costs a request next time, never the run."""
        if not self.enabled:
            return
        data = json.dumps({"format": FORMAT, "model": model, "content": content}, ensure_ascii=False, indent=1)
        try:
            write_bytes_atomic(self._path(key), data.encode("utf-8"))
        except RenderError:
            return
