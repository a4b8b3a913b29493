"""Project exceptions: every error names the file, and where known the line and field."""

from __future__ import annotations

from pathlib import Path


class DeckgenError(Exception):
    """Base error; `str()` gives one line: ``file:line: field: message``."""

    def __init__(self, message: str, *, file: str | Path | None = None,
                 line: int | None = None, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.file = str(file) if file is not None else None
        self.line = line
        self.field = field

    def __str__(self) -> str:
        where = ""
        if self.file:
            where = self.file + (f":{self.line}" if self.line else "") + ": "
        field = f"{self.field}: " if self.field else ""
        return f"{where}{field}{self.message}"


class InputError(DeckgenError):
    """A file given by the user is missing, unreadable, too large or not what it claims to be."""


class ParseError(DeckgenError):
    """The Markdown source cannot be turned into a document."""


class OutlineError(DeckgenError):
    """An outline YAML file is malformed or fails validation."""


class OutlineEditedError(OutlineError):
    """Refusing to overwrite an outline that a person has edited."""


class ThemeError(DeckgenError):
    """A theme file or template is invalid or unknown."""


class RenderError(DeckgenError):
    """A deck or picture cannot be written."""


class ErrorList(DeckgenError):
    """Several validation errors collected before aborting (mkdocs style)."""

    @classmethod
    def raise_all(cls, errors: list[DeckgenError]) -> None:
        """Raise the one error as itself, or several as an ErrorList; nothing when empty."""
        if len(errors) == 1:
            raise errors[0]
        if errors:
            raise cls(errors)

    def __init__(self, errors: list[DeckgenError]) -> None:
        self.errors = errors
        first = errors[0]
        super().__init__(first.message, file=first.file, line=first.line, field=first.field)

    def __str__(self) -> str:
        head = DeckgenError.__str__(self)
        extra = len(self.errors) - 1
        return head + (f" (and {extra} more error{'s' if extra > 1 else ''})" if extra else "")

    def all_lines(self) -> list[str]:
        return [str(e) for e in self.errors]


class LLMError(DeckgenError):
    """The LLM server could not be reached or answered with a fault; `file` carries the URL."""


class UsageError(DeckgenError):
    """The command line asks for something that cannot be (an unknown level, a malformed size): exit 2."""
