"""Every cover motif: deterministic per seed, different per seed, pastel, and a calm title zone that
keeps the title at WCAG 4.5:1 on light and dark covers alike."""

from __future__ import annotations

import colorsys
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageStat

from deckgen.cover import MOTIFS, cover_png_bytes, draw_cover
from deckgen.cover.from_theme import cover_palette, is_dark
from deckgen.cover.palette import luminance, luminance_image, rgb
from deckgen.cover.zone import LIGHT_TITLE_INK, MIN_CONTRAST, TITLE_INK
from deckgen.outline.model import COVER_MOTIFS
from deckgen.theme.loader import load_theme

SIZE = (640, 360)
ZONE = (0.0, 0.0, 0.46, 1.0)
LIGHT = cover_palette(load_theme("pastel"))
DARK = cover_palette(load_theme("pastel-dark"))
REPO = Path(__file__).resolve().parents[2]


def _zone_px(image: Image.Image) -> tuple[int, int, int, int]:
    w, h = image.size
    return round(ZONE[0] * w), round(ZONE[1] * h), round(ZONE[2] * w), round(ZONE[3] * h)


def _free(image: Image.Image) -> Image.Image:
    w, h = image.size
    return image.crop((round(ZONE[2] * w), 0, w, h))


def _worst_contrast(image: Image.Image, ink: str, dark: bool) -> float:
    """Contrast of `ink` with the zone pixel closest to it (8-bit luminance, rounded against us)."""
    low, high = luminance_image(image.crop(_zone_px(image))).getextrema()
    zone_l = min(1.0, (high + 1) / 255) if dark else max(0.0, (low - 1) / 255)
    ink_l = luminance(rgb(ink))
    return (max(zone_l, ink_l) + 0.05) / (min(zone_l, ink_l) + 0.05)


def test_the_outline_schema_knows_every_motif():
    assert COVER_MOTIFS == MOTIFS


@pytest.mark.parametrize("motif", MOTIFS)
def test_same_seed_same_bytes_and_other_seeds_differ(motif):
    first = cover_png_bytes(draw_cover(seed=11, size=SIZE, motif=motif, palette=LIGHT))
    assert cover_png_bytes(draw_cover(seed=11, size=SIZE, motif=motif, palette=LIGHT)) == first
    a = draw_cover(seed=11, size=SIZE, motif=motif, palette=LIGHT)
    b = draw_cover(seed=12, size=SIZE, motif=motif, palette=LIGHT)
    # Not a shifted copy: the free area differs on average by a visible amount.
    diff = ImageStat.Stat(ImageChops.difference(_free(a), _free(b)).convert("L")).mean[0]
    assert diff > 3, f"{motif}: seeds 11 and 12 give nearly the same picture ({diff:.1f})"


@pytest.mark.parametrize("motif", MOTIFS)
@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_title_zone_contrast(motif, dark):
    image = draw_cover(seed=5, size=SIZE, motif=motif, palette=DARK if dark else LIGHT)
    ink = LIGHT_TITLE_INK if dark else TITLE_INK
    assert _worst_contrast(image, ink, dark) >= MIN_CONTRAST


@pytest.mark.parametrize("motif", MOTIFS)
def test_motif_draws_in_the_free_area_and_keeps_the_zone_calm(motif):
    image = draw_cover(seed=5, size=SIZE, motif=motif, palette=LIGHT)
    zone_spread = ImageStat.Stat(image.crop(_zone_px(image)).convert("L")).stddev[0]
    free_spread = ImageStat.Stat(_free(image).convert("L")).stddev[0]
    assert free_spread > 2 * zone_spread, (motif, free_spread, zone_spread)


def test_motifs_are_different_pictures():
    pictures = {m: draw_cover(seed=5, size=SIZE, motif=m, palette=LIGHT) for m in MOTIFS}
    for i, a in enumerate(MOTIFS):
        for b in MOTIFS[i + 1:]:
            diff = ImageStat.Stat(ImageChops.difference(_free(pictures[a]), _free(pictures[b])).convert("L")).mean[0]
            assert diff > 3, (a, b, diff)


@pytest.mark.parametrize("motif", MOTIFS)
def test_light_covers_are_pastel_and_dark_ones_are_night(motif):
    light = draw_cover(seed=8, size=SIZE, motif=motif, palette=LIGHT).resize((64, 36))
    data = light.tobytes()
    hsv = [colorsys.rgb_to_hsv(data[i] / 255, data[i + 1] / 255, data[i + 2] / 255) for i in range(0, len(data), 3)]
    assert sum(s for _, s, _ in hsv) / len(hsv) < 0.3  # soft colours
    assert sum(v for _, _, v in hsv) / len(hsv) > 0.8  # light
    night = draw_cover(seed=8, size=SIZE, motif=motif, palette=DARK)
    assert ImageStat.Stat(luminance_image(night)).mean[0] / 255 < 0.2


def test_unknown_motif_is_refused():
    with pytest.raises(ValueError, match="motif"):
        draw_cover(seed=1, size=SIZE, motif="spiral")


def test_dark_palette_only_for_dark_themes():
    assert is_dark(load_theme("pastel-dark")) and DARK.dark
    for name in ("pastel", "high-contrast", "corporate"):
        assert not is_dark(load_theme(name)) and not cover_palette(load_theme(name)).dark
    # the night accents are luminous, the theme's own dark decor colours would vanish
    assert min(luminance(rgb(a)) for a in DARK.accents) > 0.3


def test_the_committed_example_cover_is_still_the_brain_it_was():
    committed = (REPO / "assets" / "ia-generative-2025" / "illustration-couverture.png").read_bytes()
    assert cover_png_bytes(draw_cover(seed=717430, palette=LIGHT, motif="brain")) == committed
