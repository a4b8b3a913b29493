"""parse: a Markdown file → `Document` (title block, sections with numbers, blocks, source lines).

In: a path to a Markdown file (CommonMark with tables and YAML front matter).
Out: `deckgen.document.Document`.
Only this package imports markdown-it-py and mdit-py-plugins.
"""

from .markdown import parse_document, parse_markdown
from .source import MAX_SOURCE_BYTES, MAX_WORDS, read_source

__all__ = ["MAX_SOURCE_BYTES", "MAX_WORDS", "parse_document", "parse_markdown", "read_source"]
