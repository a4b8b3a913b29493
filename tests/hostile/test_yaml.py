"""YAML: alias bombs, self-references, deep nesting, dates and non-finite numbers (front matter, outlines, themes)."""

from __future__ import annotations

from pathlib import Path

import pytest

from deckgen.errors import OutlineError, ParseError, ThemeError
from deckgen.outline import load_outline, save_outline
from deckgen.parse import parse_document
from deckgen.theme import load_theme
from deckgen.yamlcheck import MAX_ALIAS_EXPANSION, load_yaml

from .conftest import assert_one_line_error, run_deckgen, snapshot

LAUGHS = "\n".join(
    ['l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    + [f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]" for i in range(1, 8)])


def test_front_matter_alias_bomb_is_refused_quickly_and_small(talk_dir: Path):
    md = talk_dir / "assets" / "small" / "whitepaper.md"
    md.write_text(f"---\n{LAUGHS}\ntitle: *l7\n---\n# T\n\n## S\n\nDu texte ici.\n", encoding="utf-8")
    before = snapshot(talk_dir)
    run = run_deckgen(["build", str(md)], talk_dir)
    assert_one_line_error(run, "whitepaper.md:2: front matter:", "alias bomb")
    assert run.seconds < 30 and 0 < run.peak_mb < 400, (run.seconds, run.peak_mb)
    assert snapshot(talk_dir) == before


def _outline(tmp_path: Path) -> Path:
    from deckgen.outline.model import Meta, Outline, OutlineSection, Slide

    outline = Outline(meta=Meta(title="T", subtitle="", author="", date="", lang="fr", event="", cover=None),
                      sections=(OutlineSection("s", "S", "1", (Slide(id="a", title="A", levels=("general",),
                                                                        points=(), terms=(), notes="n"),)),))
    path = tmp_path / "outlines" / "t.yaml"
    save_outline(outline, path)
    return path


@pytest.mark.parametrize("where", ["references", "lang"])
def test_outline_alias_bomb_is_refused(tmp_path: Path, where: str):
    path = _outline(tmp_path)
    text = path.read_text(encoding="utf-8")
    bomb = LAUGHS + "\n"
    text = text.replace("version: 1\n", f"version: 1\n{bomb}") if "version: 1\n" in text else bomb + text
    text += "references: *l7\n" if where == "references" else ""
    if where == "lang":
        text = text.replace("  lang: fr", "  lang: *l7")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(OutlineError, match="alias bomb") as err:
        load_outline(path)
    assert str(err.value).startswith(f"{path}:") and "\n" not in str(err.value)


def test_self_referencing_alias_and_deep_nesting_are_one_line_errors(tmp_path: Path):
    with pytest.raises(OutlineError, match="contains it"):
        load_yaml("a: &a [1, *a]\n", tmp_path / "x.yaml", OutlineError)
    with pytest.raises(OutlineError, match="nested"):
        load_yaml("a: " + "[" * 5000 + "]" * 5000 + "\n", tmp_path / "x.yaml", OutlineError)
    with pytest.raises(OutlineError, match="nested"):
        load_yaml("a: " + "[" * 300 + "]" * 300 + "\n", tmp_path / "x.yaml", OutlineError)


def test_a_few_honest_aliases_still_load(tmp_path: Path):
    data, _ = load_yaml("base: &b {x: 1, y: [1, 2]}\none: *b\ntwo: *b\n", tmp_path / "x.yaml", OutlineError)
    assert data["one"] == data["two"] == {"x": 1, "y": [1, 2]}
    assert MAX_ALIAS_EXPANSION >= 1000


def test_unquoted_date_is_text_in_front_matter_and_outline(tmp_path: Path):
    md = tmp_path / "paper.md"
    md.write_text("---\ntitle: T\ndate: 2025-03-01\n---\n# T\n\n## S\n\nDu texte.\n", encoding="utf-8")
    assert parse_document(md).date == "2025-03-01"
    path = _outline(tmp_path)
    path.write_text(path.read_text(encoding="utf-8").replace("  lang: fr", "  lang: fr\n  date: 2025-03-01"), encoding="utf-8")
    assert load_outline(path).meta.date == "2025-03-01"


@pytest.mark.parametrize("value", [".inf", "-.inf", ".nan", ".NaN"])
def test_non_finite_minutes_name_the_line(tmp_path: Path, value: str):
    path = _outline(tmp_path)
    text = path.read_text(encoding="utf-8")
    path.write_text(text + f"audiences:\n- id: general\n  minutes: {value}\n", encoding="utf-8")
    line = text.count("\n") + 3
    with pytest.raises(OutlineError, match=f"expected a finite number, got '{value}'") as err:
        load_outline(path)
    assert err.value.line == line


def test_theme_alias_bomb_and_front_matter_errors_are_theirs(tmp_path: Path):
    theme = tmp_path / "bomb.yaml"
    theme.write_text(f"extends: pastel\n{LAUGHS}\n", encoding="utf-8")
    with pytest.raises(ThemeError, match="alias bomb"):
        load_theme(str(theme))
    md = tmp_path / "p.md"
    md.write_text("---\nrec: &r [*r]\n---\n# T\n", encoding="utf-8")
    with pytest.raises(ParseError, match="front matter: invalid YAML"):
        parse_document(md)
