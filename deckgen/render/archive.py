"""The .pptx archive written deterministically: fixed timestamps and order, so equal decks are equal bytes."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import zipfile
import zlib

FIXED_TIME = dt.datetime(2025, 1, 1, 0, 0, 0)
ZIP_TIME = (1980, 1, 1, 0, 0, 0)

# The decks of a talk share most members (theme, masters, layouts, the cover picture): each is
# deflated once per process, not once per deck. Keyed by the member's digest; bounded.
_DEFLATED: dict[bytes, bytes] = {}
_DEFLATED_MAX_BYTES = 64 * 1024 * 1024
_deflated_bytes = 0


def _deflated(data: bytes) -> bytes:
    """`data` deflated exactly as zipfile deflates a member written in one piece (level 6, raw stream)."""
    global _deflated_bytes
    key = hashlib.sha1(data).digest() + len(data).to_bytes(8, "little")
    out = _DEFLATED.get(key)
    if out is None:
        comp = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
        out = comp.compress(data) + comp.flush()
        if _deflated_bytes + len(out) > _DEFLATED_MAX_BYTES:
            _DEFLATED.clear()
            _deflated_bytes = 0
        _DEFLATED[key] = out
        _deflated_bytes += len(out)
    return out


class _Once:
    """A compressor that hands zipfile a stream deflated beforehand (the same bytes its own would give)."""

    def __init__(self, deflated: bytes) -> None:
        self._deflated = deflated

    def compress(self, data) -> bytes:
        out, self._deflated = self._deflated, b""
        return out

    def flush(self) -> bytes:
        return b""


def deterministic_zip(members) -> bytes:
    """An archive of (name, bytes) members in the given order, with fixed timestamps and attributes."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in members:
            z = zipfile.ZipInfo(name, ZIP_TIME)
            z.compress_type = zipfile.ZIP_DEFLATED
            z.external_attr = 0o644 << 16
            # what ZipFile.writestr does, with the deflating done (once) by _deflated
            z.file_size = len(data)
            with dst.open(z, mode="w") as dest:
                if getattr(dest, "_compressor", None) is not None:
                    dest._compressor = _Once(_deflated(data))
                dest.write(data)
    return out.getvalue()
