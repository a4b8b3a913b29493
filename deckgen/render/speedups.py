"""python-pptx, made fast where deckgen leans on it: part names, XPath queries and picture headers.

python-pptx names each new part (a slide's notes, a picture, a chart) by walking every part of the
package to find the next free number: each slide then costs time in proportion to the slides
before it, and a 300-slide deck spends most of its rendering there. This keeps, per name pattern,
the set of names in use (scanned once) and picks the same name python-pptx would.
"""

from __future__ import annotations

from functools import lru_cache

from lxml import etree
from pptx.opc.packuri import PackURI
from pptx.oxml.ns import _nsmap
from pptx.oxml.xmlchemy import BaseOxmlElement
from pptx.parts.image import Image as PptxImage
from pptx.util import lazyproperty


@lru_cache(maxsize=512)
def _compiled(xpath_str: str) -> etree.XPath:
    return etree.XPath(xpath_str, namespaces=_nsmap)


def _xpath(self, xpath_str: str):
    # python-pptx asks lxml to compile the same few expressions (a:rPr, p:txBody…) on every
    # property access; compiled once they give the same nodes, several times faster.
    return _compiled(xpath_str)(self)


_PROPS: dict[bytes, tuple] = {}
_PROPS_KEPT = 64  # distinct pictures remembered; a deck of hundreds only opens the rest again
_read_props = PptxImage._pil_props.__wrapped__ if hasattr(PptxImage._pil_props, "__wrapped__") else None


def _pil_props(self) -> tuple:
    # python-pptx opens a picture with Pillow to read its format, size and dpi three times per picture
    # shape (adding the part, then its dpi, then its pixel size), and again in every deck of a talk:
    # the answer depends on the bytes alone
    props = _PROPS.get(self._blob)
    if props is None:
        if len(_PROPS) >= _PROPS_KEPT:
            _PROPS.clear()
        props = _PROPS[self._blob] = _read_props(self)
    return props


def compile_xpaths_once() -> None:
    """Route python-pptx's element queries through compiled, cached XPath objects, and remember the
    header of each picture it reads (idempotent)."""
    BaseOxmlElement.xpath = _xpath
    if _read_props is not None:
        PptxImage._pil_props = lazyproperty(_pil_props)


def fast_part_names(prs) -> None:
    """Give `prs`'s package a next_partname that remembers the names it handed out.

    Correct as long as parts of a numbered family are only ever created through next_partname,
    which holds for the families python-pptx numbers this way (notes slides, media, charts, themes).
    """
    package = prs.part.package
    in_use: dict[str, set[str]] = {}

    def next_partname(tmpl: str) -> PackURI:
        prefix = tmpl[: (tmpl % 42).find("42")]
        if prefix not in in_use:
            in_use[prefix] = {p.partname for p in package.iter_parts() if p.partname.startswith(prefix)}
        names = in_use[prefix]
        for n in range(len(names) + 1, 0, -1):  # python-pptx's own search, over the remembered set
            candidate = tmpl % n
            if candidate not in names:
                names.add(candidate)
                return PackURI(candidate)
        raise RuntimeError(f"no free part name for {tmpl}")

    package.next_partname = next_partname


class _Members:
    """A physical-package writer that keeps each member in memory, in the order python-pptx writes them."""

    def __init__(self) -> None:
        self.items: list[tuple[str, bytes]] = []

    def write(self, pack_uri, blob: bytes) -> None:
        self.items.append((pack_uri.membername, blob))


def package_members(prs) -> list[tuple[str, bytes]]:
    """(member name, bytes) of every member of the saved deck, in python-pptx's order.

    What `prs.save` would zip, without zipping it: deckgen writes its own deterministic archive,
    and compressing twice (python-pptx's archive, then the normalised one) cost a tenth of a build.
    """
    from pptx.opc.serialized import PackageWriter

    package = prs.part.package
    writer = PackageWriter(None, package._rels, tuple(package.iter_parts()))
    members = _Members()
    writer._write_content_types_stream(members)
    writer._write_pkg_rels(members)
    writer._write_parts(members)
    return members.items
