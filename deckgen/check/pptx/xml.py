"""OOXML namespaces and the lenient attribute readers shared by the modules of this package.

Decks come from many tools; an attribute that does not parse is treated as not set rather than
as an error, so one odd value never stops a check.
"""

from __future__ import annotations

from collections.abc import Iterable

EMU_PER_PT = 12700

NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
A = "{%s}" % NS["a"]
P = "{%s}" % NS["p"]


def attr_int(el, name: str) -> int | None:
    if el is None:
        return None
    v = el.get(name)
    if v is None:
        return None
    try:
        return int(v)
    except ValueError:
        return None


def pct(value: str | None, default):
    """An OOXML percentage: "62500" (thousandths of a percent) or "62.5%" (strict files)."""
    if value is None:
        return default
    try:
        v = value.strip()
        return float(v[:-1]) / 100 if v.endswith("%") else int(v) / 100000
    except ValueError:
        return default


def first_attr(elements: Iterable, name: str) -> str | None:
    """`name` from the first element that sets it: inheritance chains run most specific first."""
    for el in elements:
        v = el.get(name)
        if v is not None:
            return v
    return None
