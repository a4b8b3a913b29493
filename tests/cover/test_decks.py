"""Covers and dividers in real decks: the motif the talk's words choose, the night cover of a dark
theme, section cards and a closing slide that echo the cover, all re-opened as a presenter sees them."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageStat
from pptx import Presentation
from pptx.util import Emu

from deckgen.api import build
from deckgen.check.deck import check_deck
from deckgen.cover.palette import luminance, luminance_image, rgb
from deckgen.cover.zone import LIGHT_TITLE_INK, MIN_CONTRAST
from deckgen.outline import load_outline, save_outline
from deckgen.outline.model import Cover, Meta, Outline, OutlineSection, Point, Slide
from deckgen.render.divider import DECORATIVE_URI
from deckgen.theme.loader import load_theme

PT = 12700
KAFKA = [("Kafka in production", ["Brokers replicate partitions across the cluster",
                                  "Producers write to a distributed log through the API"]),
         ("Consumers and the network", ["Consumer groups share the partitions of a topic",
                                        "The network between brokers carries the replication"]),
         ("Operating the cluster", ["Monitoring brokers, consumers and producers",
                                    "Scaling the cluster without losing messages"])]


def _project(tmp_path: Path, motif: str = "") -> Path:
    sections = tuple(
        OutlineSection(f"s{i}", title, str(i + 1),
                       (Slide(f"s{i}a", f"{title}: the facts", points=tuple(Point(p) for p in pts)),),
                       notes=f"Now: {title.lower()}.")  # a part with notes of its own gets a divider
        for i, (title, pts) in enumerate(KAFKA))
    outline = Outline(Meta("Kafka for everyone", "Event streaming in practice", lang="en",
                           cover=Cover("kafka-cover.png", "Pastel illustration: a network", 21, motif)),
                      sections)
    save_outline(outline, tmp_path / "outlines" / "kafka.yaml")
    return tmp_path / "outlines" / "kafka.yaml"


def _deck(tmp_path: Path, outline: Path, theme: str, out: str) -> tuple[Path, tuple[str, ...]]:
    [result] = build([outline], levels=["expert"], theme=theme, out_dir=tmp_path / out, root=tmp_path)
    return result.deck_path, result.notes


def _shape_box(shape) -> tuple[float, float, float, float]:
    return shape.left / PT, shape.top / PT, (shape.left + shape.width) / PT, (shape.top + shape.height) / PT


def _kinds(prs):
    """(slide, echo pictures) of every slide; the first is the cover, the last the closing."""
    return [(s, [sh for sh in s.shapes if sh.name == "Cover echo"]) for s in prs.slides]


def test_light_deck_network_motif_and_dividers_echo_the_cover(tmp_path):
    outline = _project(tmp_path)
    deck, notes = _deck(tmp_path, outline, "pastel", "out")
    assert any("motif: network" in n for n in notes), notes
    cover_file = tmp_path / "outlines" / "kafka-cover.png"
    assert cover_file.is_file() and not (tmp_path / "outlines" / "kafka-cover-dark.png").exists()

    prs = Presentation(str(deck))
    slides = _kinds(prs)
    cover_pic = next(sh for sh in slides[0][0].shapes if sh.shape_type == 13)
    assert cover_pic.image.blob == cover_file.read_bytes()
    echoed = [(s, e) for s, e in slides if e]
    assert len(echoed) == len(KAFKA)  # one card per section divider
    crops = set()
    theme = load_theme("pastel")
    for slide, [pic] in echoed:
        # the same picture (one image part in the package), cropped: no new pixels
        assert pic.image.sha1 == cover_pic.image.sha1
        crops.add((round(pic.crop_left, 3), round(pic.crop_top, 3)))
        assert pic._element.nvPicPr.cNvPr.get("descr") == "Pastel illustration: a network"
        assert any(e.get("uri") == DECORATIVE_URI for e in pic._element.iter(
            "{http://schemas.openxmlformats.org/drawingml/2006/main}ext"))
        left, top, right, bottom = _shape_box(pic)
        assert left >= 0 and top >= 0 and right <= prs.slide_width / PT and bottom <= prs.slide_height / PT
        title = slide.shapes.title
        # the title stays in its own box, clear of the picture, in a colour legible on the divider
        assert _shape_box(title)[2] <= left
        footer = next(sh for sh in slide.shapes if sh.name == "Slide number")
        assert _shape_box(footer)[1] >= bottom
        ratio = _contrast(theme.palette.divider_text, theme.palette.divider_background)
        assert ratio >= MIN_CONTRAST
        assert title.text_frame.text in [t for t, _ in KAFKA]
    assert len(crops) == len(KAFKA)  # each divider a different window onto the motif
    closing, _ = slides[-1]
    mirrored = [sh for sh in closing.shapes if sh.shape_type == 13]
    assert mirrored and mirrored[0]._element.spPr.find(
        "{http://schemas.openxmlformats.org/drawingml/2006/main}xfrm").get("flipH") == "1"
    assert mirrored[0].image.sha1 == cover_pic.image.sha1
    _clean(deck)


def _clean(deck: Path) -> None:
    """deckgen check finds nothing wrong (this tiny talk is short for its slot: timing aside)."""
    bad = [f for f in check_deck(deck).findings if f.severity in ("error", "warning") and f.code != "timing"]
    assert not bad, bad


def _contrast(a: str, b: str) -> float:
    la, lb = luminance(rgb(a)), luminance(rgb(b))
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def test_dark_theme_gets_a_night_cover_and_dark_dividers(tmp_path):
    outline = _project(tmp_path)
    _deck(tmp_path, outline, "pastel", "light")
    light = (tmp_path / "outlines" / "kafka-cover.png").read_bytes()
    deck, notes = _deck(tmp_path, outline, "pastel-dark", "dark")
    dark_file = tmp_path / "outlines" / "kafka-cover-dark.png"
    assert dark_file.is_file() and any("kafka-cover-dark.png" in n for n in notes)
    assert (tmp_path / "outlines" / "kafka-cover.png").read_bytes() == light  # the light one untouched
    night = Image.open(dark_file).convert("RGB")
    assert ImageStat.Stat(luminance_image(night)).mean[0] / 255 < 0.2
    # light title text reads on the calm part where the cover slide puts the title
    zone = night.crop((0, 0, round(night.width * 0.46), night.height))
    brightest = min(1.0, (luminance_image(zone).getextrema()[1] + 1) / 255)
    assert (luminance(rgb(LIGHT_TITLE_INK)) + 0.05) / (brightest + 0.05) >= MIN_CONTRAST
    prs = Presentation(str(deck))
    slides = _kinds(prs)
    cover_pic = next(sh for sh in slides[0][0].shapes if sh.shape_type == 13)
    assert cover_pic.image.blob == dark_file.read_bytes()
    assert all(e[0].image.sha1 == cover_pic.image.sha1 for _, e in slides if e)
    _clean(deck)


def test_rebuilds_are_byte_identical_and_the_outline_motif_wins(tmp_path):
    outline = _project(tmp_path, motif="organic")
    first, notes = _deck(tmp_path, outline, "pastel", "a")
    assert any("motif: organic, set in the outline" in n for n in notes)
    cover = tmp_path / "outlines" / "kafka-cover.png"
    picture = cover.read_bytes()
    cover.unlink()
    second, _ = _deck(tmp_path, outline, "pastel", "b")
    assert cover.read_bytes() == picture
    assert first.read_bytes() == second.read_bytes()
    assert load_outline(outline).meta.cover.motif == "organic"


def test_old_outlines_without_a_motif_load_and_save_unchanged(tmp_path):
    path = _project(tmp_path)
    text = path.read_text(encoding="utf-8")
    assert "motif" not in text
    assert load_outline(path).meta.cover == Cover("kafka-cover.png", "Pastel illustration: a network", 21)


def test_a_bad_motif_in_the_outline_is_a_one_line_error(tmp_path):
    path = _project(tmp_path)
    path.write_text(path.read_text(encoding="utf-8").replace("seed: 21", "seed: 21\n    motif: spiral"),
                    encoding="utf-8")
    with pytest.raises(Exception, match="spiral|motif"):
        load_outline(path)


def test_template_themes_keep_their_own_dividers(tmp_path):
    deck, _ = _deck(tmp_path, _project(tmp_path), "corporate", "corp")
    assert not any(e for _, e in _kinds(Presentation(str(deck))))


def test_no_cover_no_echo(tmp_path):
    outline = Outline(Meta("Plain talk", lang="en"),
                      tuple(OutlineSection(f"s{i}", t, str(i + 1), (Slide(f"x{i}", t, points=(Point(p[0]),)),))
                            for i, (t, p) in enumerate(KAFKA)))
    save_outline(outline, tmp_path / "outlines" / "plain.yaml")
    deck, _ = _deck(tmp_path, tmp_path / "outlines" / "plain.yaml", "pastel", "plain")
    prs = Presentation(str(deck))
    assert not any(e for _, e in _kinds(prs))
    assert Emu(prs.slide_width).pt == 960


def test_distill_writes_the_motif_and_an_alt_text_that_describes_it(tmp_path):
    from deckgen.api import distill

    source = tmp_path / "assets" / "kafka" / "talk.md"
    source.parent.mkdir(parents=True)
    source.write_text("# Kafka in production\n\n## Brokers\n\nKafka brokers form a distributed cluster. "
                      "Producers and consumers talk to the brokers through the API.\n\n## Consumers\n\n"
                      "Consumer groups read partitions from the brokers over the network.\n", encoding="utf-8")
    result = distill(source, root=tmp_path)
    cover = load_outline(result.outline_path).meta.cover
    assert cover.motif == "network" and cover.alt == "Pastel illustration: a network of linked nodes"


def test_a_night_cover_a_person_supplied_is_used_as_it_is(tmp_path):
    outline = _project(tmp_path)
    own = tmp_path / "outlines" / "kafka-cover-dark.png"
    Image.new("RGB", (1600, 900), "#203040").save(own)
    before = own.read_bytes()
    deck, notes = _deck(tmp_path, outline, "pastel-dark", "dark")
    assert own.read_bytes() == before and not any("kafka-cover-dark" in n for n in notes)
    cover_pic = next(sh for sh in Presentation(str(deck)).slides[0].shapes if sh.shape_type == 13)
    assert cover_pic.image.blob == before
