"""python-pptx, made fast where deckgen leans on it: part names, XPath queries, pictures and .rels files.

python-pptx names each new part (a slide's notes, a picture, a chart) by walking every part of the
package to find the next free number: each slide then costs time in proportion to the slides
before it, and a 300-slide deck spends most of its rendering there. This keeps, per name pattern,
the set of names in use (scanned once) and picks the same name python-pptx would.
"""

from __future__ import annotations

import os
import posixpath
from functools import lru_cache

from lxml import etree
from PIL import Image as PILImage
from pptx.opc.package import _Relationships
from pptx.opc.packuri import PackURI
from pptx.oxml.ns import _nsmap
from pptx.oxml.xmlchemy import BaseOxmlElement
from pptx.package import _ImageParts
from pptx.parts.image import Image as PptxImage
from pptx.parts.image import ImagePart
from pptx.util import lazyproperty

from deckgen.cover.png import read_png_header


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
        png = read_png_header(self._blob, whole=False, max_pixels=PILImage.MAX_IMAGE_PIXELS or 1 << 62)
        props = _PROPS[self._blob] = ("PNG", png.size, png.dpi) if png else _read_props(self)
    return props


_IMAGES: dict[tuple[str, int, int], PptxImage] = {}
_IMAGES_KEPT = 64 << 20  # bytes of pictures remembered across the decks of a build
_add_image_part = _ImageParts.get_or_add_image_part


def _get_or_add_image_part(self, image_file):
    """python-pptx's, without reading and hashing the file again for every slide and deck that shows it,
    nor walking the whole package for a part holding the same bytes."""
    if not isinstance(image_file, str):
        return _add_image_part(self, image_file)
    st = os.stat(image_file)
    key = (image_file, st.st_mtime_ns, st.st_size)  # a file edited between two builds (watch) is read again
    image = _IMAGES.get(key)
    if image is None:
        if sum(len(i.blob) for i in _IMAGES.values()) > _IMAGES_KEPT:
            _IMAGES.clear()
        image = _IMAGES[key] = PptxImage.from_file(image_file)
    by_sha1 = self.__dict__.get("_by_sha1")
    if by_sha1 is None:  # the template's own pictures, found once as python-pptx finds them
        by_sha1 = self.__dict__["_by_sha1"] = {}
        for part in self:
            if hasattr(part, "sha1"):
                by_sha1.setdefault(part.sha1, part)
    part = by_sha1.get(image.sha1)
    if part is None:  # the caller relates it to its slide at once: from now on python-pptx would find it
        part = by_sha1[image.sha1] = ImagePart.new(self._package, image)
    return part


_PR = "http://schemas.openxmlformats.org/package/2006/relationships"
_pptx_rels_xml = _Relationships.xml  # the property replaced: the tests compare with it


def _rels_xml(self) -> bytes:
    """python-pptx's `_Relationships.xml` (the same bytes), written with plain lxml elements: python-pptx
    parses a small document for every relationship, a tenth of a deck's rendering."""
    root = etree.Element(f"{{{_PR}}}Relationships", nsmap={None: _PR})
    for _, rid in sorted((int(r[3:]) if r.startswith("rId") and r[3:].isdigit() else 0, r) for r in self.keys()):
        rel = self[rid]
        attrs = {"Id": rid, "Type": rel.reltype, "Target": rel.target_ref}
        if rel.is_external:
            attrs["TargetMode"] = "External"
        etree.SubElement(root, f"{{{_PR}}}Relationship", attrs)
    return etree.tostring(root, encoding="UTF-8", standalone=True)


@lru_cache(maxsize=4096)
def _relative_ref(partname: str, base_uri: str) -> str:
    # python-pptx's PackURI.relative_ref; every deck of a talk relates the same parts the same way
    return partname[1:] if base_uri == "/" else posixpath.relpath(partname, base_uri)


def _packuri_relative_ref(self, baseURI: str) -> str:
    return _relative_ref(str(self), baseURI)


def speed_up_pptx() -> None:
    """Route python-pptx's element queries through compiled, cached XPath objects, remember the pictures
    it reads and the relative references it computes, and write .rels files directly (idempotent)."""
    BaseOxmlElement.xpath = _xpath
    if _read_props is not None:
        PptxImage._pil_props = lazyproperty(_pil_props)
    _ImageParts.get_or_add_image_part = _get_or_add_image_part
    _Relationships.xml = property(_rels_xml)
    PackURI.relative_ref = _packuri_relative_ref


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
