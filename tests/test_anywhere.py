"""Any document, from anywhere: a document outside the project, built from another folder (or from `/`),
with pictures that are missing, remote, outside the talk or behind a link; `check` that writes nothing."""
from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image as PILImage
from pptx import Presentation

from deckgen.cli import main
from deckgen.outline import load_outline
from deckgen.outline.save import is_edited
from tests.conftest import write

LEVELS = ("general", "practitioner", "expert")
PAPER = """---
title: Gardens in the city
author: Someone
cover: ../../_asset/cover.png
lang: en
---

# Why gardens

Gardens cool the streets in summer and give birds a place to live. People rest there after a long day of work.

![A figure that is not there](../_asset/figure.jpg)

## Soil

Good soil holds water and feeds the plants for many years. Compost improves its structure and adds nutrients.

![The real figure](img/ok.png)

![Mistyped](img/okk.png)

## Water

Rain water can be collected in barrels and used in dry weeks. Drip irrigation saves water compared with sprinklers.

![Remote](https://example.com/x.png)

![Linked](img/link.png)

# What to plant

Native plants need less water and feed local insects. Trees give shade for decades to whole streets.
"""


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def outside(tmp_path: Path, monkeypatch) -> dict[str, Path]:
    """A talk in one folder (with a link to a secret picture elsewhere), an empty folder to work from."""
    talk, secret, cwd = tmp_path / "talks" / "paper", tmp_path / "secret", tmp_path / "empty"
    for d in (talk / "img", secret, cwd):
        d.mkdir(parents=True)
    PILImage.new("RGB", (40, 30), (40, 40, 200)).save(talk / "img" / "ok.png")
    PILImage.new("RGB", (40, 30), (200, 0, 0)).save(secret / "secret.png")
    (talk / "img" / "link.png").symlink_to(secret / "secret.png")
    write(talk / "paper.md", PAPER)
    monkeypatch.chdir(cwd)
    return {"talk": talk, "doc": talk / "paper.md", "cwd": cwd, "secret": secret}


def _pictures(deck: Path) -> list[tuple[str, bytes]]:
    prs = Presentation(str(deck))
    return [(sh._element.nvPicPr.cNvPr.get("descr"), sh.image.blob)
            for slide in prs.slides for sh in slide.shapes if sh.shape_type == 13]


def _sums(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*.pptx"))}


def test_document_outside_with_missing_pictures_builds_with_warnings(outside):
    result = run("build", str(outside["doc"]))
    assert result.exit_code == 0, result.output
    out = result.output
    doc = str(outside["doc"])
    assert f"warning: cover picture {outside['talk'].parent.parent / '_asset' / 'cover.png'} is outside" in out
    assert f"({doc}:4): using a generated cover" in out
    assert "figure.jpg is outside the talk's folders" in out and f"({doc}:12)" in out
    assert f"picture {outside['talk'] / 'img' / 'okk.png'} not found ({doc}:20)" in out  # a typo is not silent
    assert "x.png is remote (deckgen never downloads)" in out and "left out (save a copy" in out
    assert "img/link.png is outside the talk's folders" in out  # the link is followed, then refused
    decks = {lv: outside["cwd"] / "output" / "paper" / f"paper-{lv}.pptx" for lv in LEVELS}
    assert all(d.is_file() for d in decks.values())
    # nothing written beside the document: the outline and the generated cover belong to the project
    assert sorted(p.name for p in outside["talk"].rglob("*")) == ["img", "link.png", "ok.png", "paper.md"]
    assert (outside["cwd"] / "outlines" / "paper-cover.png").is_file()
    secret = (outside["secret"] / "secret.png").read_bytes()
    for level, deck in decks.items():
        pictures = _pictures(deck)
        assert all(blob != secret for _, blob in pictures)  # the linked secret never reaches a deck
        placeholders = [alt for alt, _ in pictures if alt.startswith("Missing picture: ")]
        if level == "general":
            assert not placeholders  # newcomers' decks leave missing figures out
        else:
            assert any("okk.png" in alt for alt in placeholders) and any("figure.jpg" in alt for alt in placeholders)


def test_outline_stores_paths_relative_to_itself(outside):
    run("build", str(outside["doc"]), "--level", "expert")
    outline_file = outside["cwd"] / "outlines" / "paper.yaml"
    text = outline_file.read_text(encoding="utf-8")
    assert str(outside["cwd"].parent) not in text  # never absolute
    outline = load_outline(outline_file)
    assert outline.source_path == "../../talks/paper/paper.md"
    assert outline.meta.cover.image == "paper-cover.png" or outline.meta.cover.image.endswith("_asset/cover.png")
    pictures = [sl.picture.path for _, sl in outline.slides() if sl.picture]
    assert "../../talks/paper/img/ok.png" in pictures and "../../talks/paper/img/okk.png" in pictures
    assert "../../talks/paper/img/link.png" in pictures  # as the document names it: the link is resolved on read


def test_moved_talk_and_other_folders_give_identical_decks(outside, tmp_path, monkeypatch):
    # distill from inside the talk folder so document + outlines/ move together
    monkeypatch.chdir(outside["talk"])
    assert run("distill", "paper.md").exit_code == 0
    assert run("build", "outlines/paper.yaml", "--out", str(tmp_path / "a")).exit_code == 0
    moved = tmp_path / "elsewhere" / "paper"
    shutil.copytree(outside["talk"], moved, symlinks=True)
    monkeypatch.chdir("/")
    result = run("build", str(moved / "outlines" / "paper.yaml"), "--out", str(tmp_path / "b"))
    assert result.exit_code == 0, result.output
    monkeypatch.chdir(outside["cwd"])
    assert run("build", os.path.relpath(moved / "outlines" / "paper.yaml"), "--out", str(tmp_path / "c")).exit_code == 0
    assert _sums(tmp_path / "a") == _sums(tmp_path / "b") == _sums(tmp_path / "c") and len(_sums(tmp_path / "a")) == 3


def test_outline_cover_outside_the_talk_is_refused(outside, tmp_path):
    (outside["cwd"] / "outlines").mkdir()
    write(outside["cwd"] / "outlines" / "o.yaml",
          f"version: 1\nmeta:\n  title: T\n  lang: en\n  cover: {{image: ../../secret/secret.png, alt: a}}\n"
          f"sections:\n- id: s\n  title: S\n  slides:\n  - id: a\n    title: A\n"
          f"    points: [{{text: One point to show}}]\n    picture: {{path: {outside['secret'] / 'secret.png'}, alt: b}}\n"
          "    notes: hello\n")
    result = run("build", "outlines/o.yaml", "--level", "expert")
    assert result.exit_code == 0, result.output
    assert result.output.count("is outside the talk's folders") == 2
    secret = (outside["secret"] / "secret.png").read_bytes()
    assert all(blob != secret for _, blob in _pictures(outside["cwd"] / "output" / "o" / "o-expert.pptx"))


def test_check_never_writes(outside):
    before = sorted(p for p in outside["cwd"].parent.rglob("*"))
    result = run("check", str(outside["doc"]))
    assert "missing-picture" in result.output and "okk.png" in result.output
    assert sorted(p for p in outside["cwd"].parent.rglob("*")) == before  # no deck, outline or cover written
    run("distill", str(outside["doc"]))
    outline = outside["cwd"] / "outlines" / "paper.yaml"
    before = sorted(p for p in outside["cwd"].parent.rglob("*"))
    run("check", str(outline))
    assert sorted(p for p in outside["cwd"].parent.rglob("*")) == before


def test_cover_seed_is_recorded_in_the_outline(outside):
    assert run("cover", str(outside["doc"]), "--seed", "7", "--size", "640x360").exit_code == 0
    outline_file = outside["cwd"] / "outlines" / "paper.yaml"
    assert load_outline(outline_file).meta.cover.seed == 7
    assert not is_edited(outline_file.read_text(encoding="utf-8"))  # still deckgen's: re-distillable
    assert (outside["cwd"] / "outlines" / "paper-cover.png").is_file()  # beside the outline, not the document
    # an outline a person edited keeps their edits; only the seed changes
    text = outline_file.read_text(encoding="utf-8").replace("title: Why gardens", "title: Why we garden")
    outline_file.write_text(text, encoding="utf-8")
    assert run("cover", str(outline_file), "--seed", "11", "--force", "--size", "640x360").exit_code == 0
    after = outline_file.read_text(encoding="utf-8")
    assert "title: Why we garden" in after and load_outline(outline_file).meta.cover.seed == 11
    assert after.replace("seed: 11", "seed: 7") == text


def test_check_reports_the_cover_stand_in(outside):
    result = run("check", str(outside["doc"]), "--json")
    import json

    decks = json.loads(result.output)["decks"]
    assert len(decks) == 3
    for deck in decks:
        cover = [f for f in deck["findings"] if f["code"] == "missing-picture" and f["slide"] is None]
        assert cover and "_asset/cover.png" in cover[0]["message"] and "using a generated cover" in cover[0]["message"]


def test_readmes_of_two_projects_get_two_outlines(tmp_path, monkeypatch):
    for name in ("alpha", "beta"):
        write(tmp_path / name / "README.md", f"# {name.title()}\n\n{name.title()} moves data between services "
                                             "reliably. It retries failed calls and logs every step.\n")
    monkeypatch.chdir(tmp_path)
    for name in ("alpha", "beta"):
        assert run("build", f"{name}/README.md", "--level", "expert").exit_code == 0
    assert (tmp_path / "outlines" / "alpha.yaml").is_file() and (tmp_path / "outlines" / "beta.yaml").is_file()
    assert (tmp_path / "output" / "beta" / "beta-expert.pptx").is_file()


def test_points_keep_their_slide_and_a_missing_figure_gets_its_own_marked_slide(tmp_path, monkeypatch):
    write(tmp_path / "soil.md", "# Soil\n\n## Structure\n\nGood soil holds water and feeds the plants for many "
          "years. Compost improves its structure and adds nutrients.\n\n![Soil layers](img/layers.png)\n\n"
          "## Life\n\nEarthworms dig tunnels that let air and water reach the roots.\n")
    monkeypatch.chdir(tmp_path)
    assert run("build", "soil.md", "--level", "expert").exit_code == 0
    slides = list(Presentation(str(tmp_path / "output" / "soil" / "soil-expert.pptx")).slides)
    k = next(k for k, s in enumerate(slides) for sh in s.shapes if sh.shape_type == 13
             and (sh._element.nvPicPr.cNvPr.get("descr") or "").startswith("Missing picture: ")
             and "layers.png" in sh._element.nvPicPr.cNvPr.get("descr"))
    # the placeholder stands alone, right after the slide of the points it illustrated, which has the
    # slide's width to itself (no grey frame squeezing the text into half of it)
    before, missing = slides[k - 1], slides[k]
    # titled by the figure's alt text: a title never repeats
    assert (before.shapes.title.text_frame.text, missing.shapes.title.text_frame.text) == ("Structure", "Soil layers")
    assert not [sh for sh in before.shapes if sh.shape_type == 13]
    text = " ".join(sh.text_frame.text for sh in before.shapes if sh.has_text_frame)
    assert "Good soil holds water" in text and "Soil layers" in missing.notes_slide.notes_text_frame.text
