from __future__ import annotations

import itertools

import pytest
from pptx import Presentation

from deckgen.contrast import AA, contrast_ratio
from deckgen.errors import DeckgenError, ThemeError
from deckgen.render import open_template, render_deck
from deckgen.theme.loader import available_themes, load_theme
from tests.conftest import write
from tests.render.test_render import _outline

SHIPPED = ("pastel", "pastel-dark", "high-contrast", "corporate")

# Every (text colour, background colour) pair the renderer actually draws.
PAIRS = [("text", "background"), ("title", "background"), ("muted", "background"), ("accent", "background"),
         ("text", "surface"), ("title", "surface"), ("muted", "surface"), ("divider_text", "divider_background"),
         ("accent", "divider_background"), ("text", "divider_background")]


def test_shipped_themes_are_listed():
    assert set(SHIPPED) <= set(available_themes())


@pytest.mark.parametrize("name, pair", list(itertools.product(SHIPPED, PAIRS)))
def test_contrast_of_every_shipped_theme(name, pair):
    pal = load_theme(name).palette
    fg, bg = getattr(pal, pair[0]), getattr(pal, pair[1])
    assert contrast_ratio(fg, bg) >= AA, f"{name}: {pair[0]} {fg} on {pair[1]} {bg}"


def test_unknown_theme_lists_available():
    with pytest.raises(ThemeError) as info:
        load_theme("neon")
    assert "unknown theme 'neon'" in str(info.value)
    assert "pastel-dark" in str(info.value) and "high-contrast" in str(info.value)


@pytest.mark.parametrize("text, expected", [
    ("palette: {background: blue}\n", ":2: palette.background: 'blue' does not match"),
    ("sizes: {body: 300}\n", ":2: sizes.body: expected a value <= 120, got 300"),
    ("fonts:\n  body: {family: X, file: nope.ttf}\n", "font file not found: nope.ttf"),
    ("colour: red\n", ":1: (top level): unknown field 'colour'"),
    ("extends: pastel\nmargins: {left: wide}\n", ":2: margins.left: expected a number, got a string"),
])
def test_theme_validation_messages(tmp_path, text, expected):
    path = write(tmp_path / "bad.yaml", "extends: pastel\n" + text if not text.startswith("extends") else text)
    with pytest.raises(DeckgenError) as info:
        load_theme(str(path))
    assert expected in str(info.value)
    assert str(path) in str(info.value)


def test_extends_loop_is_an_error(tmp_path):
    write(tmp_path / "a.yaml", "extends: b\n")
    write(tmp_path / "b.yaml", "extends: a\n")
    with pytest.raises(ThemeError, match="loop"):
        load_theme(str(tmp_path / "a.yaml"))


def test_child_theme_overrides_only_what_it_sets(tmp_path):
    path = write(tmp_path / "mine.yaml", "extends: pastel\npalette: {accent: '#223344'}\n")
    theme, base = load_theme(str(path)), load_theme("pastel")
    assert theme.palette.accent == "#223344" and theme.palette.text == base.palette.text


def test_template_layouts_are_used_by_name_with_fallback(tmp_path):
    theme = load_theme("corporate")
    plan_outline = _outline(tmp_path)
    from deckgen.plan.planner import outline_to_plan
    plan = outline_to_plan(plan_outline, "expert", theme, slug="t", root=tmp_path)
    data, warnings = render_deck(plan, theme)
    out = tmp_path / "c.pptx"
    out.write_bytes(data)
    prs = Presentation(str(out))
    layouts = [s.slide_layout.name for s in prs.slides]
    assert layouts[0] == "Diapositive de titre"      # renamed Title Slide, found by its French name
    assert "Titre seul" in layouts                    # renamed Title Only
    assert any("no 'Section Header' layout" in w for w in warnings)  # missing: warned fallback
    assert all("example slide" not in (s.shapes.title.text_frame.text if s.shapes.title else "")
               for s in prs.slides)                  # the template's own slides are not kept
    assert len(prs.slides) == len(plan.slides)


@pytest.mark.parametrize("name, content, message", [
    ("t.pptm", b"PK", "macro-enabled"),
    ("t.pptx", b"this is not a zip", "not a readable PowerPoint"),
    ("t.potx", b"PK", "must be a .pptx"),
])
def test_bad_templates_are_clear_errors(tmp_path, name, content, message):
    p = tmp_path / name
    p.write_bytes(content)
    with pytest.raises(ThemeError, match=message):
        open_template(p)


def test_a_docx_renamed_pptx_is_refused(tmp_path):
    import zipfile
    p = tmp_path / "word.pptx"
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("[Content_Types].xml", "<Types xmlns='http://schemas.openxmlformats.org/package/2006/content-types'/>")
        z.writestr("word/document.xml", "<w/>")
    with pytest.raises(ThemeError, match="not a readable PowerPoint"):
        open_template(p)


@pytest.mark.render
@pytest.mark.skipif(not (__import__("shutil").which("soffice") and __import__("shutil").which("pdftotext")),
                    reason="needs LibreOffice and poppler")
@pytest.mark.parametrize("name", ["pastel-dark", "high-contrast", "corporate"])
def test_example_renders_cleanly_with_every_theme(project, name):
    from click.testing import CliRunner

    from deckgen.check.deck import check_deck
    from deckgen.cli import main

    result = CliRunner().invoke(main, ["build", "--theme", name, "--level", "general", "--level", "expert"])
    assert result.exit_code == 0, result.output
    for lv in ("general", "expert"):
        report = check_deck(project / "output" / "ia-generative-2025" / f"ia-generative-2025-{lv}.pptx",
                            render=True)
        assert not report.errors, [f"{f.slide}: {f.message}" for f in report.errors]
        assert not [f for f in report.findings if f.severity == "warning" and f.code != "timing"], \
            [f"{f.slide}: {f.message}" for f in report.findings if f.severity == "warning"]


def test_builtin_themes_come_from_the_package_and_a_project_folder_overrides_by_name(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from deckgen.cli import main
    from deckgen.theme import BUILTIN_THEMES

    monkeypatch.chdir(tmp_path)  # an empty folder: the shipped themes still load, with their template
    assert set(available_themes()) == set(SHIPPED)
    assert all(p.parent == BUILTIN_THEMES for p in available_themes().values())
    assert load_theme("corporate").template.is_file() and load_theme("pastel").body_font.file.is_file()
    write(tmp_path / "themes" / "pastel.yaml", "extends: pastel\ndescription: Our pastel\nsizes: {body: 26}\n")
    write(tmp_path / "themes" / "ours.yaml", "extends: high-contrast\ndescription: Ours\n")
    assert load_theme("pastel").sizes.body == 26 and load_theme("pastel").sizes.title == 34  # the built-in's rest
    out = CliRunner().invoke(main, ["themes"]).output
    assert "[themes/pastel.yaml, overrides the built-in one]" in out and "[themes/ours.yaml]" in out
    assert out.count("[built-in]") == 3
