"""A plain PNG's header read with the standard library: what Pillow says of a well-formed file, without
importing Pillow's image plugins (a build's pictures are nearly always such PNGs, and the plugins cost a
fortieth of a build to import).

Only the common, unambiguous case is answered: a valid signature and header, chunks whose checksums
match, and before the pixels only chunks Pillow reads without a possible complaint. Anything else gets
None, and the caller asks Pillow, so a verdict never differs from Pillow's own.
"""

from __future__ import annotations

import re
import struct
import zlib
from dataclasses import dataclass

SIGNATURE = b"\x89PNG\r\n\x1a\n"
# (bit depth, colour type) pairs the PNG specification allows, which Pillow reads
_MODES = {(1, 0), (2, 0), (4, 0), (8, 0), (16, 0), (8, 2), (16, 2), (1, 3), (2, 3), (4, 3), (8, 3),
          (8, 4), (16, 4), (8, 6), (16, 6)}
_NAME = re.compile(rb"\w{4}")  # what Pillow takes for a chunk name (else the file is broken)
# chunks Pillow reads before the pixels, with the length its reader needs (None: any); the others it
# reads here (compressed text, ICC profile, Exif, animation) are left to it. A chunk it has no reader
# for (sBIT, bKGD, tIME…) it skips.
_SIZES = {b"PLTE": None, b"tRNS": None, b"pHYs": 9, b"sRGB": 1, b"gAMA": 4, b"cHRM": 32, b"tEXt": None}
_LEFT_TO_PILLOW = {b"IHDR", b"IEND", b"iCCP", b"zTXt", b"iTXt", b"eXIf", b"acTL", b"fcTL", b"fdAT"}
_TEXT_KEPT = 1 << 20  # text chunks Pillow reads without nearing its memory limit


@dataclass(frozen=True)
class PngHeader:
    """A PNG's pixel size and, when it records one per metre, its resolution in dots per inch."""

    size: tuple[int, int]
    dpi: tuple[float, float] | None


def _chunks(data: bytes):
    """(type, payload, checksum matches) of each chunk after the signature; stops at a truncated one."""
    at = len(SIGNATURE)
    while at + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        end = at + 8 + length
        if end + 4 > len(data):
            return
        payload = data[at + 8:end]
        yield kind, payload, zlib.crc32(kind + payload) == struct.unpack(">I", data[end:end + 4])[0]
        at = end + 4


def read_png_header(data: bytes, *, whole: bool, max_pixels: int) -> PngHeader | None:
    """The header of `data` if it is a plain, well-formed PNG of at most `max_pixels`, else None.

    Checked as Pillow's open checks (the chunks before the pixels); with `whole`, also as its verify
    does (every chunk up to IEND present with a matching checksum), without inflating any pixel.
    """
    if not data.startswith(SIGNATURE):
        return None
    chunks = _chunks(data)
    first = next(chunks, None)
    if first is None or first[0] != b"IHDR" or len(first[1]) != 13 or not first[2]:
        return None
    width, height, depth, colour, compression, filtering, interlace = struct.unpack(">IIBBBBB", first[1])
    if (depth, colour) not in _MODES or compression or filtering or interlace > 1:
        return None
    if width < 1 or height < 1 or width * height > max_pixels:
        return None
    dpi, text = None, 0
    for kind, payload, good in chunks:
        if not good or not _NAME.fullmatch(kind):
            return None
        if kind == b"IDAT":
            break
        if kind in _LEFT_TO_PILLOW or (_SIZES.get(kind) is not None and len(payload) != _SIZES[kind]):
            return None
        if kind == b"tEXt":  # its key becomes an entry of Pillow's info, even "dpi"
            text += len(payload)
            if payload.split(b"\0", 1)[0] == b"dpi" or text > _TEXT_KEPT:
                return None
        if kind == b"tRNS" and not (colour == 3 or (colour, len(payload)) in ((0, 2), (2, 6))):
            return None
        if kind == b"PLTE" and (not payload or len(payload) % 3):
            return None
        if kind == b"pHYs":
            px, py, unit = struct.unpack(">IIB", payload)
            if unit == 1:  # per metre; Pillow reads no resolution from an aspect ratio (unit 0)
                dpi = (px * 0.0254, py * 0.0254)
    else:
        return None  # no pixels
    if whole:
        for kind, _payload, good in chunks:
            if kind == b"IEND":
                break
            if not good or not _NAME.fullmatch(kind):
                return None
        else:
            return None  # truncated before IEND
    return PngHeader((width, height), dpi)
