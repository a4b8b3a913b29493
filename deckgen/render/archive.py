"""The .pptx archive written deterministically: fixed timestamps and order, so equal decks are equal bytes."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

FIXED_TIME = dt.datetime(2025, 1, 1, 0, 0, 0)
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def deterministic_zip(members) -> bytes:
    """An archive of (name, bytes) members in the given order, with fixed timestamps and attributes."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in members:
            z = zipfile.ZipInfo(name, ZIP_TIME)
            z.compress_type = zipfile.ZIP_DEFLATED
            z.external_attr = 0o644 << 16
            dst.writestr(z, data)
    return out.getvalue()
