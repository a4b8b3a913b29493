"""parse: a Markdown file → `Document` (title block, sections with numbers, blocks, source lines).

In: a path to a Markdown file (CommonMark with tables and YAML front matter).
Out: `deckgen.document.Document`.
Only this package imports markdown-it-py and mdit-py-plugins.
"""

from .source import MAX_SOURCE_BYTES, MAX_WORDS, read_source

__all__ = ["MAX_SOURCE_BYTES", "MAX_WORDS", "parse_document", "parse_markdown", "read_source"]


def __getattr__(name: str):
    # the Markdown parser loads when a document is parsed: building from an outline never needs it
    if name in ("parse_document", "parse_markdown"):
        from . import markdown

        return getattr(markdown, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
