"""Measure the generated cover illustration and the fitting of user-supplied cover pictures."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageStat

import deckgen.cover.draw as cover
from deckgen.cover.draw import (
    DEFAULT_PALETTE,
    CoverPalette,
    cover_png_bytes,
    draw_cover,
    fit_image,
    text_zone_colour,
    write_cover,
)
from deckgen.errors import InputError, RenderError

ZONE = (0.0, 0.0, 0.46, 1.0)
TITLE_INK = (0x2B, 0x2B, 0x3A)


def _linear(c: int) -> float:
    v = c / 255
    return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4


def luminance(rgb: tuple[int, int, int]) -> float:
    r, g, b = (_linear(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def zone_box(image: Image.Image, zone: tuple[float, float, float, float]) -> tuple[int, int, int, int]:
    w, h = image.size
    return round(zone[0] * w), round(zone[1] * h), round(zone[2] * w), round(zone[3] * h)


def min_zone_contrast(image: Image.Image, zone: tuple[float, float, float, float]) -> float:
    """Exact worst contrast of the title ink against every distinct colour in the zone."""
    colours = image.crop(zone_box(image, zone)).getcolors(maxcolors=1 << 24)
    return min(contrast(TITLE_INK, c) for _, c in colours)


def edge_density(image: Image.Image, box: tuple[int, int, int, int]) -> float:
    return ImageStat.Stat(image.convert("L").filter(ImageFilter.FIND_EDGES).crop(box)).mean[0]


@pytest.fixture(scope="module")
def seed1() -> Image.Image:
    return draw_cover(seed=1)


@pytest.fixture(scope="module")
def seed2() -> Image.Image:
    return draw_cover(seed=2)


# --------------------------------------------------------------------------- the picture


def test_size_is_16_9_full_hd(seed1: Image.Image) -> None:
    assert seed1.mode == "RGB"
    w, h = seed1.size
    assert (w, h) == (1920, 1080)
    assert w * 9 == h * 16


def test_pastel_low_saturation_high_lightness(seed1: Image.Image, seed2: Image.Image) -> None:
    for image in (seed1, seed2):
        stat = ImageStat.Stat(image.convert("HSV"))
        assert stat.mean[1] / 255 < 0.35
        assert stat.mean[2] / 255 > 0.75


def test_many_colours_not_flat_fills(seed1: Image.Image) -> None:
    assert len(seed1.getcolors(maxcolors=2**24)) > 5000


def test_text_zone_is_a_smooth_gradient(seed1: Image.Image) -> None:
    zone = seed1.crop(zone_box(seed1, ZONE)).convert("L")
    for dx, dy in ((1, 0), (0, 1)):
        shifted = zone.crop((dx, dy, zone.width, zone.height))
        base = zone.crop((0, 0, zone.width - dx, zone.height - dy))
        hist = ImageChops.difference(base, shifted).histogram()
        small = sum(hist[:3]) / sum(hist)
        assert small > 0.995, f"only {small:.4f} of neighbour steps are <= 2 levels"
        assert max(i for i, n in enumerate(hist) if n) <= 12  # no hard edge anywhere


def test_brain_area_has_structure(seed1: Image.Image) -> None:
    w, h = seed1.size
    text = edge_density(seed1, zone_box(seed1, ZONE))
    brain = edge_density(seed1, (w // 2, 0, w, h))
    assert brain > 3 * text
    # The drawing really fills the right half: its edges span most of the height and width.
    edges = seed1.convert("L").filter(ImageFilter.FIND_EDGES).crop((w // 2, 0, w, h)).point(
        lambda v: 255 if v > 40 else 0)
    left, top, right, bottom = edges.getbbox()
    assert right - left > 0.6 * (w // 2) and bottom - top > 0.6 * h


def test_same_seed_gives_identical_bytes(seed1: Image.Image) -> None:
    again = draw_cover(seed=1)
    assert cover_png_bytes(again) == cover_png_bytes(seed1)


def test_different_seeds_look_different(seed1: Image.Image, seed2: Image.Image) -> None:
    assert seed1.tobytes() != seed2.tobytes()
    w, h = seed1.size
    right = (w // 2, 0, w, h)
    diff = ImageStat.Stat(ImageChops.difference(seed1.crop(right), seed2.crop(right)).convert("L")).mean[0]
    assert diff > 4.0, f"mean absolute difference only {diff:.2f}"
    # Node placement differs: the edge maps overlap only partly.
    e1 = seed1.convert("L").filter(ImageFilter.FIND_EDGES).crop(right).point(lambda v: 255 if v > 40 else 0)
    e2 = seed2.convert("L").filter(ImageFilter.FIND_EDGES).crop(right).point(lambda v: 255 if v > 40 else 0)
    both = ImageStat.Stat(ImageChops.multiply(e1, e2)).sum[0]
    either = ImageStat.Stat(ImageChops.lighter(e1, e2)).sum[0]
    assert both / either < 0.5


def test_title_contrast_in_text_zone(seed1: Image.Image) -> None:
    assert min_zone_contrast(seed1, ZONE) >= 4.5


def test_title_contrast_guaranteed_with_dark_palette_and_other_zone() -> None:
    # A deliberately too-dark "pastel" palette: the zone must still be lifted to 4.5:1.
    dusk = CoverPalette(background=("#6B6790", "#7A6F86"),
                        accents=("#7E6FB8", "#5F8FB8", "#5FA08F"), ink="#3D3A5C")
    zone = (0.55, 0.0, 1.0, 1.0)
    image = draw_cover(seed=7, palette=dusk, size=(960, 540), text_zone=zone)
    assert image.size == (960, 540)
    assert min_zone_contrast(image, zone) >= 4.5
    # The brain moved to the free (left) side.
    assert edge_density(image, (0, 0, 480, 540)) > 3 * edge_density(image, zone_box(image, zone))


def test_text_zone_colour_is_dark_end_of_zone(seed1: Image.Image) -> None:
    colour = text_zone_colour(seed1, ZONE)
    assert len(colour) == 3 and all(isinstance(c, int) for c in colour)
    zone = seed1.crop(zone_box(seed1, ZONE))
    mean = ImageStat.Stat(zone.convert("L")).mean[0]
    assert Image.new("RGB", (1, 1), colour).convert("L").getpixel((0, 0)) <= mean
    assert contrast(TITLE_INK, colour) >= 4.5


def test_full_frame_text_zone_draws_background_only() -> None:
    image = draw_cover(seed=3, size=(640, 360), text_zone=(0.0, 0.0, 1.0, 1.0))
    assert min_zone_contrast(image, (0.0, 0.0, 1.0, 1.0)) >= 4.5


def test_bad_arguments_are_rejected() -> None:
    with pytest.raises(ValueError):
        CoverPalette(background=("#FFF", "#EEEEEE"), accents=("#AAAAAA",) * 3, ink="#333333")
    with pytest.raises(ValueError):
        CoverPalette(background=("#FFFFFF", "#EEEEEE"), accents=("#AAAAAA",) * 2, ink="#333333")
    with pytest.raises(ValueError):
        draw_cover(seed=1, text_zone=(0.5, 0.0, 0.4, 1.0))
    with pytest.raises(ValueError):
        draw_cover(seed=1, size=(0, 1080))


# --------------------------------------------------------------------------- writing


def test_write_cover_png_is_atomic_and_small(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[Path] = []
    real = cover.write_bytes_atomic

    def spy(path: Path, data: bytes) -> None:
        calls.append(Path(path))
        real(path, data)

    monkeypatch.setattr(cover, "write_bytes_atomic", spy)
    target = tmp_path / "art" / "cover.png"
    target.parent.mkdir()
    target.write_bytes(b"old")
    assert write_cover(target, seed=1) == target
    assert calls == [target]
    assert sorted(p.name for p in target.parent.iterdir()) == ["cover.png"]  # no temp file left
    data = target.read_bytes()
    assert len(data) < 1_500_000
    with Image.open(io.BytesIO(data)) as png:
        assert png.format == "PNG" and png.size == (1920, 1080)
        assert not {k for k in png.info if k not in ("dpi",)}  # no text chunks, no timestamps


def test_failed_write_keeps_previous_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "cover.png"
    target.write_bytes(b"previous")

    def boom(**_: object) -> Image.Image:
        raise RuntimeError("drawing failed")

    monkeypatch.setattr(cover, "draw_cover", boom)
    with pytest.raises(RuntimeError):
        write_cover(target, seed=1)
    assert target.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["cover.png"]


def test_write_cover_jpeg_by_suffix_and_bad_suffix(tmp_path: Path) -> None:
    jpg = write_cover(tmp_path / "cover.JPG", seed=2, size=(960, 540))
    with Image.open(jpg) as im:
        assert im.format == "JPEG" and im.size == (960, 540)
    with pytest.raises(RenderError) as err:
        write_cover(tmp_path / "cover.gif", seed=2)
    assert "cover.gif" in str(err.value)


# --------------------------------------------------------------------------- fit_image


def _circle_picture(path: Path, size: tuple[int, int]) -> None:
    """A light picture with a dark centred circle whose diameter is 40 % of the short side."""
    w, h = size
    im = Image.new("RGB", size, (240, 240, 240))
    r = min(w, h) * 0.2
    ImageDraw.Draw(im).ellipse((w / 2 - r, h / 2 - r, w / 2 + r, h / 2 + r), fill=(20, 20, 20))
    im.save(path)


def _dark_bbox(im: Image.Image) -> tuple[int, int, int, int]:
    return im.convert("L").point(lambda v: 255 if v < 128 else 0).getbbox()


@pytest.mark.parametrize("source_size", [(1200, 900), (600, 1400), (400, 400)])
def test_fit_image_crops_without_distortion(tmp_path: Path, source_size: tuple[int, int]) -> None:
    src = tmp_path / "pic.png"
    _circle_picture(src, source_size)
    out = fit_image(src, (640, 360))
    assert out.size == (640, 360) and out.mode == "RGB"
    left, top, right, bottom = _dark_bbox(out)
    width, height = right - left, bottom - top
    assert abs(width - height) <= 2, f"circle became {width}x{height}"
    # Centred: the circle's centre stays at the centre of the output.
    assert abs((left + right) / 2 - 320) <= 2 and abs((top + bottom) / 2 - 180) <= 2


def test_fit_image_tall_picture_keeps_middle_band(tmp_path: Path) -> None:
    # Red top third, green middle, blue bottom: a centre crop to 16:9 must show only green.
    src = tmp_path / "tall.png"
    im = Image.new("RGB", (300, 900), (0, 200, 0))
    im.paste((200, 0, 0), (0, 0, 300, 300))
    im.paste((0, 0, 200), (0, 600, 300, 900))
    im.save(src)
    out = fit_image(src, (320, 180))
    r, g, b = ImageStat.Stat(out).mean
    assert g > 190 and r < 10 and b < 10


def test_fit_image_flattens_transparency_on_white(tmp_path: Path) -> None:
    src = tmp_path / "alpha.png"
    Image.new("RGBA", (160, 90), (0, 0, 0, 0)).save(src)
    out = fit_image(src, (32, 18))
    assert out.getpixel((5, 5)) == (255, 255, 255)


def test_fit_image_sixteen_bit_greyscale_is_not_clipped(tmp_path: Path) -> None:
    src = tmp_path / "deep.png"
    ramp = bytes(b for v in range(256) for b in ((v * 257) & 255, (v * 257) >> 8))
    Image.frombytes("I;16", (256, 1), ramp).resize((320, 180)).save(src)
    out = fit_image(src, (160, 90))
    low, high = out.convert("L").getextrema()
    assert low <= 5 and high >= 250


def test_fit_image_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError) as err:
        fit_image(tmp_path / "nowhere.png", (640, 360))
    assert "nowhere.png" in str(err.value)
    assert "\n" not in str(err.value)


def test_fit_image_text_file_named_png(tmp_path: Path) -> None:
    fake = tmp_path / "notes.png"
    fake.write_text("this is not a picture\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        fit_image(fake, (640, 360))
    assert "notes.png" in str(err.value)
    assert "\n" not in str(err.value)


def test_fit_image_directory_and_truncated_file(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        fit_image(tmp_path, (640, 360))
    good = io.BytesIO()
    Image.effect_noise((400, 300), 60).convert("RGB").save(good, format="PNG")
    broken = tmp_path / "broken.png"
    broken.write_bytes(good.getvalue()[: len(good.getvalue()) // 2])
    with pytest.raises(InputError) as err:
        fit_image(broken, (640, 360))
    assert "broken.png" in str(err.value)


def test_fit_image_refuses_huge_pictures(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = tmp_path / "huge.png"
    Image.new("RGB", (200, 200), (200, 220, 240)).save(src)
    monkeypatch.setattr(cover, "MAX_INPUT_PIXELS", 10_000)
    with pytest.raises(InputError) as err:
        fit_image(src, (64, 36))
    assert "huge.png" in str(err.value) and "too large" in str(err.value)
    # Pillow's own decompression-bomb guard is turned into the same kind of error.
    monkeypatch.setattr(cover, "MAX_INPUT_PIXELS", 10**9)
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 5_000)
    with pytest.raises(InputError) as err:
        fit_image(src, (64, 36))
    assert "huge.png" in str(err.value)


def test_default_palette_is_pastel() -> None:
    # Every accent is light and soft, and the ink is darker than any accent.
    for colour in (*DEFAULT_PALETTE.background, *DEFAULT_PALETTE.accents):
        assert luminance(cover._rgb(colour)) > 0.35
    assert luminance(cover._rgb(DEFAULT_PALETTE.ink)) < min(
        luminance(cover._rgb(c)) for c in DEFAULT_PALETTE.accents)


def test_a_build_checks_a_png_by_its_checksums_and_refuses_an_altered_or_cut_one(tmp_path: Path) -> None:
    from deckgen.cover.image import checked

    good = tmp_path / "good.png"
    Image.new("RGB", (64, 48), (10, 120, 200)).save(good)
    checked(good, 10_000)  # whole: no error
    data = good.read_bytes()
    altered, cut = tmp_path / "altered.png", tmp_path / "cut.png"
    i = data.index(b"IDAT") + 8
    altered.write_bytes(data[:i] + bytes([data[i] ^ 0xFF]) + data[i + 1:])  # one byte of the pixels changed
    cut.write_bytes(data[: len(data) // 2])
    for bad in (altered, cut):
        with pytest.raises(InputError, match="unreadable or corrupt"):
            checked(bad, 10_000)
    with pytest.raises(InputError, match="too large"):
        checked(good, 1_000)  # 64 × 48 pixels over the limit, refused from the header alone
