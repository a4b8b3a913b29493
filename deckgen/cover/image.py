"""Loading a user-supplied cover picture safely, and fitting it to the slide without distortion."""

from __future__ import annotations

import warnings
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from deckgen.errors import InputError

from .args import check_size
from .png import read_png_header

# Pictures larger than this are refused before decoding: a small file can expand to gigabytes.
MAX_INPUT_PIXELS = 80_000_000


def load_fitted(src: Path, size: tuple[int, int], max_pixels: int) -> Image.Image:
    """Load `src` and scale+centre-crop it to exactly `size`; see `cover.fit_image`."""
    width, height = check_size(size, minimum=1)
    picture = _flatten(decoded(src, max_pixels))
    return ImageOps.fit(picture, (width, height), method=Image.Resampling.LANCZOS, centering=(0.5, 0.5))


def checked(src: Path, max_pixels: int) -> None:
    """What a build asks before showing a picture: `decoded`'s verdict, without its pixels when the file
    can prove itself whole. A PNG's chunks carry checksums, so a truncated or altered one is refused by
    reading them (half a millisecond for a cover) rather than by inflating every pixel (forty)."""
    _read(src, max_pixels, whole=False)


def decoded(src: Path, max_pixels: int) -> Image.Image:
    """The picture at `src`, decoded and turned upright, or one clear InputError for a missing, unreadable,
    corrupt or too large file (nothing is scaled)."""
    picture = _read(src, max_pixels, whole=True)
    assert picture is not None
    return picture


def _read(src: Path, max_pixels: int, *, whole: bool) -> Image.Image | None:
    src = Path(src)
    if not src.exists():
        raise InputError("picture not found", file=src)
    if not src.is_file():
        raise InputError("picture is not a regular file", file=src)
    if not whole and _plain_png(src, max_pixels):
        return None
    try:
        with warnings.catch_warnings():
            # Pillow only warns between its limit and twice that; treat the warning as fatal too.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(src) as opened:
                w, h = opened.size
                if w < 1 or h < 1:
                    raise InputError("picture has no pixels", file=src)
                if w * h > max_pixels:
                    raise InputError(f"picture is too large ({w}x{h} pixels)", file=src)
                if not whole and opened.format == "PNG":
                    opened.verify()
                    return None
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
    return picture


def _plain_png(src: Path, max_pixels: int) -> bool:
    """True when `src` is a PNG Pillow would open and verify without a word: checked without Pillow."""
    limit = max_pixels if Image.MAX_IMAGE_PIXELS is None else min(max_pixels, Image.MAX_IMAGE_PIXELS)
    try:
        data = src.read_bytes()
    except OSError:
        return False  # Pillow says why
    return read_png_header(data, whole=True, max_pixels=limit) is not None


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
