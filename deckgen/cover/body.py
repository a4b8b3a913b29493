"""The brain's body: a frosted translucent fill with folds and a bright rim, under the network."""

from __future__ import annotations

import math
import random

from PIL import Image, ImageChops, ImageDraw, ImageFilter

from .brain import LANDMARKS, UNIT_BOX, Masks, Place, Point
from .palette import RGB, mix, ramp


def brain_body(image: Image.Image, masks: Masks, place: Place, accents: list[RGB],
               rng: random.Random) -> None:
    """Frosted translucent fill with folds and a bright rim, so the network sits on a body."""
    width, height = image.size
    # Gradient across the brain from front to back, computed small then upscaled.
    sw, sh = max(16, width // 16), max(9, height // 16)
    stops = [mix(a, (255, 255, 255), 0.45) for a in accents]
    x0 = place.to_px((-1.0, 0.0))[0] * sw / width
    x1 = place.to_px((1.0, 0.0))[0] * sw / width
    data = []
    for y in range(sh):
        for x in range(sw):
            data.append(ramp(stops, (x - x0) / ((x1 - x0) or 1.0) + (y / sh - 0.5) * 0.25))
    fill = Image.new("RGB", (sw, sh))
    fill.putdata(data)
    fill = fill.resize((width, height), Image.Resampling.BICUBIC)

    soft = masks.union.filter(ImageFilter.GaussianBlur(2))
    image.paste(fill, mask=soft.point(lambda v: v * 150 // 255))
    _folds(image, masks, place, accents, rng)

    # Rim light: the inside edge of the silhouette glows.
    # The stem is left out: it is narrower than the rim and would turn white all over.
    body = ImageChops.lighter(masks.cerebrum, masks.cerebellum)
    inner = body.filter(ImageFilter.GaussianBlur(place.scale * 0.035))
    rim = ImageChops.subtract(body, inner)
    image.paste((255, 255, 255), mask=rim.filter(ImageFilter.GaussianBlur(1.5)).point(lambda v: min(255, v * 2)))


def _folds(image: Image.Image, masks: Masks, place: Place, accents: list[RGB], rng: random.Random) -> None:
    """Seeded wandering gyri and the landmark fissures in the cerebrum, folia in the cerebellum."""
    width, height = image.size
    folds = Image.new("L", (width, height), 0)
    fd = ImageDraw.Draw(folds)
    step = place.scale * 0.018
    lw = max(2, round(place.scale * 0.012))
    cerebrum = masks.cerebrum
    for _ in range(30):
        x, y = _sample_inside(rng, cerebrum, place)
        heading = rng.uniform(0, 2 * math.pi)
        turn = rng.uniform(-0.2, 0.2)
        pts = [(x, y)]
        for k in range(rng.randint(14, 30)):
            # Mean-reverting curvature: gyri meander, they do not curl into spirals.
            turn = turn * 0.75 + rng.gauss(0, 0.16)
            turn = max(-0.45, min(0.45, turn))
            heading += turn
            x += math.cos(heading) * step
            y += math.sin(heading) * step
            if not (0 <= x < width and 0 <= y < height) or cerebrum.getpixel((int(x), int(y))) < 128:
                break
            pts.append((x, y))
        if len(pts) > 3:
            fd.line(pts, fill=255, width=lw, joint="curve")
    for landmark in LANDMARKS:
        fd.line([place.to_px(p) for p in landmark], fill=255, width=round(lw * 1.8), joint="curve")
    folds = ImageChops.multiply(folds, cerebrum)
    # Folia: the cerebellum's fine parallel folds, only where the cerebrum does not cover it.
    stripes = Image.new("L", (width, height), 0)
    sd = ImageDraw.Draw(stripes)
    for k in range(5):
        v = 0.36 + k * 0.055
        arc = [(0.30 + 0.6 * u, v + 0.06 * math.sin(math.pi * u) + 0.05 * u) for u in (i / 12 for i in range(13))]
        sd.line([place.to_px(q) for q in arc], fill=255, width=lw, joint="curve")
    folds = ImageChops.lighter(folds, ImageChops.multiply(stripes, ImageChops.subtract(masks.cerebellum, cerebrum)))
    folds = folds.filter(ImageFilter.GaussianBlur(lw * 0.7))
    # A faint shadow below each fold and a highlight on it give the gyri a little relief.
    shift = max(1, lw // 2)
    shadow = ImageChops.offset(folds, shift, shift)
    image.paste(mix(accents[0], (60, 60, 90), 0.35), mask=shadow.point(lambda v: v * 45 // 255))
    image.paste((255, 255, 255), mask=folds.point(lambda v: v * 170 // 255))


def _sample_inside(rng: random.Random, mask: Image.Image, place: Place) -> Point:
    width, height = mask.size
    for _ in range(500):
        x = rng.uniform(*UNIT_BOX[0::2])
        y = rng.uniform(UNIT_BOX[1], UNIT_BOX[3])
        px, py = place.to_px((x, y))
        if 0 <= px < width and 0 <= py < height and mask.getpixel((int(px), int(py))) >= 128:
            return px, py
    return place.cx, place.cy
