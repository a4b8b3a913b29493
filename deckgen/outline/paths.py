"""Where an outline's files are. One rule for every path an outline holds (its source, its cover, its
pictures): relative to the outline file's folder, stored relative to it (never absolute, never relative
to the current folder), symlinks resolved. Pictures are read only from the talk's own folders (the
outline's and its document's), so a shared outline cannot pull arbitrary local files into a deck.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace
from pathlib import Path

from .model import Cover, Outline, Picture

_REMOTE = re.compile(r"^[a-z][a-z0-9+.-]+:", re.IGNORECASE)  # http:, https:, data:, file: (never read)
MARKDOWN_SUFFIXES = (".md", ".markdown")
COVER_SUFFIXES = (".png", ".jpg", ".jpeg")


def is_remote(ref: str) -> bool:
    return bool(_REMOTE.match(ref))


def stored_path(path: Path | str, outline_path: Path) -> str:
    """`path` as an outline at `outline_path` stores it: relative to the outline's folder, with `/`."""
    folder = os.path.normpath(Path(outline_path).absolute().parent)  # links are followed when reading, not here
    return Path(os.path.relpath(os.path.normpath(Path(path).absolute()), folder)).as_posix()


def _within(path: Path, folder: Path) -> bool:
    return path == folder or path.is_relative_to(folder)


@dataclass(frozen=True)
class TalkFiles:
    """The files of one talk: its outline, its Markdown source when known, and the folders pictures may come from."""

    outline: Path  # resolved
    source: Path | None  # resolved; None when unknown or not a Markdown file next to the talk

    @property
    def folder(self) -> Path:
        return self.outline.parent

    @property
    def roots(self) -> tuple[Path, ...]:
        """The talk's folder trees: the outline's, and its document's."""
        return (self.folder,) + ((self.source.parent,) if self.source is not None else ())

    def resolve(self, ref: str) -> Path:
        """The one resolution rule: relative to the outline's folder, symlinks resolved."""
        p = Path(ref)
        return (p if p.is_absolute() else self.folder / p).resolve()

    def picture(self, ref: str) -> tuple[Path | None, str]:
        """(file, "") for a picture deckgen may read, else (None, why not)."""
        if not ref:
            return None, "has no path"
        if is_remote(ref):
            return None, "is remote (deckgen never downloads)"
        real = self.resolve(ref)
        if not any(_within(real, root) for root in self.roots):
            return None, "is outside the talk's folders (the document's and the outline's): not read"
        if not real.is_file():
            return None, "not found"
        if not os.access(real, os.R_OK):
            return None, "cannot be read"
        return real, ""

    def owns(self, path: Path) -> bool:
        """Whether deckgen may write a generated cover at `path`: beside the outline, or in the talk's assets
        folder when the document sits in the outline's project (<project>/outlines, <project>/assets/…)."""
        real = path.resolve()
        if _within(real, self.folder):
            return True
        if self.source is None or self.folder.name != "outlines":
            return False
        assets = self.folder.parent / "assets"
        return _within(self.source.parent, assets) and _within(real, self.source.parent)

    def fallback_cover(self) -> Path:
        """Where a generated cover goes when the outline's own cannot be used: beside the outline."""
        return self.folder / f"{self.outline.stem}-cover.png"


def talk_files(outline_path: Path, source_ref: str = "", source: Path | None = None) -> TalkFiles:
    """The talk of an outline. Its document is `source` when given on the command line, else the outline's
    own relative `source.path` when that is an existing Markdown file (an absolute one is never trusted)."""
    outline = Path(outline_path).absolute().resolve()
    if source is None and source_ref and not Path(source_ref).is_absolute() and not is_remote(source_ref):
        candidate = (outline.parent / source_ref).resolve()
        if candidate.suffix.lower() in MARKDOWN_SUFFIXES and candidate.is_file():
            source = candidate
    return TalkFiles(outline, Path(source).absolute().resolve() if source is not None else None)


def with_stored_paths(outline: Outline, outline_path: Path) -> Outline:
    """The outline with every local absolute picture path made relative to the outline's folder."""

    def rel(ref: str) -> str:
        return stored_path(ref, outline_path) if Path(ref).is_absolute() and not is_remote(ref) else ref

    sections = tuple(replace(s, slides=tuple(
        replace(sl, picture=Picture(rel(sl.picture.path), sl.picture.alt)) if sl.picture else sl
        for sl in s.slides)) for s in outline.sections)
    meta = outline.meta
    if meta.cover is not None:
        meta = replace(meta, cover=Cover(rel(meta.cover.image), meta.cover.alt, meta.cover.seed))
    return replace(outline, sections=sections, meta=meta)


def source_line(text_lines: list[str], ref: str, start: int = 1) -> int | None:
    """The first source line from `start` (1-based) that names the picture `ref` (by its file name)."""
    name = ref.rsplit("/", 1)[-1]
    if not name:
        return None
    for i in range(max(start, 1) - 1, len(text_lines)):
        if name in text_lines[i]:
            return i + 1
    for i, line in enumerate(text_lines):
        if name in line:
            return i + 1
    return None
