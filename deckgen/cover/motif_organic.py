"""The organic motif: soft overlapping blobs and leaves with their veins, scattered seeds.

For talks about people, health, law and nature: living, rounded forms rather than machines.
"""

from __future__ import annotations

import math
import random

from PIL import Image

from .args import Box
from .palette import RGB, mix
from .sketch import Sketch, halos, shadow

Point = tuple[float, float]


def paint_organic(image: Image.Image, rng: random.Random, free: Box, zone: Box, accents: list[RGB],
                  ink: RGB, dark: bool) -> None:
    fx0, fy0, fx1, fy1 = free
    fw, fh = fx1 - fx0, fy1 - fy0
    unit = min(fw, fh)
    blobs = []
    for k in range(rng.randint(2, 3)):
        cx, cy = rng.uniform(fx0 + 0.25 * fw, fx1 - 0.15 * fw), rng.uniform(fy0 + 0.2 * fh, fy1 - 0.2 * fh)
        blobs.append((_blob(rng, cx, cy, unit * rng.uniform(0.16, 0.26)), accents[k % len(accents)]))
    leaves = []
    for _ in range(rng.randint(9, 13)):
        x, y = rng.uniform(fx0 + 0.12 * fw, fx1 - 0.06 * fw), rng.uniform(fy0 + 0.1 * fh, fy1 - 0.1 * fh)
        leaves.append((x, y, unit * rng.uniform(0.14, 0.26), rng.uniform(0, 2 * math.pi),
                       accents[rng.randrange(len(accents))], rng.uniform(0.28, 0.4)))
    shade = mix(ink, (0, 0, 0), 0.3)
    shadow(image, [_leaf(*leaf[:4], leaf[5]) for leaf in leaves], shade, 80 if dark else 40, unit * 0.02,
           (unit * 0.01, unit * 0.018))
    sk = Sketch(image, (max(0, fx0 - round(0.1 * fw)), fy0, fx1, fy1))
    for outline, colour in blobs:
        sk.draw.polygon(sk.pts(outline), fill=(*mix(colour, (255, 255, 255), 0.25 if not dark else 0.0), 120))
        sk.draw.line(sk.pts(outline + outline[:1]), fill=(*mix(colour, ink, 0.3), 90),
                     width=max(1, round(sk.s(unit * 0.003))), joint="curve")
    for x, y, length, angle, colour, breadth in leaves:
        outline = _leaf(x, y, length, angle, breadth)
        sk.draw.polygon(sk.pts(outline), fill=(*colour, 225))
        vein = mix(colour, (255, 255, 255), 0.55)
        tip = (x + math.cos(angle) * length, y + math.sin(angle) * length)
        sk.draw.line((sk.p(x, y), sk.p(*tip)), fill=(*vein, 220), width=max(1, round(sk.s(unit * 0.004))))
        for i in range(1, 5):
            # Side veins leave the midrib at an angle, alternately to each side.
            u = i / 5
            bx, by = x + (tip[0] - x) * u, y + (tip[1] - y) * u
            side = angle + (0.8 if i % 2 else -0.8)
            reach = length * breadth * 0.8 * math.sin(math.pi * u)
            sk.draw.line((sk.p(bx, by), sk.p(bx + math.cos(side) * reach, by + math.sin(side) * reach)),
                         fill=(*vein, 170), width=max(1, round(sk.s(unit * 0.0025))))
    spots = []
    for _ in range(rng.randint(16, 26)):
        x, y = rng.uniform(fx0 - 0.05 * fw, fx1), rng.uniform(fy0, fy1)
        r = unit * rng.uniform(0.005, 0.012)
        c = accents[rng.randrange(len(accents))]
        spots.append((x, y, r * 3.5, c, 70))
        sk.disc(x, y, r, (*mix(c, ink, 0.15), 220))
    sk.paste()
    halos(image, spots, unit * 0.01)


def _blob(rng: random.Random, cx: float, cy: float, r: float) -> list[Point]:
    """A closed soft shape: a circle whose radius wobbles with a few low harmonics."""
    harmonics = [(k, rng.uniform(0.04, 0.12) / k ** 0.5, rng.uniform(0, 2 * math.pi)) for k in (2, 3, 5)]
    stretch = rng.uniform(1.0, 1.35)
    out = []
    for i in range(72):
        a = 2 * math.pi * i / 72
        rr = r * (1 + sum(amp * math.sin(k * a + p) for k, amp, p in harmonics))
        out.append((cx + math.cos(a) * rr * stretch, cy + math.sin(a) * rr))
    return out


def _leaf(x: float, y: float, length: float, angle: float, breadth: float) -> list[Point]:
    """A leaf from its stalk at (x, y) to its tip: two curved sides, widest a little before the middle."""
    side = []
    for i in range(21):
        u = i / 20
        side.append((u, breadth * math.sin(math.pi * u) * (1.15 - 0.3 * u)))
    pts = [(u, w) for u, w in side] + [(u, -w) for u, w in reversed(side[1:-1])]
    ca, sa = math.cos(angle), math.sin(angle)
    return [(x + (u * ca - w * sa) * length, y + (u * sa + w * ca) * length) for u, w in pts]
