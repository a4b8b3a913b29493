"""Generate the pastel cover illustration, and fit user-supplied cover pictures.

The picture is a motif on a soft pastel gradient with blurred blobs. The "brain" motif is a lateral
brain silhouette (cerebrum, cerebellum, brain stem) filled with a seeded neural network of glowing
nodes and gradient links; the others (network, flow, geometric, organic: see `motifs`) paint
their own shapes in the same free area. The `text_zone` (where the cover slide puts the title) is
kept calm and light enough that dark text reaches WCAG contrast 4.5:1 against every pixel; on a
dark palette (`CoverPalette.dark`), dark enough for light text.

This module is the public face; the layers are drawn by the other modules of this package, in this order:
background, brain body, network glow, text-zone veil, network, contrast lift (other motifs: background,
motif, veil, contrast lift).
"""

from __future__ import annotations

import io
import random
from pathlib import Path

from PIL import Image

from deckgen.atomic import write_bytes_atomic
from deckgen.errors import RenderError

from .args import Zone, check_size, check_zone
from .background import background
from .body import brain_body
from .brain import free_area, placement, silhouette_masks
from .image import MAX_INPUT_PIXELS, load_fitted  # the limit: adjustable here for fit_image
from .motifs import MOTIFS, PAINTERS, check_motif
from .network import network
from .network_draw import draw_network, glow
from .palette import DEFAULT_PALETTE, CoverPalette, mix
from .palette import rgb as _rgb
from .zone import MIN_CONTRAST, TITLE_INK, ensure_contrast, text_zone_colour, veil  # noqa: F401  (part of this module's public API)

__all__ = [
    "DEFAULT_PALETTE",
    "MOTIFS",
    "CoverPalette",
    "cover_png_bytes",
    "draw_cover",
    "fit_image",
    "text_zone_colour",
    "write_cover",
]



def draw_cover(*, seed: int, palette: CoverPalette = DEFAULT_PALETTE,
               size: tuple[int, int] = (1920, 1080),
               text_zone: Zone = (0.0, 0.0, 0.46, 1.0), motif: str = "brain") -> Image.Image:
    """Draw the pastel illustration with `motif` (RGB): by default the brain / neural network."""
    width, height = check_size(size)
    zone = check_zone(text_zone)
    check_motif(motif)
    # One generator threads through every layer in a fixed order: that order is what makes a
    # seed give the same bytes, so layers must not be reordered or skip their draws.
    rng = random.Random(seed)
    bg = [_rgb(c) for c in palette.background]
    accents = [_rgb(c) for c in palette.accents]
    ink = _rgb(palette.ink)
    zone_px = (round(zone[0] * width), round(zone[1] * height),
               round(zone[2] * width), round(zone[3] * height))

    dark = palette.dark
    haze = bg[0] if dark else (255, 255, 255)
    # At night the backdrop's blobs are dimmed so they glow faintly instead of washing the sky out.
    image = background(rng, width, height, bg, [mix(a, haze, 0.55) for a in accents] if dark else accents,
                       zone_px, haze)

    free = free_area(width, height, zone_px)
    if free is not None and motif != "brain":
        PAINTERS[motif](image, rng, free, zone_px, accents, ink, dark)
        veil(image, zone_px, haze)
    elif free is not None:
        place = placement(rng, free, zone_px)
        masks = silhouette_masks(place, width, height, rng)
        brain_body(image, masks, place, accents, rng)
        nodes, links = network(rng, masks, place, accents, ink)
        glow(image, nodes, width, height)
        veil(image, zone_px, haze)
        draw_network(image, nodes, links, masks, place, ink, rng)
    else:
        veil(image, zone_px, haze)
    ensure_contrast(image, zone_px, dark)
    return image


def cover_png_bytes(image: Image.Image) -> bytes:
    """Encode as a compressed PNG, byte-identical for identical pixels (no timestamps/metadata)."""
    clean = image.convert("RGB") if image.mode != "RGB" else image
    # A fresh image drops any info/ICC/EXIF carried by the source, so only pixels reach the file.
    clean = Image.frombytes("RGB", clean.size, clean.tobytes())
    buf = io.BytesIO()
    # zlib level 6: within 3 % of optimize=True's size at a sixth of its time (0.15 s vs 0.9 s)
    clean.save(buf, format="PNG", compress_level=6)
    return buf.getvalue()


def _jpeg_bytes(image: Image.Image) -> bytes:
    clean = Image.frombytes("RGB", image.size, image.convert("RGB").tobytes())
    buf = io.BytesIO()
    # 4:4:4 keeps the pastel hues of thin links from bleeding; quality 92 hides gradient blocking.
    clean.save(buf, format="JPEG", quality=92, optimize=True, subsampling=0)
    return buf.getvalue()


def write_cover(path: Path, *, seed: int, palette: CoverPalette = DEFAULT_PALETTE,
                size: tuple[int, int] = (1920, 1080),
                text_zone: Zone = (0.0, 0.0, 0.46, 1.0), motif: str = "brain") -> Path:
    """Draw and save atomically (via write_bytes_atomic); returns path. .png or .jpg/.jpeg by suffix."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".png", ".jpg", ".jpeg"):
        raise RenderError(f"cover picture must end in .png, .jpg or .jpeg, not {suffix or 'nothing'!r}",
                          file=path)
    image = draw_cover(seed=seed, palette=palette, size=size, text_zone=text_zone, motif=motif)
    data = cover_png_bytes(image) if suffix == ".png" else _jpeg_bytes(image)
    write_bytes_atomic(path, data)
    return path


def fit_image(src: Path, size: tuple[int, int]) -> Image.Image:
    """Load a user-supplied picture and scale+centre-crop it to exactly `size` without distortion.

    Raises InputError(file=src) with a clear one-line message for a missing, unreadable or
    non-image file, or one absurdly large (guard against decompression bombs).
    """
    # The limit is read here at each call, so it stays adjustable as `cover.MAX_INPUT_PIXELS`.
    return load_fitted(src, size, MAX_INPUT_PIXELS)
