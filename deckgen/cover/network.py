"""The neural network laid over the brain: seeded nodes inside and along the outline, and their links."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from PIL import Image, ImageChops

from .brain import Masks, Place, Point, visible_runs
from .palette import RGB, mix, ramp

Link = tuple[int, int]


@dataclass
class Node:
    x: float
    y: float
    z: float
    r: float
    colour: RGB
    hub: bool = False


def network(rng: random.Random, masks: Masks, place: Place, accents: list[RGB],
            ink: RGB) -> tuple[list[Node], list[Link]]:
    """Nodes inside the silhouette, along its visible outline and down the stem; a few become hubs."""
    s = place.scale
    stops = [mix(a, ink, 0.18) for a in accents]
    shift = rng.uniform(-0.15, 0.15)
    x_front = place.to_px((-1.0, 0.0))[0]
    x_back = place.to_px((1.0, 0.0))[0]

    def colour_at(x: float, y: float) -> RGB:
        t = (x - x_front) / ((x_back - x_front) or 1.0) + (y - place.cy) / s * 0.15 + shift
        return ramp(stops, t + rng.uniform(-0.06, 0.06))

    nodes: list[Node] = []
    inner = _poisson(rng, masks.cerebrum, s * 0.105, 2600)
    inner += _poisson(rng, ImageChops.subtract(masks.cerebellum, masks.cerebrum), s * 0.085, 500)
    for x, y in inner:
        z = rng.random()
        nodes.append(Node(x, y, z, s * (0.006 + 0.011 * z) * rng.uniform(0.8, 1.2), colour_at(x, y)))

    # Nodes along the outline make the silhouette itself out of the network.
    chains: list[list[int]] = []
    for outline, gap, front in ((masks.outlines[0], 0.085, []), (masks.outlines[1], 0.075, [masks.cerebrum])):
        for run in visible_runs(outline, front):
            chain = []
            for x, y in _even_points(run, gap * s):
                chain.append(len(nodes))
                nodes.append(Node(x, y, 0.85, s * 0.011 * rng.uniform(0.85, 1.15), colour_at(x, y)))
            if run[0] == run[-1] and len(chain) > 2:
                chain.append(chain[0])
            chains.append(chain)
    stem_top = place.to_px((0.2, 0.47))
    stem_bottom = place.to_px((0.24, 0.73))
    stem_chain = []
    for k in range(4):
        t = k / 3
        x = stem_top[0] + (stem_bottom[0] - stem_top[0]) * t
        y = stem_top[1] + (stem_bottom[1] - stem_top[1]) * t
        stem_chain.append(len(nodes))
        nodes.append(Node(x, y, 0.7, s * 0.010, colour_at(x, y)))

    hubs = rng.sample(range(len(inner)), k=min(len(inner), rng.randint(6, 9)))
    for i in hubs:
        nodes[i].hub = True
        nodes[i].z = max(nodes[i].z, 0.75)
        nodes[i].r = s * rng.uniform(0.022, 0.03)

    return nodes, _links(nodes, [*chains, stem_chain], masks.union, s * 0.24)


def _links(nodes: list[Node], chains: list[list[int]], union: Image.Image, reach: float) -> list[Link]:
    """Consecutive chain members, and each node with its nearest neighbours within `reach`."""
    links: set[Link] = set()
    for chain in chains:
        for a, b in zip(chain, chain[1:]):
            links.add((min(a, b), max(a, b)))
    for i, n in enumerate(nodes):
        near = sorted(
            (((m.x - n.x) ** 2 + (m.y - n.y) ** 2), j) for j, m in enumerate(nodes) if j != i
        )
        k = 5 if n.hub else 3
        for d2, j in near[: k + 2]:
            if d2 > reach * reach or k <= 0:
                break
            m = nodes[j]
            # Skip links that would cut across empty space in the concave parts of the outline.
            if all(union.getpixel((int(n.x + (m.x - n.x) * t), int(n.y + (m.y - n.y) * t))) >= 96
                   for t in (0.25, 0.5, 0.75)):
                links.add((min(i, j), max(i, j)))
                k -= 1
    return sorted(links)


def _poisson(rng: random.Random, mask: Image.Image, spacing: float, attempts: int) -> list[Point]:
    """Dart throwing with a minimum distance, so nodes cover the silhouette evenly but not on a grid."""
    cell = spacing / math.sqrt(2)
    grid: dict[tuple[int, int], Point] = {}
    points: list[Point] = []
    bbox = mask.getbbox()
    if bbox is None:
        return points
    for _ in range(attempts):
        x = rng.uniform(bbox[0], bbox[2] - 1)
        y = rng.uniform(bbox[1], bbox[3] - 1)
        if mask.getpixel((int(x), int(y))) < 200:
            continue
        gx, gy = int(x / cell), int(y / cell)
        ok = True
        for ix in range(gx - 2, gx + 3):
            for iy in range(gy - 2, gy + 3):
                q = grid.get((ix, iy))
                if q is not None and (q[0] - x) ** 2 + (q[1] - y) ** 2 < spacing * spacing:
                    ok = False
                    break
            if not ok:
                break
        if ok:
            grid[(gx, gy)] = (x, y)
            points.append((x, y))
    return points


def _even_points(run: list[Point], gap: float) -> list[Point]:
    """Points spaced about `gap` apart along a polyline (a closed one gets no doubled seam)."""
    lengths = [0.0]
    for a, b in zip(run, run[1:]):
        lengths.append(lengths[-1] + math.hypot(b[0] - a[0], b[1] - a[1]))
    total = lengths[-1]
    closed = run[0] == run[-1]
    count = max(1, round(total / gap))
    step = total / count
    wanted = [k * step for k in range(count if closed else count + 1)]
    out: list[Point] = []
    i = 0
    for dist in wanted:
        while i < len(lengths) - 2 and lengths[i + 1] < dist:
            i += 1
        seg = (lengths[i + 1] - lengths[i]) or 1.0
        t = min(1.0, max(0.0, (dist - lengths[i]) / seg))
        a, b = run[i], run[i + 1]
        out.append((a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t))
    return out
