"""End to end through the `deckgen` command, in a scratch project, as a presenter would use it."""
from __future__ import annotations

from collections import Counter

import pytest
from click.testing import CliRunner
from pptx import Presentation

from deckgen.cli import main
from deckgen.document import block_text
from deckgen.parse.markdown import parse_document
from deckgen.textutil import words
from tests.conftest import EXAMPLE, write

LEVELS = ("general", "practitioner", "expert")


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The example built once for the module: (project root, {level: Presentation}, result)."""
    import os
    import shutil

    root = tmp_path_factory.mktemp("proj")
    (root / "assets" / "ia-generative-2025").mkdir(parents=True)
    shutil.copy(EXAMPLE, root / "assets" / "ia-generative-2025" / "whitepaper.md")
    old = os.getcwd()
    os.chdir(root)
    try:
        result = run("build")
    finally:
        os.chdir(old)
    assert result.exit_code == 0, result.output
    decks = {lv: Presentation(str(root / "output" / "ia-generative-2025" / f"ia-generative-2025-{lv}.pptx"))
             for lv in LEVELS}
    return root, decks, result


def test_build_writes_three_decks_outline_and_cover(built):
    root, decks, result = built
    assert (root / "outlines" / "ia-generative-2025.yaml").is_file()
    assert (root / "assets" / "ia-generative-2025" / "illustration-couverture.png").is_file()
    for lv in LEVELS:
        assert f"ia-generative-2025-{lv}.pptx" in result.output


def test_decks_are_16_9_titled_with_notes(built):
    _, decks, _ = built
    for prs in decks.values():
        assert prs.slide_width * 9 == prs.slide_height * 16
        for slide in prs.slides:
            assert slide.shapes.title is not None and slide.shapes.title.text_frame.text.strip()
            assert slide.notes_slide.notes_text_frame.text.strip()


def test_cover_shows_picture_with_alt_text(built):
    _, decks, _ = built
    for prs in decks.values():
        pics = [s for s in prs.slides[0].shapes if s.shape_type == 13]
        assert pics
        assert "cerveau numérique" in pics[0]._element.nvPicPr.cNvPr.get("descr")
        assert prs.slides[0].shapes.title.text_frame.text == "L'IA Générative en 2025"


def test_slide_counts_grow_with_level(built):
    _, decks, _ = built
    counts = [len(decks[lv].slides) for lv in LEVELS]
    assert counts[0] < counts[1] < counts[2], counts


def test_expert_notes_hold_the_whole_text(built):
    _, decks, _ = built
    doc = parse_document(EXAMPLE)
    body = Counter(w.lower() for s in doc.walk() for b in s.blocks for w in words(block_text(b)))
    notes = Counter(w.lower() for slide in decks["expert"].slides
                    for w in words(slide.notes_slide.notes_text_frame.text))
    kept = sum(min(n, notes[w]) for w, n in body.items())
    assert kept / sum(body.values()) >= 0.98


def test_build_is_byte_identical(built, monkeypatch, tmp_path):
    root, _, _ = built
    monkeypatch.chdir(root)
    assert run("build", "--out", str(tmp_path / "again")).exit_code == 0
    for lv in LEVELS:
        name = f"ia-generative-2025/ia-generative-2025-{lv}.pptx"
        assert (tmp_path / "again" / name).read_bytes() == (root / "output" / name).read_bytes()


def test_distill_refuses_to_overwrite_edited_outline(project):
    assert run("distill", "assets/ia-generative-2025/whitepaper.md").exit_code == 0
    outline = project / "outlines" / "ia-generative-2025.yaml"
    outline.write_text(outline.read_text(encoding="utf-8").replace("title: Introduction", "title: Mon intro", 1),
                       encoding="utf-8")
    result = run("distill", "assets/ia-generative-2025/whitepaper.md")
    assert result.exit_code != 0
    assert "edited by hand" in result.output and "--force" in result.output
    assert "Mon intro" in outline.read_text(encoding="utf-8")
    assert run("distill", "--force", "assets/ia-generative-2025/whitepaper.md").exit_code == 0
    assert "Mon intro" not in outline.read_text(encoding="utf-8")


def test_hand_edit_is_built(project):
    run("distill", "assets/ia-generative-2025/whitepaper.md")
    outline = project / "outlines" / "ia-generative-2025.yaml"
    outline.write_text(outline.read_text(encoding="utf-8").replace("title: Introduction", "title: Mon intro"),
                       encoding="utf-8")
    assert run("build", "outlines/ia-generative-2025.yaml", "--level", "expert").exit_code == 0
    prs = Presentation(str(project / "output" / "ia-generative-2025" / "ia-generative-2025-expert.pptx"))
    assert "Mon intro" in [s.shapes.title.text_frame.text for s in prs.slides]


def _one_line_error(result, *needles: str) -> None:
    assert result.exit_code != 0
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert lines[0].startswith("error: ")
    assert "Traceback" not in result.output
    for n in needles:
        assert n in lines[0]


def test_missing_file(project):
    _one_line_error(run("build", "nope.md"), "nope.md", "file not found")
    assert not (project / "output").exists()


def test_malformed_outline_yaml(project):
    write(project / "outlines" / "bad.yaml", "version: 1\nmeta: {title: [oops\n")
    _one_line_error(run("build", "outlines/bad.yaml"), "outlines/bad.yaml:3", "invalid YAML")
    assert not (project / "output").exists()


def test_outline_field_of_wrong_type(project):
    write(project / "outlines" / "bad.yaml",
          "version: 1\nmeta: {title: T}\nsections:\n- id: s\n  title: S\n  slides: {id: a}\n")
    _one_line_error(run("build", "outlines/bad.yaml"), "bad.yaml:6", "sections[0].slides",
                    "expected a list, got a mapping")
    assert not (project / "output").exists()


def test_unreadable_picture_becomes_a_marked_placeholder(project):
    # a corrupt picture never stops a build: a warning names it, the deck shows a marked placeholder
    (project / "outlines").mkdir(exist_ok=True)
    (project / "outlines" / "broken.png").write_bytes(b"not a png at all")
    write(project / "outlines" / "pic.yaml",
          "version: 1\nmeta: {title: T, lang: en}\nsections:\n- id: s\n  title: S\n  slides:\n"
          "  - id: a\n    title: A\n    points: [{text: One point}]\n    picture: {path: broken.png, alt: x}\n"
          "    notes: hello\n")
    result = run("build", "outlines/pic.yaml", "--level", "expert")
    assert result.exit_code == 0, result.output
    assert "warning: picture outlines/broken.png cannot be used" in result.output
    prs = Presentation(str(project / "output" / "pic" / "pic-expert.pptx"))
    alts = [sh._element.nvPicPr.cNvPr.get("descr") for slide in prs.slides for sh in slide.shapes
            if sh.shape_type == 13]
    assert "Missing picture: broken.png (x)" in alts


def test_unknown_level_and_theme(project):
    _one_line_error(run("build", "--level", "wizard"), "unknown level 'wizard'")
    _one_line_error(run("build", "--theme", "neon"), "unknown theme 'neon'", "pastel")


ENGLISH = """# Building Reliable Data Pipelines

A practical guide for engineering teams. Data pipelines move records from sources to stores.
Reliability matters because downstream reports depend on them.

## Why pipelines fail

Most failures come from schema drift. Upstream teams change a column and nothing warns the consumers.
Retries without idempotence also duplicate records, which silently corrupts aggregates.

| Failure | Share | Fix |
|---|---|---|
| Schema drift | 40% | Contracts |
| Duplicates | 25% | Idempotent writes |

> Treat every pipeline as a product with users, not as a script.

![Where failures happen, by stage](failures.png)

## Testing

Unit tests catch logic errors early. Integration tests run the pipeline on a small fixture.

```python
# not a heading
def test_pipeline(): ...
```

## References

- Kleppmann, Designing Data-Intensive Applications
"""


def test_english_document_without_front_matter(project):
    from PIL import Image

    write(project / "assets" / "pipelines" / "guide.md", ENGLISH)
    Image.new("RGB", (800, 400), "#AACCEE").save(project / "assets" / "pipelines" / "failures.png")
    result = run("build", "assets/pipelines/guide.md")
    assert result.exit_code == 0, result.output
    decks = {lv: Presentation(str(project / "output" / "pipelines" / f"pipelines-{lv}.pptx")) for lv in LEVELS}
    for prs in decks.values():
        titles = [s.shapes.title.text_frame.text for s in prs.slides]
        assert titles[0] == "Building Reliable Data Pipelines"
        assert titles[-1] == "Questions?"
        assert all(s.notes_slide.notes_text_frame.text.strip() for s in prs.slides)
    expert = decks["expert"]
    tables = [s for slide in expert.slides for s in slide.shapes if s.has_table]
    assert tables and tables[0].table.cell(1, 0).text == "Schema drift"
    figure = [s for slide in list(expert.slides)[1:] for s in slide.shapes if s.shape_type == 13]
    assert figure and figure[0]._element.nvPicPr.cNvPr.get("descr") == "Where failures happen, by stage"
    assert figure[0].width / figure[0].height == pytest.approx(2.0, rel=0.01)  # never stretched
    quotes = [s for slide in expert.slides for s in slide.shapes if s.name == "Quote"]
    assert quotes and "product with users" in quotes[0].text_frame.text


def test_levels_and_themes_commands():
    out = run("levels").output
    assert "general" in out and "practitioner" in out and "expert" in out and "15 min" in out
    out = run("themes").output
    assert "pastel" in out and "high-contrast" in out and "corporate" in out


@pytest.mark.render
@pytest.mark.skipif(not (__import__("shutil").which("soffice") and __import__("shutil").which("pdftotext")),
                    reason="needs LibreOffice and poppler")
def test_example_decks_pass_the_gate_on_a_real_render(built):
    from deckgen.check.deck import check_deck

    root, _, _ = built
    for lv in LEVELS:
        report = check_deck(root / "output" / "ia-generative-2025" / f"ia-generative-2025-{lv}.pptx", render=True)
        assert not report.errors, [f.message for f in report.errors]
        assert not [f for f in report.findings if f.code == "overflow-render"]


def test_a_deck_saved_from_an_editor_is_not_overwritten(project):
    assert run("build", "--level", "general").exit_code == 0
    deck = project / "output" / "ia-generative-2025" / "ia-generative-2025-general.pptx"
    prs = Presentation(str(deck))
    prs.slides[1].shapes.title.text_frame.text = "My agenda"
    prs.core_properties.last_modified_by = "Alice"  # what PowerPoint writes on save
    prs.core_properties.revision = 2
    prs.save(str(deck))
    _one_line_error(run("build", "--level", "general"), "ia-generative-2025-general.pptx", "--force")
    assert Presentation(str(deck)).slides[1].shapes.title.text_frame.text == "My agenda"
    assert run("build", "--level", "general", "--force").exit_code == 0
    assert Presentation(str(deck)).slides[1].shapes.title.text_frame.text != "My agenda"


def test_table_quote_and_divider_titles_never_repeat(project):
    write(project / "assets" / "pipelines" / "guide.md", ENGLISH)
    assert run("build", "assets/pipelines/guide.md").exit_code == 0
    for lv in LEVELS:
        prs = Presentation(str(project / "output" / "pipelines" / f"pipelines-{lv}.pptx"))
        titles = [s.shapes.title.text_frame.text for s in prs.slides]
        assert len(titles) == len(set(titles)), titles


def test_cover_command(project):
    from PIL import Image

    talk = "assets/ia-generative-2025/whitepaper.md"
    cover = project / "assets" / "ia-generative-2025" / "illustration-couverture.png"
    result = run("cover", talk)
    assert result.exit_code == 0, result.output
    first = cover.read_bytes()
    assert Image.open(cover).size == (1920, 1080)
    _one_line_error(run("cover", talk), "already exists", "--force")
    assert run("cover", talk, "--seed", "3", "--force").exit_code == 0
    assert cover.read_bytes() != first
    assert run("cover", talk, "--seed", "3", "--force", "--theme", "pastel-dark", "--size", "2560x1440").exit_code == 0
    # a dark theme's cover is its night version, drawn beside the light one
    assert Image.open(cover.with_name("illustration-couverture-dark.png")).size == (2560, 1440)
    _one_line_error(run("cover", "--out", "x.png", "--size", "big"), "--size", "1920x1080")
