"""The text zone of the cover: calmed, lightened and lifted until the title ink is legible on it."""

from __future__ import annotations

import math

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageStat

from .args import Box, Zone, check_zone
from .palette import RGB, luminance, luminance_image, rgb

# The title colour the cover slide uses, and the WCAG AA ratio it must reach on the text zone.
TITLE_INK = "#2B2B3A"
# On a dark cover the title is light: the dimmest light title colour a dark theme uses (pastel-dark).
LIGHT_TITLE_INK = "#E3D3FF"
MIN_CONTRAST = 4.5
# The zone is lifted to a little more than required, so rounding in a caller's own check (or a
# slightly different title colour) never flips the verdict.
_CONTRAST_TARGET = MIN_CONTRAST + 0.3


def text_zone_colour(image: Image.Image, text_zone: Zone, dark: bool = False) -> RGB:
    """Return the colour of the darkest/most-saturated typical pixel in text_zone.

    It is the mean colour of the 2 % darkest pixels (by WCAG luminance), so a caller can check
    title contrast against it without one stray pixel deciding. On a dark cover (`dark`), the 2 %
    lightest: the ones that come closest to light title text.
    """
    zone = check_zone(text_zone)
    picture = image.convert("RGB")
    w, h = picture.size
    box = (round(zone[0] * w), round(zone[1] * h), round(zone[2] * w), round(zone[3] * h))
    if box[2] <= box[0] or box[3] <= box[1]:
        raise ValueError("text_zone covers no pixel of the image")
    crop = picture.crop(box)
    lum = luminance_image(crop)
    if dark:
        lum = lum.point(lambda v: 255 - v)
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


def veil(image: Image.Image, zone: Box, haze: RGB = (255, 255, 255)) -> None:
    """Calm the text zone: blur anything busy away, then lighten it a little (darken toward `haze` at night)."""
    width, height = image.size
    # The blur stops close to the zone so it never softens the brain; the lightening fades out
    # slowly, since a brightness step is what the eye would catch as a seam.
    blurred = image.filter(ImageFilter.BoxBlur(max(2, width // 120)))
    image.paste(blurred, mask=_zone_mask(width, height, zone))
    wide = _zone_mask(width, height, zone, spread=0.2)
    image.paste(haze, mask=wide.point(lambda v: v * 38 // 255))


def ensure_contrast(image: Image.Image, zone: Box, dark: bool = False) -> None:
    """Lift the text zone toward white until the title ink reaches the contrast ratio everywhere.

    On a dark cover, sink it toward black until light title ink does.
    """
    if dark:
        _ensure_dark(image, zone)
        return
    ink_l = luminance(rgb(TITLE_INK))
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


def _zone_mask(width: int, height: int, zone: Box, spread: float = 0.06) -> Image.Image:
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


def _luminance_lower_bound(image: Image.Image) -> float:
    """A value no greater than the minimum WCAG luminance of any pixel in `image`."""
    low8 = luminance_image(image).getextrema()[0]
    # The LUT rounds each linear channel and the weighted sum once more: at most 1/255 in total.
    return max(0.0, (low8 - 1) / 255)


def _ensure_dark(image: Image.Image, zone: Box) -> None:
    """Tame only what is too bright in the zone, so the night sky keeps its tones and shows no seam.

    Each pixel brighter than allowed is scaled down toward the limit (a tone curve, not a veil);
    the change fades out past the zone like the light lift. A plain sink toward black is the fallback.
    """
    ink_l = luminance(rgb(LIGHT_TITLE_INK))
    need = (ink_l + 0.05) / _CONTRAST_TARGET - 0.05
    feather = _zone_mask(image.width, image.height, zone, spread=0.3)
    for _ in range(6):
        high = min(1.0, (luminance_image(image.crop(zone)).getextrema()[1] + 1) / 255)
        if high <= need:
            return
        limit = need * 255 * 0.97

        def scale(v: int) -> int:
            # sRGB ≈ linear ** (1 / 2.2): scaling the channels by this factor brings luminance to the limit.
            return 255 if v <= limit else math.floor(255 * (limit / (v + 1)) ** (1 / 2.2))

        factor = luminance_image(image).point(scale)
        tamed = ImageChops.multiply(image, Image.merge("RGB", (factor, factor, factor)))
        image.paste(tamed, mask=feather)
    for _ in range(12):
        high = min(1.0, (luminance_image(image.crop(zone)).getextrema()[1] + 1) / 255)
        if high <= need:
            return
        # Blending toward black lowers luminance faster than linearly (gamma): this never undershoots.
        t = min(1.0, (high - need) / high + 0.03)
        image.paste((0, 0, 0), mask=feather.point(lambda v: min(255, math.ceil(v * t))))
    image.paste((0, 0, 0), zone)
