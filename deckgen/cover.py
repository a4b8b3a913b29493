"""Generate the pastel "digital brain" cover illustration, and fit user-supplied cover pictures.

The picture is a lateral brain silhouette (cerebrum, cerebellum, brain stem) filled with a seeded
neural network of glowing nodes and gradient links, on a soft pastel gradient with blurred blobs.
The `text_zone` (where the cover slide puts the title) is kept calm and light enough that dark
text reaches WCAG contrast 4.5:1 against every pixel.
"""

from __future__ import annotations

import io
import math
import random
import re
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageOps, ImageStat, UnidentifiedImageError

from .atomic import write_bytes_atomic
from .errors import InputError, RenderError

__all__ = [
    "CoverPalette",
    "DEFAULT_PALETTE",
    "draw_cover",
    "cover_png_bytes",
    "write_cover",
    "fit_image",
    "text_zone_colour",
]

Point = tuple[float, float]
RGB = tuple[int, int, int]

_HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")

# The title colour the cover slide uses, and the WCAG AA ratio it must reach on the text zone.
TITLE_INK = "#2B2B3A"
MIN_CONTRAST = 4.5
# The zone is lifted to a little more than required, so rounding in a caller's own check (or a
# slightly different title colour) never flips the verdict.
_CONTRAST_TARGET = MIN_CONTRAST + 0.3

# Pictures larger than this are refused before decoding: a small file can expand to gigabytes.
MAX_INPUT_PIXELS = 80_000_000


@dataclass(frozen=True)
class CoverPalette:
    """Colours of the cover: background gradient, accent colours and a soft ink."""

    background: tuple[str, str]
    accents: tuple[str, ...]
    ink: str

    def __post_init__(self) -> None:
        if len(self.background) != 2:
            raise ValueError("CoverPalette.background needs exactly two colours")
        if not 3 <= len(self.accents) <= 6:
            raise ValueError("CoverPalette.accents needs 3 to 6 colours")
        for colour in (*self.background, *self.accents, self.ink):
            if not isinstance(colour, str) or not _HEX.match(colour):
                raise ValueError(f"CoverPalette colour must look like #RRGGBB, got {colour!r}")


DEFAULT_PALETTE = CoverPalette(
    background=("#EEEDFB", "#FDF1EA"),
    accents=("#B7A6EE", "#92C6F2", "#8FD9C6", "#F6B89C", "#F2A6C6"),
    ink="#6F6AA6",
)


# --------------------------------------------------------------------------- colour helpers


def _rgb(colour: str) -> RGB:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _mix(a: RGB, b: RGB, t: float) -> RGB:
    return (
        round(a[0] + (b[0] - a[0]) * t),
        round(a[1] + (b[1] - a[1]) * t),
        round(a[2] + (b[2] - a[2]) * t),
    )


def _ramp(stops: list[RGB], t: float) -> RGB:
    """Colour at `t` (0..1) along evenly spaced gradient stops."""
    t = min(max(t, 0.0), 1.0) * (len(stops) - 1)
    i = min(int(t), len(stops) - 2)
    return _mix(stops[i], stops[i + 1], t - i)


def _channel_linear(c: float) -> float:
    c /= 255.0
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _luminance(rgb: RGB) -> float:
    r, g, b = (_channel_linear(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


_LINEAR_LUT = [min(255, round(_channel_linear(v) * 255)) for v in range(256)] * 3


def _luminance_image(image: Image.Image) -> Image.Image:
    """8-bit WCAG relative luminance of an RGB image (linearise via a LUT, then weight)."""
    return image.point(_LINEAR_LUT).convert("L", (0.2126, 0.7152, 0.0722, 0.0))


# --------------------------------------------------------------------------- geometry helpers


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
# Extent of the drawing in unit coordinates, including the stem.
_UNIT_BOX = (-1.0, -0.82, 1.0, 0.80)


@dataclass
class _Node:
    x: float
    y: float
    z: float
    r: float
    colour: RGB
    hub: bool = False


# --------------------------------------------------------------------------- public API


def draw_cover(*, seed: int, palette: CoverPalette = DEFAULT_PALETTE,
               size: tuple[int, int] = (1920, 1080),
               text_zone: tuple[float, float, float, float] = (0.0, 0.0, 0.46, 1.0)) -> Image.Image:
    """Draw the pastel brain / neural-network illustration (RGB)."""
    width, height = _check_size(size)
    zone = _check_zone(text_zone)
    rng = random.Random(seed)
    bg = [_rgb(c) for c in palette.background]
    accents = [_rgb(c) for c in palette.accents]
    ink = _rgb(palette.ink)
    zone_px = (round(zone[0] * width), round(zone[1] * height),
               round(zone[2] * width), round(zone[3] * height))

    image = _background(rng, width, height, bg, accents, zone_px)

    free = _free_area(width, height, zone_px)
    if free is not None:
        place = _placement(rng, free, zone_px)
        masks = _silhouette_masks(place, width, height, rng)
        _brain_body(image, masks, place, accents, rng)
        nodes, links = _network(rng, masks, place, accents, ink)
        _glow(image, nodes, width, height)
        _veil(image, zone_px)
        _draw_network(image, nodes, links, masks, place, ink, rng)
    else:
        _veil(image, zone_px)
    _ensure_contrast(image, zone_px)
    return image


def cover_png_bytes(image: Image.Image) -> bytes:
    """Encode as a compressed PNG, byte-identical for identical pixels (no timestamps/metadata)."""
    clean = image.convert("RGB") if image.mode != "RGB" else image
    # A fresh image drops any info/ICC/EXIF carried by the source, so only pixels reach the file.
    clean = Image.frombytes("RGB", clean.size, clean.tobytes())
    buf = io.BytesIO()
    # zlib level 6: within 3 % of optimize=True's size at a sixth of its time (0.15 s vs 0.9 s)
    clean.save(buf, format="PNG", compress_level=6)
    return buf.getvalue()


def _jpeg_bytes(image: Image.Image) -> bytes:
    clean = Image.frombytes("RGB", image.size, image.convert("RGB").tobytes())
    buf = io.BytesIO()
    # 4:4:4 keeps the pastel hues of thin links from bleeding; quality 92 hides gradient blocking.
    clean.save(buf, format="JPEG", quality=92, optimize=True, subsampling=0)
    return buf.getvalue()


def write_cover(path: Path, *, seed: int, palette: CoverPalette = DEFAULT_PALETTE,
                size: tuple[int, int] = (1920, 1080),
                text_zone: tuple[float, float, float, float] = (0.0, 0.0, 0.46, 1.0)) -> Path:
    """Draw and save atomically (via write_bytes_atomic); returns path. .png or .jpg/.jpeg by suffix."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".png", ".jpg", ".jpeg"):
        raise RenderError(f"cover picture must end in .png, .jpg or .jpeg, not {suffix or 'nothing'!r}",
                          file=path)
    image = draw_cover(seed=seed, palette=palette, size=size, text_zone=text_zone)
    data = cover_png_bytes(image) if suffix == ".png" else _jpeg_bytes(image)
    write_bytes_atomic(path, data)
    return path


def fit_image(src: Path, size: tuple[int, int]) -> Image.Image:
    """Load a user-supplied picture and scale+centre-crop it to exactly `size` without distortion.

    Raises InputError(file=src) with a clear one-line message for a missing, unreadable or
    non-image file, or one absurdly large (guard against decompression bombs).
    """
    width, height = _check_size(size, minimum=1)
    src = Path(src)
    if not src.exists():
        raise InputError("picture not found", file=src)
    if not src.is_file():
        raise InputError("picture is not a regular file", file=src)
    try:
        with warnings.catch_warnings():
            # Pillow only warns between its limit and twice that; treat the warning as fatal too.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(src) as opened:
                w, h = opened.size
                if w < 1 or h < 1:
                    raise InputError("picture has no pixels", file=src)
                if w * h > MAX_INPUT_PIXELS:
                    raise InputError(f"picture is too large ({w}x{h} pixels)", file=src)
                opened.load()
                picture = ImageOps.exif_transpose(opened)
    except InputError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise InputError("picture is too large to decode safely", file=src) from exc
    except UnidentifiedImageError as exc:
        raise InputError("picture is not an image Pillow can read", file=src) from exc
    except PermissionError as exc:
        raise InputError("picture cannot be read: permission denied", file=src) from exc
    except (OSError, ValueError, SyntaxError) as exc:
        # Truncated or corrupt files surface as OSError/ValueError/SyntaxError from the decoders.
        detail = " ".join(str(exc).split()) or type(exc).__name__
        raise InputError(f"picture is unreadable or corrupt: {detail}", file=src) from exc
    picture = _flatten(picture)
    return ImageOps.fit(picture, (width, height), method=Image.Resampling.LANCZOS, centering=(0.5, 0.5))


def text_zone_colour(image: Image.Image, text_zone: tuple[float, float, float, float]) -> RGB:
    """Return the colour of the darkest/most-saturated typical pixel in text_zone.

    It is the mean colour of the 2 % darkest pixels (by WCAG luminance), so a caller can check
    title contrast against it without one stray pixel deciding.
    """
    zone = _check_zone(text_zone)
    rgb = image.convert("RGB")
    w, h = rgb.size
    box = (round(zone[0] * w), round(zone[1] * h), round(zone[2] * w), round(zone[3] * h))
    if box[2] <= box[0] or box[3] <= box[1]:
        raise ValueError("text_zone covers no pixel of the image")
    crop = rgb.crop(box)
    lum = _luminance_image(crop)
    hist = lum.histogram()
    wanted = max(1, round(sum(hist) * 0.02))
    seen = 0
    threshold = 255
    for value, count in enumerate(hist):
        seen += count
        if seen >= wanted:
            threshold = value
            break
    mask = lum.point(lambda v: 255 if v <= threshold else 0)
    mean = ImageStat.Stat(crop, mask).mean
    return round(mean[0]), round(mean[1]), round(mean[2])


# --------------------------------------------------------------------------- validation


def _check_size(size: tuple[int, int], minimum: int = 16) -> tuple[int, int]:
    try:
        width, height = (int(v) for v in size)
    except (TypeError, ValueError):
        raise ValueError(f"size must be (width, height), got {size!r}") from None
    if width < minimum or height < minimum or width * height > 64_000_000:
        raise ValueError(f"size {width}x{height} is out of range")
    return width, height


def _check_zone(zone: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    try:
        left, top, right, bottom = (float(v) for v in zone)
    except (TypeError, ValueError):
        raise ValueError(f"text_zone must be (left, top, right, bottom), got {zone!r}") from None
    if not (0.0 <= left < right <= 1.0 and 0.0 <= top < bottom <= 1.0):
        raise ValueError(f"text_zone must be fractions with left < right and top < bottom, got {zone!r}")
    return left, top, right, bottom


def _flatten(picture: Image.Image) -> Image.Image:
    """RGB copy of `picture`, with transparency composited over white (slides are light)."""
    if picture.mode in ("I", "F") or picture.mode.startswith("I;16"):
        # 16-bit and float greyscale would be clipped by a plain convert: rescale to 8 bits first.
        wide = picture.convert("F")
        top = wide.getextrema()[1]
        scale = 255 / 65535 if top > 255 else (255.0 if top <= 1.0 and picture.mode == "F" else 1.0)
        return wide.point(lambda v: v * scale).convert("L").convert("RGB")
    if picture.mode in ("RGBA", "LA", "PA") or (picture.mode == "P" and "transparency" in picture.info):
        rgba = picture.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(white, rgba).convert("RGB")
    return picture.convert("RGB")


# --------------------------------------------------------------------------- background


def _background(rng: random.Random, width: int, height: int, bg: list[RGB], accents: list[RGB],
                zone_px: tuple[int, int, int, int]) -> Image.Image:
    """Diagonal gradient plus large blurred blobs, built small and upscaled (smooth and fast)."""
    sw, sh = max(16, width // 8), max(9, height // 8)
    angle = math.radians(rng.uniform(15, 50))
    dx, dy = math.cos(angle), math.sin(angle)
    span = abs(dx) * sw + abs(dy) * sh
    data = []
    for y in range(sh):
        for x in range(sw):
            t = (x * dx + y * dy) / span
            # Smoothstep keeps the ends calm and the change in the middle.
            data.append(_mix(bg[0], bg[1], t * t * (3 - 2 * t)))
    small = Image.new("RGB", (sw, sh))
    small.putdata(data)

    blobs = ImageDraw.Draw(small, "RGBA")
    zx0, zy0, zx1, zy1 = (zone_px[0] / width * sw, zone_px[1] / height * sh,
                          zone_px[2] / width * sw, zone_px[3] / height * sh)
    for i in range(rng.randint(5, 7)):
        colour = _mix(accents[rng.randrange(len(accents))], (255, 255, 255), rng.uniform(0.35, 0.6))
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
    _bokeh(rng, image, accents, zone_px)
    return image


def _bokeh(rng: random.Random, image: Image.Image, accents: list[RGB],
           zone_px: tuple[int, int, int, int]) -> None:
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
        colour = _mix(accents[rng.randrange(len(accents))], (255, 255, 255), rng.uniform(0.2, 0.55))
        x, y = x * f, y * f
        d.ellipse((x - r, y - r, x + r, y + r), fill=(*colour, rng.randint(60, 120) if r > unit * 0.015 else 200))
    layer = layer.convert("RGBa").filter(ImageFilter.GaussianBlur(unit * 0.004)).convert("RGBA")
    layer = layer.resize((width, height), Image.Resampling.BICUBIC)
    image.paste(layer.convert("RGB"), mask=layer.getchannel("A"))


def _free_area(width: int, height: int, zone: tuple[int, int, int, int]) -> tuple[int, int, int, int] | None:
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


@dataclass
class _Place:
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


def _placement(rng: random.Random, free: tuple[int, int, int, int], zone: tuple[int, int, int, int]) -> _Place:
    fw, fh = free[2] - free[0], free[3] - free[1]
    ux = _UNIT_BOX[2] - _UNIT_BOX[0]
    uy = _UNIT_BOX[3] - _UNIT_BOX[1]
    scale = min(fw * 0.9 / ux, fh * 0.88 / uy) * rng.uniform(0.95, 1.0)
    cx = free[0] + fw / 2 + rng.uniform(-0.03, 0.03) * fw
    cy = free[1] + fh / 2 - (_UNIT_BOX[1] + _UNIT_BOX[3]) / 2 * scale + rng.uniform(-0.025, 0.025) * fh
    # The brain faces the title: mirrored when the free area lies left of the text zone.
    mirror = free[2] <= zone[0]
    return _Place(cx, cy, scale, math.radians(rng.uniform(-7, 5)), mirror)


# --------------------------------------------------------------------------- brain


@dataclass
class _Masks:
    cerebrum: Image.Image
    cerebellum: Image.Image
    union: Image.Image
    outlines: list[list[Point]]  # pixel outlines: cerebrum, cerebellum, stem


def _silhouette_masks(place: _Place, width: int, height: int, rng: random.Random) -> _Masks:
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
    return _Masks(masks[0], masks[1], union, outlines)


def _brain_body(image: Image.Image, masks: _Masks, place: _Place, accents: list[RGB],
                rng: random.Random) -> None:
    """Frosted translucent fill with folds and a bright rim, so the network sits on a body."""
    width, height = image.size
    # Gradient across the brain from front to back, computed small then upscaled.
    sw, sh = max(16, width // 16), max(9, height // 16)
    stops = [_mix(a, (255, 255, 255), 0.45) for a in accents]
    x0 = place.to_px((-1.0, 0.0))[0] * sw / width
    x1 = place.to_px((1.0, 0.0))[0] * sw / width
    data = []
    for y in range(sh):
        for x in range(sw):
            data.append(_ramp(stops, (x - x0) / ((x1 - x0) or 1.0) + (y / sh - 0.5) * 0.25))
    fill = Image.new("RGB", (sw, sh))
    fill.putdata(data)
    fill = fill.resize((width, height), Image.Resampling.BICUBIC)

    soft = masks.union.filter(ImageFilter.GaussianBlur(2))
    image.paste(fill, mask=soft.point(lambda v: v * 150 // 255))

    # Folds: seeded wandering curves inside the cerebrum, drawn soft and white.
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
    for landmark in (_SYLVIAN, _CENTRAL):
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
    image.paste(_mix(accents[0], (60, 60, 90), 0.35), mask=shadow.point(lambda v: v * 45 // 255))
    image.paste((255, 255, 255), mask=folds.point(lambda v: v * 170 // 255))

    # Rim light: the inside edge of the silhouette glows.
    # The stem is left out: it is narrower than the rim and would turn white all over.
    body = ImageChops.lighter(masks.cerebrum, masks.cerebellum)
    inner = body.filter(ImageFilter.GaussianBlur(place.scale * 0.035))
    rim = ImageChops.subtract(body, inner)
    image.paste((255, 255, 255), mask=rim.filter(ImageFilter.GaussianBlur(1.5)).point(lambda v: min(255, v * 2)))


def _sample_inside(rng: random.Random, mask: Image.Image, place: _Place) -> Point:
    width, height = mask.size
    for _ in range(500):
        x = rng.uniform(*_UNIT_BOX[0::2])
        y = rng.uniform(_UNIT_BOX[1], _UNIT_BOX[3])
        px, py = place.to_px((x, y))
        if 0 <= px < width and 0 <= py < height and mask.getpixel((int(px), int(py))) >= 128:
            return px, py
    return place.cx, place.cy


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


def _network(rng: random.Random, masks: _Masks, place: _Place, accents: list[RGB],
             ink: RGB) -> tuple[list[_Node], list[tuple[int, int]]]:
    s = place.scale
    stops = [_mix(a, ink, 0.18) for a in accents]
    shift = rng.uniform(-0.15, 0.15)
    x_front = place.to_px((-1.0, 0.0))[0]
    x_back = place.to_px((1.0, 0.0))[0]

    def colour_at(x: float, y: float) -> RGB:
        t = (x - x_front) / ((x_back - x_front) or 1.0) + (y - place.cy) / s * 0.15 + shift
        return _ramp(stops, t + rng.uniform(-0.06, 0.06))

    nodes: list[_Node] = []
    inner = _poisson(rng, masks.cerebrum, s * 0.105, 2600)
    inner += _poisson(rng, ImageChops.subtract(masks.cerebellum, masks.cerebrum), s * 0.085, 500)
    for x, y in inner:
        z = rng.random()
        nodes.append(_Node(x, y, z, s * (0.006 + 0.011 * z) * rng.uniform(0.8, 1.2), colour_at(x, y)))

    # Nodes along the outline make the silhouette itself out of the network.
    chains: list[list[int]] = []
    for outline, gap, front in ((masks.outlines[0], 0.085, []), (masks.outlines[1], 0.075, [masks.cerebrum])):
        for run in _visible_runs(outline, front):
            chain = []
            for x, y in _even_points(run, gap * s):
                chain.append(len(nodes))
                nodes.append(_Node(x, y, 0.85, s * 0.011 * rng.uniform(0.85, 1.15), colour_at(x, y)))
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
        nodes.append(_Node(x, y, 0.7, s * 0.010, colour_at(x, y)))

    hubs = rng.sample(range(len(inner)), k=min(len(inner), rng.randint(6, 9)))
    for i in hubs:
        nodes[i].hub = True
        nodes[i].z = max(nodes[i].z, 0.75)
        nodes[i].r = s * rng.uniform(0.022, 0.03)

    links: set[tuple[int, int]] = set()
    for chain in chains:
        for a, b in zip(chain, chain[1:]):
            links.add((min(a, b), max(a, b)))
    for a, b in zip(stem_chain, stem_chain[1:]):
        links.add((a, b))
    union = masks.union
    reach = s * 0.24
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
    return nodes, sorted(links)


def _visible_runs(outline: list[Point], front: list[Image.Image]) -> list[list[Point]]:
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


def _glow(image: Image.Image, nodes: list[_Node], width: int, height: int) -> None:
    """Soft coloured halos around nodes and hubs, blurred at half resolution."""
    f = 0.5
    layer = Image.new("RGBA", (round(width * f), round(height * f)), (0, 0, 0, 0))
    d = ImageDraw.Draw(layer)
    for n in sorted(nodes, key=lambda n: n.r):
        r = (n.r * (4.5 if n.hub else 3.2)) * f
        alpha = round(200 if n.hub else 60 + 90 * n.z)
        colour = _mix(n.colour, (255, 255, 255), 0.15)
        d.ellipse((n.x * f - r, n.y * f - r, n.x * f + r, n.y * f + r), fill=(*colour, alpha))
    layer = layer.convert("RGBa").filter(ImageFilter.GaussianBlur(max(2.0, width * 0.006))).convert("RGBA")
    layer = layer.resize((width, height), Image.Resampling.BICUBIC)
    image.paste(layer.convert("RGB"), mask=layer.getchannel("A"))


def _draw_network(image: Image.Image, nodes: list[_Node], links: list[tuple[int, int]],
                  masks: _Masks, place: _Place, ink: RGB, rng: random.Random) -> None:
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
        for run in _visible_runs(outline, front):
            d.line([p(x, y) for x, y in run], fill=(*ink, 110), width=lw, joint="curve")

    # Far links first so near ones overlap them.
    order = sorted(links, key=lambda ab: nodes[ab[0]].z + nodes[ab[1]].z)
    segments = 6
    for a, b in order:
        na, nb = nodes[a], nodes[b]
        depth = (na.z + nb.z) / 2
        alpha = round(70 + 130 * depth)
        w = max(1, round(s * (0.0025 + 0.004 * depth) * ss))
        ca = _mix(na.colour, ink, 0.22)
        cb = _mix(nb.colour, ink, 0.22)
        for k in range(segments):
            t0, t1 = k / segments, (k + 1) / segments
            c = _mix(ca, cb, (t0 + t1) / 2)
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
        body = _mix(n.colour, ink, 0.08 + 0.14 * n.z)
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


# --------------------------------------------------------------------------- text zone


def _zone_mask(width: int, height: int, zone: tuple[int, int, int, int], spread: float = 0.06) -> Image.Image:
    """1 inside the text zone, fading to 0 over a feather (`spread` of the short side) outside it."""
    feather = max(4, round(min(width, height) * spread))
    mask = Image.new("L", (width, height), 0)
    ImageDraw.Draw(mask).rectangle((zone[0] - feather // 2, zone[1] - feather // 2,
                                    zone[2] + feather // 2, zone[3] + feather // 2), fill=255)
    # A Gaussian ramp (not a box one) has no kink at its ends, so no Mach band shows at the seam;
    # with sigma = feather/6 it has reached full strength at the zone edge.
    mask = mask.filter(ImageFilter.GaussianBlur(feather / 6))
    mask.paste(255, zone)
    return mask


def _veil(image: Image.Image, zone: tuple[int, int, int, int]) -> None:
    """Calm the text zone: blur anything busy away, then lighten it a little."""
    width, height = image.size
    # The blur stops close to the zone so it never softens the brain; the lightening fades out
    # slowly, since a brightness step is what the eye would catch as a seam.
    blurred = image.filter(ImageFilter.BoxBlur(max(2, width // 120)))
    image.paste(blurred, mask=_zone_mask(width, height, zone))
    wide = _zone_mask(width, height, zone, spread=0.2)
    image.paste((255, 255, 255), mask=wide.point(lambda v: v * 38 // 255))


def _ensure_contrast(image: Image.Image, zone: tuple[int, int, int, int]) -> None:
    """Lift the text zone toward white until the title ink reaches the contrast ratio everywhere."""
    ink_l = _luminance(_rgb(TITLE_INK))
    need = _CONTRAST_TARGET * (ink_l + 0.05) - 0.05
    feather: Image.Image | None = None
    for _ in range(12):
        low = _luminance_lower_bound(image.crop(zone))
        if low >= need:
            return
        if feather is None:
            # The lift fades out past the zone edge, so a dark palette gets no visible seam.
            feather = _zone_mask(image.width, image.height, zone, spread=0.3)
        # Blending toward white raises luminance monotonically; overshoot a little each round.
        t = min(1.0, (need - low) / max(1e-6, 1.0 - low) + 0.03)
        image.paste((255, 255, 255), mask=feather.point(lambda v: min(255, math.ceil(v * t))))
    # Still short after repeated lifts (cannot happen short of a bug): make the zone white.
    image.paste((255, 255, 255), zone)


def _luminance_lower_bound(image: Image.Image) -> float:
    """A value no greater than the minimum WCAG luminance of any pixel in `image`."""
    low8 = _luminance_image(image).getextrema()[0]
    # The LUT rounds each linear channel and the weighted sum once more: at most 1/255 in total.
    return max(0.0, (low8 - 1) / 255)
