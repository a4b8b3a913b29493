"""The brain silhouette: its outline in unit coordinates, where it sits on the cover, its masks."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from PIL import Image, ImageChops, ImageDraw

from .args import Box

Point = tuple[float, float]

# Lateral view of a left hemisphere facing left (frontal lobe at x<0), y grows downwards.
_CEREBRUM = [
    (-0.97, 0.02), (-0.93, -0.30), (-0.74, -0.56), (-0.42, -0.73), (-0.05, -0.78), (0.32, -0.72),
    (0.64, -0.54), (0.87, -0.26), (0.95, 0.04), (0.84, 0.26), (0.58, 0.30), (0.34, 0.38),
    (0.10, 0.49), (-0.18, 0.49), (-0.38, 0.40), (-0.45, 0.24), (-0.60, 0.27), (-0.84, 0.24),
]
_CEREBELLUM = [
    (0.30, 0.42), (0.50, 0.32), (0.76, 0.31), (0.90, 0.40), (0.86, 0.55), (0.66, 0.64),
    (0.42, 0.62), (0.28, 0.53),
]
_STEM = [
    (0.02, 0.42), (0.30, 0.38), (0.33, 0.55), (0.32, 0.70), (0.27, 0.78), (0.17, 0.77), (0.14, 0.60),
    (0.08, 0.50),
]
# Landmark folds that make the silhouette read as a brain: the lateral (Sylvian) fissure and the
# central sulcus.
_SYLVIAN = [(-0.45, 0.22), (-0.22, 0.12), (0.05, 0.06), (0.30, -0.04), (0.42, -0.14)]
_CENTRAL = [(0.06, -0.77), (0.00, -0.55), (-0.06, -0.35), (-0.05, -0.15), (-0.12, 0.06)]
LANDMARKS = (_SYLVIAN, _CENTRAL)
# Extent of the drawing in unit coordinates, including the stem.
UNIT_BOX = (-1.0, -0.82, 1.0, 0.80)


@dataclass
class Place:
    cx: float
    cy: float
    scale: float
    angle: float
    mirror: bool = False

    def to_px(self, p: Point) -> Point:
        x, y = p
        if self.mirror:
            x = -x
        ca, sa = math.cos(self.angle), math.sin(self.angle)
        return (self.cx + (x * ca - y * sa) * self.scale, self.cy + (x * sa + y * ca) * self.scale)


@dataclass
class Masks:
    cerebrum: Image.Image
    cerebellum: Image.Image
    union: Image.Image
    outlines: list[list[Point]]  # pixel outlines: cerebrum, cerebellum, stem


def free_area(width: int, height: int, zone: Box) -> Box | None:
    """Largest full-height or full-width strip outside the text zone, or None if too small."""
    left, top, right, bottom = zone
    candidates = [
        (right, 0, width, height), (0, 0, left, height),
        (0, bottom, width, height), (0, 0, width, top),
    ]
    best = max(candidates, key=lambda b: min(b[2] - b[0], (b[3] - b[1]) * 16 / 9) * (b[2] - b[0]) * (b[3] - b[1]))
    bw, bh = best[2] - best[0], best[3] - best[1]
    if bw < width * 0.25 or bh < height * 0.25:
        return None
    return best


def placement(rng: random.Random, free: Box, zone: Box) -> Place:
    fw, fh = free[2] - free[0], free[3] - free[1]
    ux = UNIT_BOX[2] - UNIT_BOX[0]
    uy = UNIT_BOX[3] - UNIT_BOX[1]
    scale = min(fw * 0.9 / ux, fh * 0.88 / uy) * rng.uniform(0.95, 1.0)
    cx = free[0] + fw / 2 + rng.uniform(-0.03, 0.03) * fw
    cy = free[1] + fh / 2 - (UNIT_BOX[1] + UNIT_BOX[3]) / 2 * scale + rng.uniform(-0.025, 0.025) * fh
    # The brain faces the title: mirrored when the free area lies left of the text zone.
    mirror = free[2] <= zone[0]
    return Place(cx, cy, scale, math.radians(rng.uniform(-7, 5)), mirror)


def silhouette_masks(place: Place, width: int, height: int, rng: random.Random) -> Masks:
    phase = rng.uniform(0, math.pi)
    cerebrum = _scallop(_catmull_rom(_CEREBRUM, 24), 0.022, 0.16, phase)
    cerebellum = _catmull_rom(_CEREBELLUM, 16)
    stem = _catmull_rom(_STEM, 12)
    outlines = [[place.to_px(p) for p in shape] for shape in (cerebrum, cerebellum, stem)]
    masks = []
    for outline in outlines:
        m = Image.new("L", (width, height), 0)
        ImageDraw.Draw(m).polygon(outline, fill=255)
        masks.append(m)
    union = ImageChops.lighter(ImageChops.lighter(masks[0], masks[1]), masks[2])
    return Masks(masks[0], masks[1], union, outlines)


def visible_runs(outline: list[Point], front: list[Image.Image]) -> list[list[Point]]:
    """Split a closed outline into the runs not hidden behind the shapes drawn in front of it."""
    def hidden(pt: Point) -> bool:
        x, y = int(pt[0]), int(pt[1])
        return any(0 <= x < m.width and 0 <= y < m.height and m.getpixel((x, y)) >= 160 for m in front)

    flags = [hidden(pt) for pt in outline]
    if not any(flags):
        return [outline + outline[:1]]
    # Start just after a hidden point so no visible run is cut in two at the seam.
    start = flags.index(True)
    runs: list[list[Point]] = []
    run: list[Point] = []
    n = len(outline)
    for k in range(1, n + 1):
        i = (start + k) % n
        if flags[i]:
            if len(run) > 1:
                runs.append(run)
            run = []
        else:
            run.append(outline[i])
    if len(run) > 1:
        runs.append(run)
    return runs


def _catmull_rom(points: list[Point], per_segment: int) -> list[Point]:
    """Sample a closed Catmull-Rom spline through `points`."""
    out: list[Point] = []
    n = len(points)
    for i in range(n):
        p0, p1, p2, p3 = points[i - 1], points[i], points[(i + 1) % n], points[(i + 2) % n]
        for k in range(per_segment):
            t = k / per_segment
            t2, t3 = t * t, t * t * t
            out.append(tuple(  # type: ignore[arg-type]
                0.5 * (2 * p1[j] + (-p0[j] + p2[j]) * t + (2 * p0[j] - 5 * p1[j] + 4 * p2[j] - p3[j]) * t2
                       + (-p0[j] + 3 * p1[j] - 3 * p2[j] + p3[j]) * t3)
                for j in (0, 1)
            ))
    return out


def _scallop(curve: list[Point], amplitude: float, period: float, phase: float) -> list[Point]:
    """Push a closed curve outward in rounded bumps, the way gyri bulge along a brain outline."""
    n = len(curve)
    # Signed area decides which side "outward" is, whatever the winding of the control points.
    area = sum(curve[i][0] * curve[(i + 1) % n][1] - curve[(i + 1) % n][0] * curve[i][1] for i in range(n))
    sign = 1.0 if area > 0 else -1.0
    out: list[Point] = []
    travelled = 0.0
    for i in range(n):
        px, py = curve[i - 1]
        x, y = curve[i]
        nx, ny = curve[(i + 1) % n]
        travelled += math.hypot(x - px, y - py)
        tx, ty = nx - px, ny - py
        norm = math.hypot(tx, ty) or 1.0
        ox, oy = ty / norm * -sign, -tx / norm * -sign
        bump = amplitude * (abs(math.sin(math.pi * travelled / period + phase)) ** 0.7 - 0.35)
        out.append((x + ox * bump, y + oy * bump))
    return out
