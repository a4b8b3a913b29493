"""Validation of the size and text-zone arguments the cover functions accept, and their types."""

from __future__ import annotations

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
