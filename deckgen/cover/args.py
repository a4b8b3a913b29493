"""Validation of the size and text-zone arguments the cover functions accept, and their types."""

from __future__ import annotations

from deckgen.errors import UsageError

Zone = tuple[float, float, float, float]  # left, top, right, bottom as fractions of the picture
Box = tuple[int, int, int, int]  # the same in pixels


def check_size(size: tuple[int, int], minimum: int = 16) -> tuple[int, int]:
    try:
        width, height = (int(v) for v in size)
    except (TypeError, ValueError):
        raise ValueError(f"size must be (width, height), got {size!r}") from None
    if width < minimum or height < minimum or width * height > 64_000_000:
        raise ValueError(f"size {width}x{height} is out of range")
    return width, height


def check_zone(zone: Zone) -> Zone:
    try:
        left, top, right, bottom = (float(v) for v in zone)
    except (TypeError, ValueError):
        raise ValueError(f"text_zone must be (left, top, right, bottom), got {zone!r}") from None
    if not (0.0 <= left < right <= 1.0 and 0.0 <= top < bottom <= 1.0):
        raise ValueError(f"text_zone must be fractions with left < right and top < bottom, got {zone!r}")
    return left, top, right, bottom


def parse_size(text: str) -> tuple[int, int]:
    """"1920x1080" → (1920, 1080); at least 640×360, at most 7680×4320."""
    try:
        w, h = (int(x) for x in text.lower().split("x"))
    except ValueError:
        raise UsageError(f"size must look like 1920x1080, got '{text}'", field="--size") from None
    if not (640 <= w <= 7680 and 360 <= h <= 4320):
        raise UsageError(f"size {w}x{h} out of range (640x360 to 7680x4320)", field="--size")
    return w, h
