"""parse: Markdown file (CommonMark + pipe tables + YAML front matter) → Document."""

from __future__ import annotations

import bisect
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from deckgen.document import (
    Block,
    Code,
    CoverImage,
    Document,
    Image,
    ListBlock,
    ListItem,
    Paragraph,
    Quote,
    Section,
    Table,
    block_text,
)
from deckgen.errors import ParseError

if TYPE_CHECKING:  # markdown-it is imported when a document is parsed, not by every command
    from markdown_it.tree import SyntaxTreeNode
from deckgen.language import detect_language, normalise_lang
from deckgen.textutil import slugify
from deckgen.yamlcheck import load_yaml

from .guidelines import guideline, pair_guidelines
from .source import check_length, read_source

_NUMBER = re.compile(r"^\s*((?:\d+\.)*\d+)\.?\s+(?=\S)")
_META_LINE = re.compile(
    r"^\s*(auteurs?|authors?|par|by|date|version|publié le|published)\s*:\s*(.+)$", re.IGNORECASE)
_TOC_TITLES = {"sommaire", "table des matieres", "contents", "table of contents", "toc",
               "plan", "index des sections", "in this document"}
_TAGS = re.compile(r"<[^>]+>")
_BLANKS = re.compile(r"[ \t]+")


# --------------------------------------------------------------------------- inline text


@dataclass
class _Inline:
    text: str
    images: list[tuple[str, str, str]] = field(default_factory=list)  # src, alt, title
    only_internal_link: bool = False


def _inline(node: SyntaxTreeNode) -> _Inline:
    parts: list[str] = []
    images: list[tuple[str, str, str]] = []
    links: list[str] = []

    def visit(n: SyntaxTreeNode) -> None:
        t = n.type
        if t in ("text", "code_inline"):
            parts.append(n.content)
        elif t == "softbreak":
            parts.append(" ")
        elif t == "hardbreak":
            parts.append("\n")
        elif t == "image":
            alt = "".join(c.content for c in n.children if c.type in ("text", "code_inline"))
            images.append((str(n.attrs.get("src", "")), alt or n.content, str(n.attrs.get("title") or "")))
        elif t == "html_inline":
            if n.content.lower().startswith("<br"):
                parts.append("\n")
        else:
            if t == "link":
                links.append(str(n.attrs.get("href", "")))
            for c in n.children:
                visit(c)

    for child in node.children:
        visit(child)
    text = "".join(parts)
    # a line seldom holds a run of blanks: one space is left as it is, without a regex
    lines = (_BLANKS.sub(" ", ln) if "\t" in ln or "  " in ln else ln for ln in text.split("\n"))
    text = "\n".join(ln.strip() for ln in lines).strip()
    internal = bool(links) and all(h.startswith("#") for h in links)
    return _Inline(text, images, internal)


# --------------------------------------------------------------------------- block events


@dataclass
class _Heading:
    level: int
    text: str
    line: int


@dataclass
class _Blk:
    block: Block
    toc_like: bool = False  # a list whose items are links to anchors of this document
    meta: dict[str, str] | None = None  # "Author: … / Date: …" lines


@dataclass
class _Rule:
    line: int


def _line(node: SyntaxTreeNode) -> int:
    return (node.map[0] + 1) if node.map else 0


def _list_items(node: SyntaxTreeNode, depth: int, out: list[ListItem], internal: list[bool]) -> None:
    for item in node.children:
        texts: list[str] = []
        for child in item.children:
            if child.type in ("bullet_list", "ordered_list"):
                continue
            if child.type == "paragraph" and child.children:
                inl = _inline(child.children[0])
                texts.append(inl.text.replace("\n", " "))
                internal.append(inl.only_internal_link)
            elif child.type in ("fence", "code_block"):
                texts.append(child.content.strip())
            elif child.type == "blockquote":
                texts.append(_flatten(child))
        out.append(ListItem(" ".join(t for t in texts if t), depth))
        for child in item.children:
            if child.type in ("bullet_list", "ordered_list"):
                _list_items(child, depth + 1, out, internal)


_ALERT = re.compile(r"^\s*\[!(?:NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]", re.IGNORECASE)


def _flatten(node: SyntaxTreeNode) -> str:
    texts: list[str] = []
    for n in node.walk():
        if n.type == "inline":
            texts.append(_inline(n).text.replace("\n", " "))
        elif n.type in ("fence", "code_block"):
            texts.append(n.content.strip())
    return " ".join(t for t in texts if t)


def _meta(text: str) -> dict[str, str] | None:
    found: dict[str, str] = {}
    for ln in text.split("\n"):
        m = _META_LINE.match(ln)
        if not m:
            return None
        key = m.group(1).lower()
        key = "date" if key in ("date", "publié le", "published") else (
            "version" if key == "version" else "author")
        found[key] = m.group(2).strip()
    return found or None


def _events(root: SyntaxTreeNode, base: Path) -> list[_Heading | _Blk | _Rule]:
    events: list[_Heading | _Blk | _Rule] = []
    for node in root.children:
        t, line = node.type, _line(node)
        if t == "heading":
            events.append(_Heading(int(node.tag[1]), _inline(node.children[0]).text.replace("\n", " "), line))
        elif t == "paragraph":
            inl = _inline(node.children[0])
            if inl.text:
                events.append(_Blk(Paragraph(inl.text.replace("\n", " "), line), meta=_meta(inl.text)))
            for src, alt, title in inl.images:
                events.append(_Blk(Image(src, alt, line, _resolve(base, src), title)))
        elif t in ("bullet_list", "ordered_list"):
            items: list[ListItem] = []
            internal: list[bool] = []
            _list_items(node, 0, items, internal)
            toc = bool(internal) and sum(internal) >= 0.8 * len(internal)
            events.append(_Blk(ListBlock(tuple(items), t == "ordered_list", line), toc_like=toc))
        elif t in ("fence", "code_block"):
            events.append(_Blk(Code(node.content, (node.info or "").strip(), line)))
        elif t == "blockquote":
            text = _flatten(node)
            alert = _ALERT.match(text)
            if alert:  # a GitHub alert ("> [!NOTE] …") is the author's aside, not someone quoted
                for ev in _events(node, base):
                    if isinstance(ev, _Blk) and isinstance(ev.block, Paragraph) and _ALERT.match(ev.block.text):
                        rest = _ALERT.sub("", ev.block.text).strip()
                        if not rest:
                            continue
                        ev = _Blk(Paragraph(rest, ev.block.line))
                    events.append(ev)
            elif text:
                events.append(_Blk(Quote(text, line)))
        elif t.startswith("container_"):
            # "::: tip Title … :::" (VuePress, Docusaurus): the label and title go, the content stays
            inner = _events(node, base)
            rule = guideline(node.info, [e.block for e in inner if isinstance(e, _Blk)], line)
            events += [rule, *(e for e in inner if _is_picture(e))] if rule else inner
        elif t == "table":
            events.append(_Blk(_table(node, line)))
        elif t == "html_block":
            text = re.sub(r"\s+", " ", _TAGS.sub(" ", re.sub(r"<!--.*?-->", " ", node.content, flags=re.DOTALL)))
            if text.strip():
                events.append(_Blk(Paragraph(text.strip(), line)))
        elif t == "hr":
            events.append(_Rule(line))
    return pair_guidelines(events, _is_picture, lambda e: isinstance(e, _Heading), _Blk)


def _is_picture(event: object) -> bool:
    return isinstance(event, _Blk) and isinstance(event.block, Image)


def _table(node: SyntaxTreeNode, line: int) -> Table:
    header: tuple[str, ...] = ()
    rows: list[tuple[str, ...]] = []
    for part in node.children:
        for tr in part.children:
            cells = tuple(_inline(c.children[0]).text.replace("\n", " ") if c.children else ""
                          for c in tr.children)
            if part.type == "thead":
                header = cells
            else:
                rows.append(cells)
    return Table(header, tuple(rows), line)


def _resolve(base: Path, src: str) -> Path | None:
    if not src or re.match(r"^[a-z][a-z0-9+.-]*:", src, re.IGNORECASE):
        return None  # remote (http:, data:) pictures are never fetched
    # normalised, links not followed: the outline names the file as the document does, and the build
    # resolves links once, by the rule every outline path follows (deckgen.outline.paths)
    return Path(os.path.normpath((base / src).absolute()))


# --------------------------------------------------------------------------- structure


def _norm(text: str) -> str:
    return slugify(text).replace("-", " ")


def _split_number(title: str) -> tuple[str, str]:
    m = _NUMBER.match(title)
    if not m:
        return "", title.strip()
    return m.group(1), title[m.end():].strip()


def _is_toc(heading: _Heading | None, blocks: list[_Blk]) -> bool:
    if not blocks or not all(isinstance(b.block, ListBlock) for b in blocks):
        return False
    if heading is not None and _norm(_split_number(heading.text)[1]) in _TOC_TITLES:
        return True
    return all(b.toc_like for b in blocks)


def parse_document(path: Path) -> Document:
    """Parse a Markdown whitepaper into a Document (title block, TOC and rules dropped)."""
    return parse_markdown(read_source(Path(path)), Path(path))


def parse_markdown(source: str, path: Path) -> Document:
    """Parse Markdown text already read from `path` (which names it in errors and resolves pictures)."""
    check_length(source, path)
    from markdown_it import MarkdownIt
    from markdown_it.tree import SyntaxTreeNode
    from mdit_py_plugins.container import container_plugin
    from mdit_py_plugins.front_matter import front_matter_plugin

    md = (MarkdownIt("commonmark").enable("table").use(front_matter_plugin)
          .use(container_plugin, name="any", validate=lambda params, *_: bool(params.strip())))
    try:
        tokens = md.parse(source)
    except Exception as exc:  # markdown-it is lenient; this guards against pathological input
        raise ParseError(f"cannot parse Markdown: {exc}", file=path) from exc
    front: dict = {}
    if tokens and tokens[0].type == "front_matter":
        front = _front_matter(tokens[0].content, path)
        tokens = tokens[1:]
    root = SyntaxTreeNode(tokens)
    events = _events(root, path.parent)
    return _assemble(path, front, events, source)


def _front_matter(text: str, path: Path) -> dict:
    try:
        data, _root = load_yaml(text, path, ParseError, first_line=2)  # line 1 is the opening ---
    except ParseError as exc:
        raise ParseError(f"front matter: {exc.message}", file=path, line=exc.line) from exc
    data = {} if data is None else data
    if not isinstance(data, dict):
        raise ParseError("front matter must be a mapping of keys to values", file=path, line=2)
    return {str(k).lower(): v for k, v in data.items()}


def _fm_str(front: dict, *keys: str) -> str:
    for k in keys:
        v = front.get(k)
        if v is not None and not isinstance(v, dict | list):
            return str(v).strip()
        if isinstance(v, list) and v:
            return ", ".join(str(x) for x in v)
    return ""


def _assemble(path: Path, front: dict, events: list, source: str) -> Document:
    headings = [e for e in events if isinstance(e, _Heading)]
    fm_title = _fm_str(front, "title")
    title, subtitle = fm_title, _fm_str(front, "subtitle", "sous-titre")
    author, date = _fm_str(front, "author", "authors", "auteur"), _fm_str(front, "date")
    cover: CoverImage | None = None
    fm_cover = front.get("cover") or front.get("image")

    i = 0
    title_heading = _title_heading(events, headings, fm_title)
    if title_heading is not None:
        title = title or title_heading.text
        i = events.index(title_heading) + 1
        nxt = events[i] if i < len(events) else None
        if isinstance(nxt, _Heading) and nxt.level > title_heading.level and _is_title_block(events, i + 1):
            if not subtitle or _norm(subtitle) == _norm(nxt.text):
                subtitle = nxt.text
                i += 1
        # the title block: metadata lines and the cover picture, up to the first heading
        preamble: list[_Blk] = []
        while i < len(events) and not isinstance(events[i], _Heading):
            e = events[i]
            if isinstance(e, _Blk):
                if e.meta:
                    author = author or e.meta.get("author", "")
                    date = date or e.meta.get("date", "")
                elif isinstance(e.block, Image) and e.block.path is None:
                    pass  # a remote badge or logo in the title block: never fetched, not content
                elif isinstance(e.block, Image) and cover is None and not fm_cover:
                    cover = CoverImage(e.block.path, e.block.alt, e.block.src)
                else:
                    preamble.append(e)
            i += 1
        body_events = [*preamble, *events[i:]]
    else:
        body_events = list(events)
    if not title:
        title = path.stem.replace("-", " ").replace("_", " ").strip().capitalize() or "Untitled"
    if fm_cover and cover is None:
        src = str(fm_cover.get("image") if isinstance(fm_cover, dict) else fm_cover)
        alt = str(fm_cover.get("alt", "")) if isinstance(fm_cover, dict) else ""
        cover = CoverImage(_resolve(path.parent, src) or path.parent / src, alt, src)

    lang = normalise_lang(_fm_str(front, "lang", "language", "langue")) or detect_language(source)
    sections = _build_tree(body_events, lang, source.count("\n") + 1)
    if not sections:
        raise ParseError("no content: the document has no text under its title", file=path)
    return Document(path=path, title=title, subtitle=subtitle, author=author, date=date, lang=lang,
                    sections=sections, cover=cover, front_matter=front)


def _title_heading(events: list, headings: list[_Heading], fm_title: str) -> _Heading | None:
    if not headings or not isinstance(events[0], _Heading) and any(
            isinstance(e, _Blk) and not e.meta for e in events[: events.index(headings[0])]):
        return None  # text before the first heading: that heading opens content, not a title block
    first = headings[0]
    top = min(h.level for h in headings)
    if first.level != top:
        return None
    if fm_title:
        return first if _norm(fm_title) == _norm(first.text) else None
    if sum(h.level == top for h in headings) == 1:
        return first
    return first if _is_title_block(events, events.index(first) + 1) else None


def _is_title_block(events: list, start: int) -> bool:
    """True when what follows `start` up to the next heading is only metadata, pictures, rules."""
    for e in events[start:]:
        if isinstance(e, _Heading):
            return True
        if isinstance(e, _Blk) and not e.meta and not isinstance(e.block, Image):
            return False
    return True


def _build_tree(events: list, lang: str, last_line: int) -> tuple[Section, ...]:
    # group blocks under headings, dropping rules and tables of contents
    groups: list[tuple[_Heading | None, list[_Blk]]] = [(None, [])]
    for e in events:
        if isinstance(e, _Heading):
            groups.append((e, []))
        elif isinstance(e, _Blk):
            groups[-1][1].append(e)
    groups = [(h, b) for h, b in groups if not _is_toc(h, b)]
    if groups and groups[0][0] is None:
        if groups[0][1]:
            first_line = groups[0][1][0].block.line
            intro = "Introduction" if lang == "fr" else "Overview"
            groups[0] = (_Heading(0, intro, first_line), groups[0][1])
        else:
            groups = groups[1:]
    if not groups:
        return ()
    content_levels = [h.level for h, _ in groups if h.level > 0]
    top = min(content_levels) if content_levels else 1
    seen: set[str] = set()

    @dataclass
    class Node:
        heading: _Heading
        blocks: list[_Blk]
        depth: int
        children: list = field(default_factory=list)

    roots: list[Node] = []
    stack: list[Node] = []
    for h, blocks in groups:
        depth = max(1, h.level - top + 1)
        node = Node(h, blocks, depth)
        while stack and stack[-1].depth >= depth:
            stack.pop()
        if stack:
            node.depth = stack[-1].depth + 1  # a skipped heading level nests one step, not two
            stack[-1].children.append(node)
        else:
            node.depth = 1
            roots.append(node)
        stack.append(node)

    starts = sorted(h.line for h, _ in groups)

    def end_of(h: _Heading) -> int:
        i = bisect.bisect_right(starts, h.line)  # the next heading's line: a book has thousands
        return starts[i] - 1 if i < len(starts) else last_line

    def freeze(n: Node) -> Section:
        number, title = _split_number(n.heading.text)
        title = title or number or "Section"
        base = slugify(title)
        sid, k = base, 2
        while sid in seen:
            sid, k = f"{base}-{k}", k + 1
        seen.add(sid)
        blocks = tuple(b.block for b in n.blocks if block_text(b.block) or isinstance(b.block, Image))
        children = tuple(freeze(c) for c in n.children)
        end = max([end_of(n.heading), *(c.end_line for c in children)])
        return Section(id=sid, title=title, number=number, depth=n.depth, line=n.heading.line,
                       end_line=end, blocks=blocks, children=children)

    return tuple(freeze(r) for r in roots)
