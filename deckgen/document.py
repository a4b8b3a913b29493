"""The parsed source document: metadata and a tree of sections made of content blocks."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from deckgen.textutil import DO_MARK, DONT_MARK  # noqa: F401  (the marks of a do/don't table's heads)


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of plain text (inline markup removed)."""

    text: str
    line: int


@dataclass(frozen=True)
class ListItem:
    """One list item; `depth` 0 is the outermost list."""

    text: str
    depth: int = 0


@dataclass(frozen=True)
class ListBlock:
    """A bulleted or numbered list, nested items flattened with their depth."""

    items: tuple[ListItem, ...]
    ordered: bool
    line: int


@dataclass(frozen=True)
class Image:
    """A picture referenced by the source; `src` as written, `path` resolved next to the source."""

    src: str
    alt: str
    line: int
    path: Path | None = None
    title: str = ""


@dataclass(frozen=True)
class Table:
    """A pipe table: header cells and body rows of plain text."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    line: int


@dataclass(frozen=True)
class Code:
    """A fenced or indented code block (kept for notes, never parsed for headings)."""

    text: str
    lang: str
    line: int


@dataclass(frozen=True)
class Quote:
    """A block quote, flattened to text."""

    text: str
    line: int


Block = Paragraph | ListBlock | Image | Table | Code | Quote


@dataclass(frozen=True)
class Section:
    """A heading and what follows it up to the next heading of the same or higher rank."""

    id: str
    title: str
    number: str
    depth: int  # 1 = top-level section of the document
    line: int
    end_line: int
    blocks: tuple[Block, ...] = ()
    children: tuple[Section, ...] = ()

    def walk(self):
        """Yield this section then every descendant, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True)
class CoverImage:
    """The cover picture named by the source (it may not exist yet)."""

    path: Path
    alt: str
    src: str


@dataclass(frozen=True)
class Document:
    """A parsed whitepaper."""

    path: Path
    title: str
    subtitle: str
    author: str
    date: str
    lang: str
    sections: tuple[Section, ...]
    cover: CoverImage | None = None
    front_matter: dict = field(default_factory=dict)

    def walk(self):
        """Yield every section in document order."""
        for section in self.sections:
            yield from section.walk()


def block_text(block: Block) -> str:
    """Plain text of a block as a presenter would read it aloud in the notes."""
    if isinstance(block, Paragraph | Quote):
        return block.text
    if isinstance(block, ListBlock):
        lines = []
        for i, item in enumerate(block.items, 1):
            mark = f"{i}." if block.ordered and item.depth == 0 else "•"
            lines.append("  " * item.depth + f"{mark} {item.text}")
        return "\n".join(lines)
    if isinstance(block, Table):
        rows = [" | ".join(block.header)] + [" | ".join(r) for r in block.rows]
        return "\n".join(rows)
    if isinstance(block, Code):
        return block.text.rstrip("\n")
    if isinstance(block, Image):
        return f"[{block.alt}]" if block.alt else ""
    return ""
