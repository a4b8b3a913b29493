"""The flow motif: soft translucent ribbons that stream across the picture, with particles riding them.

For talks about processes, pipelines and workflows: things moving from one stage to the next.
"""

from __future__ import annotations

import math
import random

from PIL import Image, ImageChops, ImageDraw

from .args import Box
from .palette import RGB, mix
from .sketch import Sketch, halos

Point = tuple[float, float]


def paint_flow(image: Image.Image, rng: random.Random, free: Box, zone: Box, accents: list[RGB],
               ink: RGB, dark: bool) -> None:
    width, height = image.size
    fx0, fy0, fx1, fy1 = free
    fh = fy1 - fy0
    # Ribbons start inside the title zone's far edge so they seem to come from the text, and fade in.
    start = max(0, fx0 - round((fx1 - fx0) * 0.15))
    count = rng.randint(5, 7)
    ribbons = []
    for k in range(count):
        base = fy0 + fh * (0.18 + 0.64 * (k + rng.uniform(-0.3, 0.3)) / max(1, count - 1))
        waves = [(rng.uniform(0.05, 0.12) * fh, rng.uniform(1.2, 2.6) * math.pi / width, rng.uniform(0, 2 * math.pi))
                 for _ in range(2)]
        # A shared swell so the ribbons move together like a current, each with its own ripple.
        thick = fh * rng.uniform(0.035, 0.09)
        phase = rng.uniform(0, 2 * math.pi)
        c0, c1 = accents[k % len(accents)], accents[(k + 2) % len(accents)]
        ribbons.append((base, waves, thick, phase, c0, c1, rng.randint(150, 200)))
    swell = (rng.uniform(0.08, 0.14) * fh, rng.uniform(0.8, 1.4) * math.pi / width, rng.uniform(0, 2 * math.pi))

    def centre(r, x: float) -> float:
        base, waves, *_ = r
        y = base + swell[0] * math.sin(swell[1] * x + swell[2])
        return y + sum(a * math.sin(f * x + p) for a, f, p in waves)

    steps = 48
    xs = [start + (width - start) * i / steps for i in range(steps + 1)]
    sk = Sketch(image, (start, 0, width, height))
    spots = []
    for r in ribbons:
        _, _, thick, phase, c0, c1, alpha = r
        top, bottom = [], []
        for x in xs:
            t = thick * (0.55 + 0.45 * math.sin(x / width * 5.0 + phase))
            y = centre(r, x)
            top.append((x, y - t / 2))
            bottom.append((x, y + t / 2))
        _ribbon(sk, top + bottom[::-1], c0, c1, alpha)
        # A bright thread along the upper edge reads as light catching the ribbon.
        edge = (255, 255, 255) if not dark else mix(c0, (255, 255, 255), 0.5)
        for i in range(steps):
            fade = min(1.0, i / steps / 0.3)
            sk.draw.line((sk.p(*top[i]), sk.p(*top[i + 1])), fill=(*edge, round(150 * fade)),
                         width=max(1, round(sk.s(height * 0.0018))))
        # Particles ride the ribbon, denser downstream.
        for _ in range(rng.randint(5, 9)):
            u = rng.uniform(0.25, 1.0) ** 0.7
            x = start + (width - start) * u
            y = centre(r, x) + rng.uniform(-0.4, 0.4) * thick
            rad = height * rng.uniform(0.003, 0.008)
            c = mix(mix(c0, c1, u), ink, 0.2)
            spots.append((x, y, rad * 4, c, 90))
            sk.disc(x, y, rad, (*c, 230))
            sk.disc(x - rad * 0.3, y - rad * 0.3, rad * 0.45, (255, 255, 255, 170))
    _streamlines(sk, rng, ribbons, centre, xs, ink)
    sk.paste()
    halos(image, spots, height * 0.01)


def _ribbon(sk: Sketch, outline: list[Point], c0: RGB, c1: RGB, alpha: int) -> None:
    """One ribbon in one piece: its colour shifts from c0 to c1 downstream and fades in from the title."""
    w, h = sk.big.size
    mask = Image.new("L", (w, h), 0)
    ImageDraw.Draw(mask).polygon(sk.pts(outline), fill=alpha)
    ramp_row = Image.new("L", (w, 1))
    ramp_row.putdata([min(255, round(255 * x / (w * 0.3))) for x in range(w)])
    mask = ImageChops.multiply(mask, ramp_row.resize((w, h)))
    row = Image.new("RGB", (w, 1))
    row.putdata([mix(c0, c1, x / w) for x in range(w)])
    sk.big.paste(row.resize((w, h)), mask=mask)


def _streamlines(sk: Sketch, rng: random.Random, ribbons, centre, xs: list[float], ink: RGB) -> None:
    """Thin lines between the ribbons following the same current, like a field of flow."""
    if len(ribbons) < 2:
        return
    for _ in range(rng.randint(6, 10)):
        a, b = rng.sample(range(len(ribbons)), 2)
        t = rng.uniform(0.2, 0.8)
        pts = [(x, centre(ribbons[a], x) * (1 - t) + centre(ribbons[b], x) * t) for x in xs]
        first = rng.randint(len(xs) // 5, len(xs) // 2)
        run = pts[first:first + rng.randint(len(xs) // 4, len(xs) // 2)]
        if len(run) > 1:
            sk.draw.line(sk.pts(run), fill=(*ink, rng.randint(45, 80)), width=max(1, round(sk.s(1.2))),
                         joint="curve")
