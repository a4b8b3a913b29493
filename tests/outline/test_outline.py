from __future__ import annotations

import pytest

from deckgen.errors import ErrorList, OutlineEditedError, OutlineError
from deckgen.outline.io import load_outline
from deckgen.outline.model import Cover, Meta, Outline, OutlineSection, Point, Slide
from deckgen.outline.save import dump_outline, is_edited, save_outline
from tests.conftest import write


def small_outline() -> Outline:
    slide = Slide("a", "Alpha", points=(Point("First point", ("general", "expert"), "a:L3"),),
                  notes="Line one\nLine two", line=3)
    return Outline(Meta("Talk", lang="en", cover=Cover("assets/x/cover.png", "alt", 4)),
                   (OutlineSection("s", "Section", "1", (slide,), 1, "intro", "context"),),
                   source_path="assets/x/doc.md", source_sha256="abc", references=("Ref 1",))


def test_round_trip(tmp_path):
    path = tmp_path / "o.yaml"
    assert save_outline(small_outline(), path)
    assert load_outline(path) == small_outline()
    assert not is_edited(path.read_text())


def test_edited_outline_is_not_overwritten_without_force(tmp_path):
    path = tmp_path / "o.yaml"
    save_outline(small_outline(), path)
    path.write_text(path.read_text().replace("First point", "My own words"))
    assert is_edited(path.read_text())
    with pytest.raises(OutlineEditedError, match="--force"):
        save_outline(small_outline(), path)
    assert "My own words" in path.read_text()
    assert save_outline(small_outline(), path, force=True)
    assert "First point" in path.read_text()


@pytest.mark.parametrize("text, expected", [
    # YAML syntax error keeps the parser's line and column
    ("version: 1\nmeta: {title: [x\n", ":3: invalid YAML"),
    # points must be a list, not a mapping
    ("version: 1\nmeta: {title: T}\nsections:\n- id: s\n  title: S\n  slides:\n  - id: a\n    title: A\n"
     "    points: {text: x}\n", ":9: sections[0].slides[0].points: expected a list, got a mapping"),
    # unknown field
    ("version: 1\nmeta: {title: T, colour: red}\nsections:\n- {id: s, title: S, slides: []}\n",
     ":2: meta: unknown field 'colour'"),
    # missing field
    ("version: 1\nmeta: {title: T}\n", ":1: (top level): missing required field 'sections'"),
    # unknown level
    ("version: 1\nmeta: {title: T}\nsections:\n- id: s\n  title: S\n  slides:\n  - id: a\n    title: A\n"
     "    levels: [general, wizard]\n", ":9: sections[0].slides[0].levels[1]: unknown level 'wizard'"),
    # top level is a list
    ("- a\n- b\n", ":1: expected a mapping at the top level, got a list"),
])
def test_errors_name_file_line_field(tmp_path, text, expected):
    path = write(tmp_path / "bad.yaml", text)
    with pytest.raises(OutlineError) as info:
        load_outline(path)
    assert str(info.value).startswith(str(path))
    assert expected in str(info.value)


def test_all_errors_are_collected(tmp_path):
    path = write(tmp_path / "bad.yaml", "version: 2\nmeta: {title: 5}\nsections: []\n")
    with pytest.raises(ErrorList) as info:
        load_outline(path)
    lines = info.value.all_lines()
    assert len(lines) == 3
    assert any("version: expected 1, got 2" in x for x in lines)
    assert any("meta.title: expected a string, got an integer" in x for x in lines)


def test_dump_is_stable():
    assert dump_outline(small_outline()) == dump_outline(small_outline())
