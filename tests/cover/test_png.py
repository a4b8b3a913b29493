"""The standard-library PNG header reader answers as Pillow does, or leaves the file to Pillow."""

from __future__ import annotations

import io
import warnings

import pytest
from PIL import Image, PngImagePlugin

from deckgen.cover.image import MAX_INPUT_PIXELS, checked
from deckgen.cover.png import read_png_header
from deckgen.errors import InputError


def _png(mode: str, size=(37, 21), **params) -> bytes:
    buf = io.BytesIO()
    picture = Image.new(mode, size)
    if mode == "P":
        picture.putpalette([i % 256 for i in range(768)])
    picture.save(buf, "PNG", **params)
    return buf.getvalue()


PLAIN = {
    "bilevel": _png("1"), "grey": _png("L"), "grey16": _png("I;16"), "rgb": _png("RGB"),
    "rgba": _png("RGBA", dpi=(300, 300)), "palette": _png("P", transparency=3), "grey-alpha": _png("LA"),
    "rgb-dpi": _png("RGB", dpi=(96, 144)), "rgb-large": _png("RGB", size=(640, 480)),
}


def _pillow(data: bytes, whole: bool):
    """(size, dpi) as Pillow reads them, or None when it refuses the file."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            with Image.open(io.BytesIO(data)) as im:
                seen = (im.size, im.info.get("dpi"))
                if im.format != "PNG":
                    return None
                if whole:
                    im.verify()
        return seen
    except Exception:  # what Pillow raises on a broken file varies
        return None


@pytest.mark.parametrize("name", sorted(PLAIN))
def test_plain_pngs_are_read_as_pillow_reads_them(name):
    data = PLAIN[name]
    for whole in (True, False):
        header = read_png_header(data, whole=whole, max_pixels=MAX_INPUT_PIXELS)
        assert header is not None, name  # the common case is answered without Pillow
        assert (header.size, header.dpi) == _pillow(data, whole)


def _damaged(data: bytes):
    yield data[: len(data) // 2]  # truncated in the pixels
    yield data[:-12]  # no IEND
    for at in (20, 40, len(data) - 20):  # a flipped byte in the header, the pixels, their checksum
        flipped = bytearray(data)
        flipped[at] ^= 0x5A
        yield bytes(flipped)


@pytest.mark.parametrize("name", sorted(PLAIN))
def test_a_damaged_png_is_never_passed_where_pillow_would_refuse_it(name):
    for data in _damaged(PLAIN[name]):
        for whole in (True, False):
            header = read_png_header(data, whole=whole, max_pixels=MAX_INPUT_PIXELS)
            if header is not None:
                assert (header.size, header.dpi) == _pillow(data, whole)
        assert read_png_header(data, whole=True, max_pixels=MAX_INPUT_PIXELS) is None


def test_what_pillow_reads_itself_is_left_to_it():
    text = PngImagePlugin.PngInfo()
    text.add_text("dpi", "not a resolution")  # becomes Pillow's info["dpi"]
    compressed = PngImagePlugin.PngInfo()
    compressed.add_text("Comment", "zipped", zip=True)
    for data in (_png("RGB", pnginfo=text), _png("RGB", pnginfo=compressed), _png("RGB", icc_profile=b"x" * 200),
                 b"GIF89a" + PLAIN["rgb"][6:], PLAIN["rgb"][:30]):
        assert read_png_header(data, whole=False, max_pixels=MAX_INPUT_PIXELS) is None
    plain_text = PngImagePlugin.PngInfo()
    plain_text.add_text("Software", "deckgen")
    header = read_png_header(_png("RGB", pnginfo=plain_text), whole=True, max_pixels=MAX_INPUT_PIXELS)
    assert header is not None and header.size == (37, 21)
    assert read_png_header(PLAIN["rgb"], whole=True, max_pixels=37 * 21 - 1) is None  # over the limit


def test_a_build_still_refuses_a_truncated_or_altered_png(tmp_path):
    good = tmp_path / "good.png"
    good.write_bytes(PLAIN["rgb-dpi"])
    checked(good, MAX_INPUT_PIXELS)
    for i, data in enumerate(_damaged(PLAIN["rgb-dpi"])):
        bad = tmp_path / f"bad{i}.png"
        bad.write_bytes(data)
        with pytest.raises(InputError):
            checked(bad, MAX_INPUT_PIXELS)
