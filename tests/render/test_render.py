"""Plan and render decks from small hand-made outlines; re-open them as a presenter would."""
from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image as PILImage
from pptx import Presentation
from pptx.util import Emu

from deckgen.measure import Para, paragraphs_height
from deckgen.outline.model import (
    Cover,
    GlossaryEntry,
    Meta,
    Outline,
    OutlineSection,
    Picture,
    Point,
    Slide,
    TableData,
)
from deckgen.plan.layout import INSET_X, INSET_Y
from deckgen.plan.planner import outline_to_plan
from deckgen.render.package import render_deck, write_deck
from deckgen.theme.loader import load_theme

LONG = ("This sentence is deliberately long so that several of them together cannot fit on one slide " * 2 +
        "at a readable size and must continue on the next one")


def _outline(tmp_path: Path, n_points: int = 3) -> Outline:
    pic = tmp_path / "figure.png"
    PILImage.new("RGB", (400, 300), "#88AACC").save(pic)
    cover = tmp_path / "cover.png"
    PILImage.new("RGB", (1600, 1200), "#DDEEFF").save(cover)
    all_levels = ("general", "practitioner", "expert")
    points = tuple(Point(f"{LONG} number {i}", all_levels, f"s:L{i}") for i in range(n_points))
    slides = (
        Slide("intro", "Introduction", all_levels, (Point("Short and clear", all_levels),),
              terms=("notes",), notes="Intro notes."),
        Slide("dense", "A dense slide", all_levels, points, notes="Dense notes " * 50),
        Slide("fig", "A figure", ("expert",), (Point("What the figure shows", ("expert",)),),
              notes="Figure notes.", picture=Picture(str(pic), "A blue rectangle")),
        Slide("tab", "A table", ("expert",), notes="Table notes.", kind="table",
              table=TableData(("Name", "Value"), tuple((f"row {i}", f"value {i} " * 3) for i in range(30)))),
    )
    return Outline(Meta("Test talk", "A subtitle", "Ada", "2025", "en", cover=Cover(str(cover), "Cover alt")),
                   (OutlineSection("s", "Section", "1", slides, notes="Section intro."),),
                   glossary=(GlossaryEntry("notes", "what the presenter reads"),),
                   takeaways=(Point("Keep it short"),), references=("A book",))


def _deck(tmp_path: Path, level: str, n_points: int = 3):
    theme = load_theme("pastel")
    plan = outline_to_plan(_outline(tmp_path, n_points), level, theme, slug="t", root=tmp_path)
    path = tmp_path / f"{level}.pptx"
    write_deck(plan, theme, path)
    return plan, Presentation(str(path))


def test_every_slide_has_title_and_notes_and_16_9(tmp_path):
    plan, prs = _deck(tmp_path, "expert")
    assert prs.slide_width * 9 == prs.slide_height * 16
    assert len(prs.slides) == len(plan.slides)
    for slide in prs.slides:
        assert slide.shapes.title is not None and slide.shapes.title.text_frame.text.strip()
        assert slide.has_notes_slide and slide.notes_slide.notes_text_frame.text.strip()


def test_cover_picture_has_alt_text_and_fills_slide(tmp_path):
    _, prs = _deck(tmp_path, "general")
    cover = prs.slides[0]
    pics = [s for s in cover.shapes if s.shape_type == 13]
    assert pics and pics[0].width == prs.slide_width and pics[0].height == prs.slide_height
    assert pics[0]._element.nvPicPr.cNvPr.get("descr") == "Cover alt"
    assert cover.shapes.title.text_frame.text == "Test talk"


def test_dense_content_continues_rather_than_shrinking(tmp_path):
    plan, prs = _deck(tmp_path, "expert", n_points=6)
    titles = [s.shapes.title.text_frame.text for s in prs.slides]
    assert "A dense slide" in titles and "A dense slide (cont.)" in titles
    theme = load_theme("pastel")
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.name != "Body":
                continue
            sizes = {r.font.size.pt for p in shape.text_frame.paragraphs for r in p.runs}
            assert min(sizes) >= theme.sizes.body_min


def test_text_fits_its_box(tmp_path):
    _, prs = _deck(tmp_path, "expert", n_points=6)
    theme = load_theme("pastel")
    for slide in prs.slides:
        for shape in slide.shapes:
            if not shape.has_text_frame or not shape.text_frame.text.strip():
                continue
            paras = []
            for p in shape.text_frame.paragraphs:
                size = p.runs[0].font.size.pt
                indent = Emu(int(p._p.pPr.get("marL"))).pt if p._p.pPr is not None and p._p.pPr.get("marL") else 0
                after = p.space_after.pt if p.space_after is not None else 0
                paras.append(Para("".join(r.text for r in p.runs), size, indent, 0, after))
            font = theme.heading_font.file if p.runs[0].font.bold else theme.body_font.file
            need = paragraphs_height(paras, font, Emu(shape.width).pt - 2 * INSET_X)
            # the last paragraph's space-after may hang below the box without drawing anything
            assert need - paras[-1].space_after_pt <= Emu(shape.height).pt - 2 * INSET_Y + 0.5, shape.name


def test_picture_keeps_its_aspect_ratio(tmp_path):
    _, prs = _deck(tmp_path, "expert")
    fig = next(s for slide in prs.slides for s in slide.shapes
               if s.shape_type == 13 and s._element.nvPicPr.cNvPr.get("descr") == "A blue rectangle")
    assert fig.width / fig.height == pytest.approx(4 / 3, rel=0.01)


def test_long_table_is_continued_and_fits(tmp_path):
    _, prs = _deck(tmp_path, "expert")
    frames = [(slide, s) for slide in prs.slides for s in slide.shapes if s.has_table]
    assert len(frames) >= 2
    for slide, frame in frames:
        assert frame.top + sum(r.height for r in frame.table.rows) <= prs.slide_height
    titles = [slide.shapes.title.text_frame.text for slide, _ in frames]
    assert titles[0] == "A table" and titles[1] in ("A table (cont.)", f"A table (2/{len(frames)})")
    assert len(set(titles)) == len(titles)  # continuation titles stay distinct


def test_levels_differ_in_structure(tmp_path):
    general, _ = _deck(tmp_path, "general")
    expert, _ = _deck(tmp_path, "expert")
    kinds_g = [s.kind for s in general.slides]
    kinds_e = [s.kind for s in expert.slides]
    assert "glossary" in kinds_g and "glossary" not in kinds_e
    assert "references" in kinds_e and "references" not in kinds_g
    assert "section" in kinds_e and "section" not in kinds_g
    assert len(general.slides) < len(expert.slides)


def test_notes_open_with_key_message_and_time(tmp_path):
    plan, _ = _deck(tmp_path, "expert")
    content = next(s for s in plan.slides if s.ref == "intro")
    assert content.notes.startswith("Key message: Short and clear\n[Time ≈")
    assert plan.estimated_minutes > 0


def test_same_input_same_bytes(tmp_path):
    theme = load_theme("pastel")
    outline = _outline(tmp_path)
    a, _ = render_deck(outline_to_plan(outline, "expert", theme, slug="t", root=tmp_path), theme)
    b, _ = render_deck(outline_to_plan(outline, "expert", theme, slug="t", root=tmp_path), theme)
    assert a == b


def test_slide_with_nothing_to_show_is_folded_into_the_previous_one(tmp_path):
    theme = load_theme("pastel")
    base = _outline(tmp_path)
    empty = OutlineSection("lic", "License", "2", (Slide("lic", "License", notes="MIT licensed text."),))
    outline = Outline(base.meta, base.sections + (empty,))
    plan = outline_to_plan(outline, "expert", theme, slug="t", root=tmp_path)
    assert "License" not in [s.title for s in plan.slides]
    assert "License" not in [i.text for s in plan.slides if s.kind == "agenda" for i in s.items]
    assert any("MIT licensed text." in s.notes for s in plan.slides)
    assert any("nothing to show" in w for w in plan.warnings)


def test_a_deck_far_over_its_slot_folds_slides_but_keeps_their_notes(tmp_path):
    theme = load_theme("pastel")
    expert = ("expert",)
    slides = tuple(Slide(f"s{i}", f"Detail {i}", expert,
                         tuple(Point(f"Point {k} of detail {i} stays short", expert) for k in range(5)),
                         notes=f"Notes of detail {i}. " * 20) for i in range(60))
    outline = Outline(Meta("Long talk", lang="en"), (OutlineSection("s", "Section", "1", slides),))
    plan = outline_to_plan(outline, "expert", theme, slug="t", root=tmp_path)
    assert plan.estimated_minutes <= 45 * 1.25
    assert len(plan.slides) < 60
    assert "Detail 0" in [s.title for s in plan.slides]  # a section's first slide stays
    notes = " ".join(s.notes for s in plan.slides)
    assert all(f"Notes of detail {i}." in notes for i in range(60))
    assert any("folded" in w for w in plan.warnings)
