"""outline: the editable YAML contract between the machine and the presenter.

`model` holds the frozen dataclasses, `schema` the JSON Schema, `io` loads and validates (errors with
file, line and field), `save` writes YAML with a fingerprint so that an outline a person has edited is
never silently overwritten.
In/out: `outlines/<talk>.yaml` ⇄ `Outline`. With `deckgen.theme`, the only YAML reader.
"""

from .io import load_outline, read_outline_text
from .model import (
                    SECTION_ROLES,
                    VERSION,
                    Cover,
                    DistilledBy,
                    GlossaryEntry,
                    Meta,
                    Outline,
                    OutlineSection,
                    Picture,
                    Point,
                    Slide,
                    TableData,
)

_SAVE = ("dump_outline", "is_edited", "outline_to_data", "save_outline")


def __getattr__(name: str):
    # writing outlines is loaded when asked for: a build from an outline only reads one
    if name in _SAVE:
        from . import save
        return getattr(save, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["SECTION_ROLES", "VERSION", "Cover", "DistilledBy", "GlossaryEntry", "Meta", "Outline", "OutlineSection", "Picture",
           "Point", "Slide", "TableData", "dump_outline", "is_edited", "load_outline", "outline_to_data",
           "read_outline_text", "save_outline"]
