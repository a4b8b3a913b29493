"""Reading a Markdown source: the file's own checks (exists, size, text, UTF-8) and the document's length."""

from __future__ import annotations

from pathlib import Path

from deckgen.errors import InputError, ParseError

MAX_SOURCE_BYTES = 8 * 1024 * 1024  # a whitepaper is kilobytes; megabytes mean a wrong file
# Distilling costs about a millisecond a word: past this a build no longer fits in a minute, and no
# talk covers a book. README, "Limits", says so; split such a document into several talks.
MAX_WORDS = 75_000


def read_source(path: Path) -> str:
    """Read a Markdown file as UTF-8 text, with clear errors for what is not one."""
    path = Path(path)
    if not path.exists():
        raise InputError("file not found", file=path)
    if not path.is_file():
        raise InputError("not a file", file=path)
    try:
        size = path.stat().st_size
        if size > MAX_SOURCE_BYTES:
            raise InputError(f"file too large ({size // 1024} KiB, limit "
                             f"{MAX_SOURCE_BYTES // 1024 // 1024} MiB)", file=path)
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", file=path) from exc
    if b"\x00" in data[:8192]:
        raise InputError("binary file, expected Markdown text", file=path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError("not UTF-8 text", file=path, line=line) from exc
    return text.replace("\r\n", "\n").replace("\r", "\n")


def check_length(source: str, path: Path) -> None:
    """Refuse a document past `MAX_WORDS` before any parsing (a book is several talks)."""
    count = len(source.split())
    if count > MAX_WORDS:
        raise ParseError(f"document too long for one talk: {count:,} words (limit {MAX_WORDS:,}); "
                         "split it into several documents", file=path)
