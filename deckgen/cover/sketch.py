"""Anti-aliased drawing for the motifs: a 2x supersampled crop of the picture, and soft halos."""

from __future__ import annotations

from PIL import Image, ImageDraw, ImageFilter

from .args import Box
from .palette import RGB

Point = tuple[float, float]


class Sketch:
    """Draws over `box` of `image` at `ss` times the resolution; `paste` brings it back down.

    Pillow's shapes have no anti-aliasing: drawing big and scaling down with Lanczos smooths edges.
    The crop keeps the cost to the part of the picture the motif covers.
    """

    def __init__(self, image: Image.Image, box: Box, ss: int = 2) -> None:
        w, h = image.size
        self.image, self.ss = image, ss
        self.box = (max(0, box[0]), max(0, box[1]), min(w, box[2]), min(h, box[3]))
        crop = image.crop(self.box)
        self._size = crop.size
        self.big = crop.resize((crop.width * ss, crop.height * ss), Image.Resampling.BICUBIC)
        self.draw = ImageDraw.Draw(self.big, "RGBA")

    def p(self, x: float, y: float) -> Point:
        return (x - self.box[0]) * self.ss, (y - self.box[1]) * self.ss

    def pts(self, points: list[Point]) -> list[Point]:
        return [self.p(x, y) for x, y in points]

    def s(self, length: float) -> float:
        return length * self.ss

    def disc(self, x: float, y: float, r: float, fill: tuple[int, int, int, int]) -> None:
        cx, cy = self.p(x, y)
        r *= self.ss
        self.draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=fill)

    def paste(self) -> None:
        self.image.paste(self.big.resize(self._size, Image.Resampling.LANCZOS), self.box[:2])


def halos(image: Image.Image, spots: list[tuple[float, float, float, RGB, int]], blur: float) -> None:
    """Soft coloured halos (x, y, radius, colour, alpha), blurred at half resolution."""
    width, height = image.size
    f = 0.5
    layer = Image.new("RGBA", (round(width * f), round(height * f)), (0, 0, 0, 0))
    d = ImageDraw.Draw(layer)
    for x, y, r, colour, alpha in spots:
        d.ellipse((x * f - r * f, y * f - r * f, x * f + r * f, y * f + r * f), fill=(*colour, alpha))
    layer = layer.convert("RGBa").filter(ImageFilter.GaussianBlur(max(2.0, blur * f))).convert("RGBA")
    layer = layer.resize((width, height), Image.Resampling.BICUBIC)
    image.paste(layer.convert("RGB"), mask=layer.getchannel("A"))


def shadow(image: Image.Image, shapes: list[list[Point]], colour: RGB, alpha: int, blur: float,
           offset: Point) -> None:
    """A soft drop shadow under polygons, so flat shapes float a little above the backdrop."""
    mask = Image.new("L", image.size, 0)
    d = ImageDraw.Draw(mask)
    for poly in shapes:
        if len(poly) > 2:
            d.polygon([(x + offset[0], y + offset[1]) for x, y in poly], fill=alpha)
    image.paste(colour, mask=mask.filter(ImageFilter.GaussianBlur(blur)))
