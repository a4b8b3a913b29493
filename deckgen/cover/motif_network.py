"""The network motif: clusters of glowing nodes around hubs, linked, with no brain around them.

For talks about distributed systems, APIs and messaging: a constellation of services that talk.
"""

from __future__ import annotations

import math
import random

from PIL import Image

from .args import Box
from .palette import RGB, mix, ramp
from .sketch import Sketch, halos

Node = tuple[float, float, float, float, RGB, bool]  # x, y, depth 0..1, radius, colour, hub


def paint_network(image: Image.Image, rng: random.Random, free: Box, zone: Box, accents: list[RGB],
                  ink: RGB, dark: bool) -> None:
    fx0, fy0, fx1, fy1 = free
    fw, fh = fx1 - fx0, fy1 - fy0
    unit = min(fw, fh)
    stops = [mix(a, ink, 0.18) for a in accents]

    def colour(x: float, y: float) -> RGB:
        return ramp(stops, (x - fx0) / fw * 0.8 + (y - fy0) / fh * 0.2 + rng.uniform(-0.05, 0.05))

    nodes: list[Node] = []
    hubs: list[int] = []
    for _ in range(rng.randint(4, 6)):
        # Hubs spread over the free area; a min distance keeps clusters from merging.
        for _try in range(60):
            hx, hy = rng.uniform(fx0 + 0.14 * fw, fx1 - 0.12 * fw), rng.uniform(fy0 + 0.14 * fh, fy1 - 0.14 * fh)
            if all(math.hypot(hx - nodes[h][0], hy - nodes[h][1]) > unit * 0.3 for h in hubs):
                break
        hubs.append(len(nodes))
        nodes.append((hx, hy, 1.0, unit * rng.uniform(0.022, 0.03), colour(hx, hy), True))
        spread = unit * rng.uniform(0.09, 0.14)
        for _ in range(rng.randint(6, 11)):
            a = rng.uniform(0, 2 * math.pi)
            d = spread * (0.6 + abs(rng.gauss(0, 0.6)))
            x, y = hx + math.cos(a) * d, hy + math.sin(a) * d
            z = rng.random()
            nodes.append((x, y, z, unit * (0.006 + 0.01 * z), colour(x, y), False))
    for _ in range(rng.randint(14, 22)):  # lone nodes between clusters, some drifting toward the title
        x, y = rng.uniform(fx0 - 0.05 * fw, fx1), rng.uniform(fy0, fy1)
        z = rng.random() * 0.7
        nodes.append((x, y, z, unit * (0.005 + 0.008 * z), colour(x, y), False))
    links = _links(nodes, hubs, unit * 0.2, rng)

    hub_alpha = 140 if dark else 190  # at night a full halo would outshine the nodes
    halos(image, [(x, y, r * (4.5 if hub else 3.0), mix(c, (255, 255, 255), 0.15),
                   hub_alpha if hub else round(50 + 80 * z)) for x, y, z, r, c, hub in nodes], unit * 0.012)
    sk = Sketch(image, (fx0 - round(0.08 * fw), fy0, fx1, fy1))
    glint = (255, 255, 255)
    for a, b in sorted(links, key=lambda ab: nodes[ab[0]][2] + nodes[ab[1]][2]):
        na, nb = nodes[a], nodes[b]
        depth = (na[2] + nb[2]) / 2
        w = max(1, round(sk.s(unit * (0.002 + 0.0035 * depth))))
        c = mix(mix(na[4], nb[4], 0.5), ink, 0.25)
        sk.draw.line((sk.p(na[0], na[1]), sk.p(nb[0], nb[1])), fill=(*c, round(80 + 120 * depth)), width=w)
    # Messages in flight: small bright dots part-way along a few links.
    for a, b in rng.sample(links, k=min(len(links), max(5, len(links) // 8))):
        t = rng.uniform(0.2, 0.8)
        x = nodes[a][0] + (nodes[b][0] - nodes[a][0]) * t
        y = nodes[a][1] + (nodes[b][1] - nodes[a][1]) * t
        sk.disc(x, y, unit * 0.009, (*glint, 90))
        sk.disc(x, y, unit * 0.0045, (*glint, 230))
    for x, y, z, r, c, hub in sorted(nodes, key=lambda n: (n[2], n[3])):
        if hub:
            cx, cy = sk.p(x, y)
            ring = sk.s(r * 1.9)
            sk.draw.ellipse((cx - ring, cy - ring, cx + ring, cy + ring), outline=(*ink, 130),
                            width=max(2, round(sk.s(unit * 0.004))))
            sk.disc(x, y, r * 1.35, (*c, 150))
        sk.disc(x, y, r, (*mix(c, ink, 0.08 + 0.14 * z), round(160 + 90 * z)))
        sk.disc(x - r * 0.25, y - r * 0.25, r * 0.45, (*glint, round(130 + 90 * z) if not dark else 120))
    sk.paste()


def _links(nodes: list[Node], hubs: list[int], reach: float, rng: random.Random) -> list[tuple[int, int]]:
    """Each node to its nearest neighbours within reach, and hubs to each other along a spanning tree."""
    links: set[tuple[int, int]] = set()
    for i, n in enumerate(nodes):
        near = sorted((math.hypot(m[0] - n[0], m[1] - n[1]), j) for j, m in enumerate(nodes) if j != i)
        for d, j in near[: 3 if n[5] else 2]:
            if d <= reach * (1.6 if n[5] else 1.0):
                links.add((min(i, j), max(i, j)))
    # Prim's tree over the hubs, plus one extra edge: every cluster joins the network.
    done, todo = [hubs[0]], hubs[1:]
    while todo:
        a, b = min(((a, b) for a in done for b in todo),
                   key=lambda ab: math.hypot(nodes[ab[0]][0] - nodes[ab[1]][0], nodes[ab[0]][1] - nodes[ab[1]][1]))
        links.add((min(a, b), max(a, b)))
        done.append(b)
        todo.remove(b)
    if len(hubs) > 2:
        a, b = rng.sample(hubs, 2)
        links.add((min(a, b), max(a, b)))
    return sorted(links)
