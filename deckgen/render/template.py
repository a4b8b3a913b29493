"""A theme's .pptx template: opened with clear errors, its example slides removed."""

from __future__ import annotations

from pathlib import Path

from pptx import Presentation
from pptx.oxml.ns import qn

from deckgen.errors import ThemeError
from deckgen.zipsafe import check_template


def open_template(path: Path):
    """Open a theme's .pptx template, with one clear error for anything that is not one."""
    check_template(path)
    try:
        prs = Presentation(str(path))
    except Exception as exc:  # python-pptx raises PackageNotFoundError, KeyError, lxml errors…

        raise ThemeError(f"not a readable PowerPoint presentation ({type(exc).__name__})", file=path,
                         field="template") from exc
    if not len(prs.slide_layouts):
        raise ThemeError("template has no slide layouts", file=path, field="template")
    return prs


def bring_to_front(shape) -> None:
    # placeholders come first in the shape tree; decoration drawn later would hide them
    el = shape._element
    tree = el.getparent()
    tree.remove(el)
    tree.append(el)


def drop_existing_slides(prs) -> None:
    """A template's own slides are examples, not content: remove them and their relationships."""
    ids = prs.slides._sldIdLst
    for sld in list(ids):
        prs.part.drop_rel(sld.get(qn("r:id")))
        ids.remove(sld)
