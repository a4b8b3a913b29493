"""Slide layouts chosen from content: build real decks from a small Markdown talk and re-open them."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PIL import Image as PILImage
from pptx import Presentation
from pptx.util import Emu

from deckgen import api
from deckgen.measure import text_width
from deckgen.outline.io import load_outline
from deckgen.plan.layout import CODE_FAMILY
from deckgen.plan.phrases import key_phrase, salient_figure

TALK = '''---
title: Layouts on trial
author: Ada
lang: en
---

# Layouts on trial

## Foundations

The platform serves requests for many teams across the company every day.

### Storage engine

The storage engine keeps every record in an append-only log for durability.
Compaction runs in the background so that reads stay fast.

### Query planner

The query planner picks indexes from statistics gathered every hour.
Plans are cached so that repeated queries skip the planning step.

### Replication

Replication copies the log to three zones so that a zone can fail safely.
Followers acknowledge writes before the leader answers the client.

## Measurements

Adoption grew quickly: 70 % of the teams moved to the platform within a year.

| Team | Requests per day | Errors per day |
|---|---|---|
| Search | 1200 | 12 |
| Billing | 800 | 3 |
| Mail | 450 | 9 |

## Style

The formatter rewrites code so that reviews discuss logic, not layout.

```python
def very_important_function(template: str, *variables, file: os.PathLike, debug: bool = False):
    """Applies `variables` to the `template` and writes to `file`."""
    with open(file, "w") as f:
        return f.write(template.format(*variables))
```

| Pros | Cons |
|---|---|
| Consistent diffs everywhere | Some lines look unusual |
| No debate in reviews | Few options to tune |

> Simple things should be simple, complex things should be possible.

## Gallery

The dashboards show how the platform behaves under load during the busiest week.

![Requests per day during the busiest week](growth.png)

![Error budget burned per team](budget.png)

## Vocabulary

The following table lists notions with very long words.

| Notion | Explanation |
|---|---|
| Transactional | Internationalisation considerations incomprehensibilities |
| Idempotency | Retrying a request never changes the outcome twice |
'''


def _build(tmp_path: Path, monkeypatch, levels=("general", "expert"), theme: str | None = None) -> dict:
    monkeypatch.chdir(tmp_path)
    src = tmp_path / "talk" / "talk.md"
    src.parent.mkdir(parents=True, exist_ok=True)
    src.write_text(TALK, encoding="utf-8")
    for name, colour in (("growth.png", "#88AACC"), ("budget.png", "#CC88AA")):
        PILImage.new("RGB", (800, 450), colour).save(src.parent / name)
    api.build([src], levels=list(levels), theme=theme, out_dir=tmp_path / "out")
    return {lv: Presentation(str(next((tmp_path / "out").rglob(f"*-{lv}.pptx")))) for lv in levels}


def _names(slide) -> list[str]:
    return [sh.name for sh in slide.shapes]


def _runs(slide):
    for sh in slide.shapes:
        if sh.has_text_frame and not sh.name.startswith(("Footer", "Slide number", "Title")):
            for p in sh.text_frame.paragraphs:
                yield from p.runs


@pytest.fixture(scope="module")
def decks(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("layouts")
    mp = pytest.MonkeyPatch()
    try:
        yield _build(tmp, mp), tmp
    finally:
        mp.undo()


def test_expert_deck_uses_many_layouts(decks):
    d, _ = decks
    slides = list(d["expert"].slides)
    names = [set(_names(s)) for s in slides]
    assert any({"Card heading 1", "Card heading 2", "Card heading 3"} <= n for n in names)  # overview cards
    assert any("Code" in n for n in names)
    assert any("Chart" in n for n in names)
    assert any("Column heading 1" in n for n in names)  # pros/cons as two columns
    assert any("Quote" in n for n in names)


def test_takeaways_are_cards_marked_by_colour_not_numbers(decks):
    d, _ = decks
    last = list(d["general"].slides)[-2]
    names = _names(last)
    headings = [sh.text_frame.text for sh in last.shapes if sh.name.startswith("Card heading")]
    bars = [n for n in names if n.startswith("Card bar")]
    # key messages have no order: a bar of colour each, no "01", "02"
    assert "Card 1" in names and len(headings) >= 2 and len(bars) == len(headings)
    assert not [n for n in names if n.startswith("Card mark")]


def test_code_is_editable_monospace_text_highlighted_in_theme_colours(decks):
    d, _ = decks
    code = next(s for s in d["expert"].slides if "Code" in _names(s))
    shape = next(sh for sh in code.shapes if sh.name == "Code")
    text = shape.text_frame.text
    assert "def very_important_function(" in text and 'with open(file, "w") as f:' in text
    runs = [r for p in shape.text_frame.paragraphs for r in p.runs if r.text.strip()]
    assert {r.font.name for r in runs} == {CODE_FAMILY}
    assert len({str(r.font.color.rgb) for r in runs}) >= 3  # keywords, strings, names differ
    assert min(r.font.size.pt for r in runs) >= 18
    assert not any(sh.shape_type == 13 for sh in code.shapes)  # never a picture of code


def test_numeric_table_becomes_a_native_chart_beside_the_table(decks):
    d, _ = decks
    slide = next(s for s in d["expert"].slides if "Chart" in _names(s))
    frame = next(sh for sh in slide.shapes if sh.has_chart)
    chart = frame.chart
    assert list(chart.plots[0].categories) == ["Search", "Billing", "Mail"]
    assert [list(s.values) for s in chart.plots[0].series] == [[1200.0, 800.0, 450.0], [12.0, 3.0, 9.0]]
    assert any(sh.has_table for sh in slide.shapes)


def test_general_deck_shows_fewer_larger_words(decks):
    d, _ = decks
    slides = list(d["general"].slides)[2:-1]
    sizes = [r.font.size.pt for s in slides for r in _runs(s) if r.font.size and r.text.strip()
             and not any(sh.has_table for sh in s.shapes)]
    assert sizes and min(sizes) >= 24
    expert = list(d["expert"].slides)
    statements = [next(sh for sh in s.shapes if sh.name == "Statement") for s in expert if "Statement" in _names(s)]
    figures = [sh.text_frame.paragraphs[0].runs for sh in statements
               if sh.text_frame.paragraphs[0].runs[0].text == "70 %"]
    assert figures, "the 70 % should stand out as a key figure"
    assert figures[0][0].font.size.pt > 2 * figures[0][1].font.size.pt


def test_expert_body_text_at_least_20pt(decks):
    d, _ = decks
    for s in list(d["expert"].slides)[1:-1]:
        if any(sh.has_table or sh.has_chart for sh in s.shapes):
            continue
        for r in _runs(s):
            if r.text.strip() and r.font.size is not None and r.font.name != CODE_FAMILY:
                assert r.font.size.pt >= 20, (r.text, s.shapes.title.text_frame.text)


def test_tables_never_break_a_word(decks):
    d, _ = decks
    for deck in d.values():
        for s in deck.slides:
            for sh in s.shapes:
                if not sh.has_table:
                    continue
                table = sh.table
                for c, col in enumerate(table.columns):
                    inner = Emu(col.width).pt - 14.4
                    for r in range(len(table.rows)):
                        for run in (rn for p in table.cell(r, c).text_frame.paragraphs for rn in p.runs):
                            font = "Carlito-Bold.ttf" if run.font.bold else "Carlito-Regular.ttf"
                            from deckgen.measure import resolve_font_file
                            for word in run.text.split():
                                assert text_width(word, resolve_font_file(font), run.font.size.pt) <= inner, word


def test_content_is_centred_in_the_free_area(decks):
    d, _ = decks
    for s in list(d["general"].slides)[2:-1]:
        cards = [sh for sh in s.shapes if sh.name.startswith("Card ")]
        for card in cards:
            assert Emu(card.top).pt > 130  # not glued under the title


def test_layout_override_in_the_outline(tmp_path, monkeypatch):
    _build(tmp_path, monkeypatch, levels=("expert",))
    outline = next((tmp_path / "outlines").glob("*.yaml"))
    text = outline.read_text(encoding="utf-8")
    assert "code:" in text and "language: python" in text  # the presenter can edit the code
    text = text.replace("  - id: storage-engine\n", "  - id: storage-engine\n    layout: statement\n", 1)
    outline.write_text(text, encoding="utf-8")
    assert load_outline(outline).sections[0].slides[1].layout == "statement"
    shutil.rmtree(tmp_path / "out")
    api.build([outline], levels=["expert"], out_dir=tmp_path / "out")
    deck = Presentation(str(next((tmp_path / "out").rglob("*-expert.pptx"))))
    storage = next(s for s in deck.slides if s.shapes.title.text_frame.text == "Storage engine")
    assert "Statement" in _names(storage)


def test_rebuilds_with_charts_and_code_are_byte_identical(tmp_path, monkeypatch):
    _build(tmp_path, monkeypatch, levels=("expert",))
    first = next((tmp_path / "out").rglob("*-expert.pptx")).read_bytes()
    shutil.rmtree(tmp_path / "out")
    api.build([tmp_path / "talk" / "talk.md"], levels=["expert"], out_dir=tmp_path / "out")
    assert next((tmp_path / "out").rglob("*-expert.pptx")).read_bytes() == first


def test_a_figure_gets_a_picture_slide_with_caption_and_alt_text(decks):
    d, _ = decks
    slide = next(s for s in d["expert"].slides if "Caption" in _names(s))
    pic = next(sh for sh in slide.shapes if sh.shape_type == 13)
    caption = next(sh for sh in slide.shapes if sh.name == "Caption")
    assert caption.text_frame.text == "Error budget burned per team"
    assert pic._element.nvPicPr.cNvPr.get("descr") == "Error budget burned per team"
    assert caption.top >= pic.top + pic.height  # under the picture, not over it


@pytest.mark.parametrize("theme", ["pastel-dark", "high-contrast", "corporate"])
def test_every_theme_draws_the_layouts(tmp_path, monkeypatch, theme):
    d = _build(tmp_path, monkeypatch, levels=("general", "expert"), theme=theme)
    names = {n for s in d["expert"].slides for n in _names(s)}
    assert {"Code", "Chart", "Quote"} <= names
    # cards: the general deck's part overviews (larger themes may set the expert takeaways as a list)
    assert {"Card 1", "Card 2"} <= {n for s in d["general"].slides for n in _names(s)}


@pytest.mark.render
@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice")
def test_layout_decks_pass_the_gate_on_a_render(decks):
    _, tmp = decks
    for deck in sorted((tmp / "out").rglob("*.pptx")):
        for report in api.check_input(deck, render=True):
            assert not report.errors, [f.message for f in report.errors]


def test_key_phrase_and_figure():
    assert key_phrase("Black defaults to 88 characters per line, which happens to be 10 % over 80", 9, "en") \
        == "Black defaults to 88 characters per line"
    assert key_phrase("Short and whole", 9, "en") == "Short and whole"
    enumeration = "Les défis éthiques, techniques et réglementaires exigent une vigilance constante"
    assert key_phrase(enumeration, 8, "fr") == enumeration  # a list is not cut after its first item
    # a leading subordinate clause is not a phrase on its own: such a sentence is never cut
    since = "Since such expressions are always reformatted to fit minimal space, Black treats them as atoms"
    assert key_phrase(since, 9, "en") == since
    lorsque = "Lorsque le modèle est trop gros, on le compresse avec des techniques de quantification"
    assert key_phrase(lorsque, 8, "fr") == lorsque
    assert salient_figure("Adoption grew: 70 % of teams moved") == "70 %"
    assert salient_figure("See article 12 for details") == ""
    assert salient_figure("Released in 2022 for everyone") == "2022"


def test_code_with_runs_of_spaces_is_measured_as_drawn():
    from deckgen.plan.code import code_height
    aligned = "tweet" + " " * 60 + "tweet" + " " * 60 + "tweet"  # an ASCII diagram keeps its spaces
    assert code_height([aligned], 18, 600) >= 2 * code_height(["tweet"], 18, 600)


def test_a_card_and_a_code_block_are_one_paragraph_each(decks):
    """A card's heading and line, and a code block's lines, are one paragraph with line breaks: one unit
    to edit, and not a list of separate points (a card line never repeats its subsection's slide)."""
    d, _ = decks
    for deck in d.values():
        for slide in deck.slides:
            for sh in slide.shapes:
                if sh.name.startswith("Card heading") or sh.name == "Code":
                    assert len(sh.text_frame.paragraphs) == 1, sh.name
    code = next(sh for s in d["expert"].slides for sh in s.shapes if sh.name == "Code")
    assert "\v" in code.text_frame.text  # several source lines, as line breaks
