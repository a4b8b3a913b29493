"""Painting the network: soft halos first, then outline, links, signal pulses and nodes."""

from __future__ import annotations

import random

from PIL import Image, ImageDraw, ImageFilter

from .brain import Masks, Place, Point, visible_runs
from .network import Link, Node
from .palette import RGB, mix


def glow(image: Image.Image, nodes: list[Node], width: int, height: int) -> None:
    """Soft coloured halos around nodes and hubs, blurred at half resolution."""
    f = 0.5
    layer = Image.new("RGBA", (round(width * f), round(height * f)), (0, 0, 0, 0))
    d = ImageDraw.Draw(layer)
    for n in sorted(nodes, key=lambda n: n.r):
        r = (n.r * (4.5 if n.hub else 3.2)) * f
        alpha = round(200 if n.hub else 60 + 90 * n.z)
        colour = mix(n.colour, (255, 255, 255), 0.15)
        d.ellipse((n.x * f - r, n.y * f - r, n.x * f + r, n.y * f + r), fill=(*colour, alpha))
    layer = layer.convert("RGBa").filter(ImageFilter.GaussianBlur(max(2.0, width * 0.006))).convert("RGBA")
    layer = layer.resize((width, height), Image.Resampling.BICUBIC)
    image.paste(layer.convert("RGB"), mask=layer.getchannel("A"))


def draw_network(image: Image.Image, nodes: list[Node], links: list[Link],
                 masks: Masks, place: Place, ink: RGB, rng: random.Random) -> None:
    """Links and nodes, supersampled 2x over the brain's bounding box only (keeps it fast)."""
    width, height = image.size
    pad = place.scale * 0.08
    bx = masks.union.getbbox() or (0, 0, width, height)
    box = (max(0, int(bx[0] - pad)), max(0, int(bx[1] - pad)),
           min(width, int(bx[2] + pad) + 1), min(height, int(bx[3] + pad) + 1))
    ss = 2
    crop = image.crop(box)
    big = crop.resize((crop.width * ss, crop.height * ss), Image.Resampling.BICUBIC)
    d = ImageDraw.Draw(big, "RGBA")
    ox, oy = box[0], box[1]

    def p(x: float, y: float) -> Point:
        return (x - ox) * ss, (y - oy) * ss

    s = place.scale
    # Fine outline of the silhouette in soft ink, under the network.
    lw = max(2, round(s * 0.006 * ss))
    for outline, front in zip(masks.outlines, ([], [masks.cerebrum], [masks.cerebrum, masks.cerebellum])):
        for run in visible_runs(outline, front):
            d.line([p(x, y) for x, y in run], fill=(*ink, 110), width=lw, joint="curve")

    # Far links first so near ones overlap them.
    order = sorted(links, key=lambda ab: nodes[ab[0]].z + nodes[ab[1]].z)
    segments = 6
    for a, b in order:
        na, nb = nodes[a], nodes[b]
        depth = (na.z + nb.z) / 2
        alpha = round(70 + 130 * depth)
        w = max(1, round(s * (0.0025 + 0.004 * depth) * ss))
        ca = mix(na.colour, ink, 0.22)
        cb = mix(nb.colour, ink, 0.22)
        for k in range(segments):
            t0, t1 = k / segments, (k + 1) / segments
            c = mix(ca, cb, (t0 + t1) / 2)
            d.line((p(na.x + (nb.x - na.x) * t0, na.y + (nb.y - na.y) * t0),
                    p(na.x + (nb.x - na.x) * t1, na.y + (nb.y - na.y) * t1)), fill=(*c, alpha), width=w)

    # Signal pulses travelling along a few links.
    for a, b in rng.sample(links, k=min(len(links), max(6, len(links) // 12))):
        na, nb = nodes[a], nodes[b]
        t = rng.uniform(0.25, 0.75)
        x, y = p(na.x + (nb.x - na.x) * t, na.y + (nb.y - na.y) * t)
        r = s * 0.006 * ss
        d.ellipse((x - r * 2, y - r * 2, x + r * 2, y + r * 2), fill=(255, 255, 255, 110))
        d.ellipse((x - r, y - r, x + r, y + r), fill=(255, 255, 255, 235))

    for n in sorted(nodes, key=lambda n: (n.z, n.r)):
        x, y = p(n.x, n.y)
        r = n.r * ss
        body = mix(n.colour, ink, 0.08 + 0.14 * n.z)
        if n.hub:
            ring = r * 1.9
            d.ellipse((x - ring, y - ring, x + ring, y + ring), outline=(*ink, 120),
                      width=max(2, round(s * 0.004 * ss)))
            d.ellipse((x - r * 1.35, y - r * 1.35, x + r * 1.35, y + r * 1.35), fill=(*n.colour, 150))
        d.ellipse((x - r, y - r, x + r, y + r), fill=(*body, round(150 + 100 * n.z)))
        hr = r * 0.45
        hx, hy = x - r * 0.25, y - r * 0.25
        d.ellipse((hx - hr, hy - hr, hx + hr, hy + hr), fill=(255, 255, 255, round(140 + 90 * n.z)))

    small = big.resize(crop.size, Image.Resampling.LANCZOS)
    image.paste(small, box[:2])
