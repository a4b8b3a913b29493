"""The geometric motif: a loose grid of pastel shapes (discs, rings, triangles, half-discs, dots).

For talks about design systems, components and accessibility: order, modules, a grid.
"""

from __future__ import annotations

import math
import random

from PIL import Image

from .args import Box
from .palette import RGB, mix
from .sketch import Sketch, shadow

Point = tuple[float, float]
SHAPES = ("disc", "ring", "triangle", "half", "quarter", "square", "dots", "disc", "half")


def paint_geometric(image: Image.Image, rng: random.Random, free: Box, zone: Box, accents: list[RGB],
                    ink: RGB, dark: bool) -> None:
    fx0, fy0, fx1, fy1 = free
    fw, fh = fx1 - fx0, fy1 - fy0
    rows = rng.randint(4, 5)
    cell = fh * 0.84 / rows
    cols = max(2, int(fw * 0.9 // cell))
    ox = fx0 + (fw - cols * cell) * 0.6
    oy = fy0 + (fh - rows * cell) / 2
    gap = cell * 0.1
    placed: list[tuple[str, float, float, float, int, RGB]] = []
    for row in range(rows):
        for col in range(cols):
            # The grid thins out toward the title, so the picture starts calm next to the text.
            keep = 0.45 + 0.55 * (col + 1) / cols
            if rng.random() > keep:
                continue
            kind = rng.choice(SHAPES)
            colour = accents[rng.randrange(len(accents))]
            placed.append((kind, ox + col * cell + gap, oy + row * cell + gap, cell - 2 * gap,
                           rng.randrange(4), colour))
    # A few shapes span two cells, like accents in a layout grid.
    for _ in range(rng.randint(1, 2)):
        col, row = rng.randrange(max(1, cols - 1)), rng.randrange(max(1, rows - 1))
        x, y, size = ox + col * cell + gap, oy + row * cell + gap, 2 * cell - 2 * gap
        placed = [p for p in placed if not (x - gap <= p[1] < x + size and y - gap <= p[2] < y + size)]
        placed.append((rng.choice(("disc", "half", "quarter")), x, y, size, rng.randrange(4),
                       accents[rng.randrange(len(accents))]))
    shade = mix(ink, (0, 0, 0), 0.3)
    shadow(image, [_outline(k, x, y, s, turn) for k, x, y, s, turn, _ in placed if k not in ("ring", "dots")],
           shade, 90 if dark else 45, cell * 0.05, (cell * 0.03, cell * 0.05))
    sk = Sketch(image, (round(ox - cell), fy0, fx1, fy1))  # after the shadow, so shapes sit above it
    for kind, x, y, size, turn, colour in placed:
        _shape(sk, kind, x, y, size, turn, colour, ink, dark)
    sk.paste()


def _outline(kind: str, x: float, y: float, size: float, turn: int) -> list[Point]:
    """The polygon of a filled shape in a cell whose top-left is (x, y), turned by quarter turns."""
    cx, cy, r = x + size / 2, y + size / 2, size / 2
    if kind == "triangle":
        pts = [(-1.0, 0.87), (1.0, 0.87), (0.0, -0.87)]
    elif kind == "square":
        pts = [(-0.8, -0.8), (0.8, -0.8), (0.8, 0.8), (-0.8, 0.8)]
    elif kind == "half":
        pts = [(math.cos(a), math.sin(a) * -1 + 0.45) for a in (math.pi * i / 24 for i in range(25))]
    elif kind == "quarter":
        pts = [(-1.0, 1.0)] + [(-1.0 + 2 * math.cos(a), 1.0 - 2 * math.sin(a)) for a in
                               (math.pi / 2 * i / 16 for i in range(17))]
    else:
        pts = [(math.cos(a), math.sin(a)) for a in (2 * math.pi * i / 48 for i in range(48))]
    ang = turn * math.pi / 2
    ca, sa = math.cos(ang), math.sin(ang)
    return [(cx + (px * ca - py * sa) * r, cy + (px * sa + py * ca) * r) for px, py in pts]


def _shape(sk: Sketch, kind: str, x: float, y: float, size: float, turn: int, colour: RGB, ink: RGB,
           dark: bool) -> None:
    light = mix(colour, (255, 255, 255), 0.35 if not dark else 0.15)
    if kind == "ring":
        cx, cy = sk.p(x + size / 2, y + size / 2)
        r = sk.s(size * 0.42)
        sk.draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=(*colour, 235), width=round(sk.s(size * 0.12)))
        return
    if kind == "dots":
        for i in range(3):
            for j in range(3):
                sk.disc(x + size * (0.2 + 0.3 * i), y + size * (0.2 + 0.3 * j), size * 0.07, (*colour, 235))
        return
    poly = _outline(kind, x, y, size, turn)
    sk.draw.polygon(sk.pts(poly), fill=(*colour, 235))
    # A lighter inner shape gives each piece a soft second tone, like paper cut-outs layered.
    cx, cy = x + size / 2, y + size / 2
    inner = [(cx + (px - cx) * 0.55, cy + (py - cy) * 0.55) for px, py in poly]
    if kind in ("disc", "square"):
        sk.draw.polygon(sk.pts(inner), fill=(*light, 200))
    sk.draw.line(sk.pts(poly + poly[:1]), fill=(*mix(colour, ink, 0.35), 120), width=max(1, round(sk.s(1.5))))
