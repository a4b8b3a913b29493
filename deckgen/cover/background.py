"""The cover's backdrop: a pastel diagonal gradient, blurred blobs and out-of-focus discs."""

from __future__ import annotations

import math
import random

from PIL import Image, ImageDraw, ImageFilter

from .args import Box
from .palette import RGB, mix


def background(rng: random.Random, width: int, height: int, bg: list[RGB], accents: list[RGB],
               zone_px: Box, haze: RGB = (255, 255, 255)) -> Image.Image:
    """Diagonal gradient plus large blurred blobs, built small and upscaled (smooth and fast).

    Blobs and discs are accents softened toward `haze`: white on a light cover, the night colour on a dark one.
    """
    sw, sh = max(16, width // 8), max(9, height // 8)
    angle = math.radians(rng.uniform(15, 50))
    dx, dy = math.cos(angle), math.sin(angle)
    span = abs(dx) * sw + abs(dy) * sh
    data = []
    for y in range(sh):
        for x in range(sw):
            t = (x * dx + y * dy) / span
            # Smoothstep keeps the ends calm and the change in the middle.
            data.append(mix(bg[0], bg[1], t * t * (3 - 2 * t)))
    small = Image.new("RGB", (sw, sh))
    small.putdata(data)

    blobs = ImageDraw.Draw(small, "RGBA")
    zx0, zy0, zx1, zy1 = (zone_px[0] / width * sw, zone_px[1] / height * sh,
                          zone_px[2] / width * sw, zone_px[3] / height * sh)
    for i in range(rng.randint(5, 7)):
        colour = mix(accents[rng.randrange(len(accents))], haze, rng.uniform(0.35, 0.6))
        r = rng.uniform(0.18, 0.34) * sh
        # Most blobs live outside the text zone; two drift anywhere to tie the two areas together.
        for _ in range(40):
            cx = rng.uniform(-0.05, 1.05) * sw
            cy = rng.uniform(-0.1, 1.1) * sh
            if i < 2 or not (zx0 <= cx <= zx1 and zy0 <= cy <= zy1):
                break
        blobs.ellipse((cx - r * 1.3, cy - r, cx + r * 1.3, cy + r), fill=(*colour, rng.randint(110, 170)))
    small = small.filter(ImageFilter.GaussianBlur(sh * 0.09))
    image = small.resize((width, height), Image.Resampling.BICUBIC)
    _bokeh(rng, image, accents, zone_px, haze)
    return image


def _bokeh(rng: random.Random, image: Image.Image, accents: list[RGB], zone_px: Box, haze: RGB) -> None:
    """Out-of-focus discs and a few floating specks outside the text zone, for depth."""
    width, height = image.size
    f = 0.5
    layer = Image.new("RGBA", (round(width * f), round(height * f)), (0, 0, 0, 0))
    d = ImageDraw.Draw(layer)
    unit = min(width, height) * f
    placed = 0
    for _ in range(200):
        if placed >= 26:
            break
        x, y = rng.uniform(0, width), rng.uniform(0, height)
        r = unit * (rng.uniform(0.02, 0.06) if placed < 10 else rng.uniform(0.004, 0.01))
        if zone_px[0] - r / f * 3 < x < zone_px[2] + r / f * 3 and zone_px[1] - r / f * 3 < y < zone_px[3] + r / f * 3:
            continue
        placed += 1
        colour = mix(accents[rng.randrange(len(accents))], haze, rng.uniform(0.2, 0.55))
        x, y = x * f, y * f
        d.ellipse((x - r, y - r, x + r, y + r), fill=(*colour, rng.randint(60, 120) if r > unit * 0.015 else 200))
    layer = layer.convert("RGBa").filter(ImageFilter.GaussianBlur(unit * 0.004)).convert("RGBA")
    layer = layer.resize((width, height), Image.Resampling.BICUBIC)
    image.paste(layer.convert("RGB"), mask=layer.getchannel("A"))
