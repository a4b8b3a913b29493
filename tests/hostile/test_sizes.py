"""Sizes: unbreakable words, huge paragraphs and documents, absurd titles and themes."""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest

from deckgen.errors import DeckgenError, ErrorList, ThemeError
from deckgen.measure import Para, fits, resolve_font_file, text_width, wrap
from deckgen.parse.source import MAX_WORDS
from deckgen.theme import load_theme

from .conftest import assert_one_line_error, run_deckgen, snapshot

FONT = resolve_font_file("Carlito-Regular.ttf")
VOCAB = ("le la les un une des modèle données réseau apprentissage calcul énergie système entreprise usage "
         "recherche sécurité texte image code coût").split()


def _sentences(n: int, seed: int = 1) -> list[str]:
    rnd = random.Random(seed)
    return [" ".join(rnd.choice(VOCAB) for _ in range(10)).capitalize() + "." for _ in range(n)]


def _talk(root: Path, text: str) -> Path:
    md = root / "assets" / "big" / "whitepaper.md"
    md.parent.mkdir(parents=True, exist_ok=True)
    md.write_text(text, encoding="utf-8")
    return md


def test_wrapping_an_unbreakable_run_is_linear_and_fits():
    for n in (10_000, 40_000):
        start = time.monotonic()
        lines = wrap("x" * n, FONT, 20, 600)
        elapsed = time.monotonic() - start
        assert "".join(lines) == "x" * n
        assert all(text_width(line, FONT, 20) <= 600 for line in lines)
        assert elapsed < 0.05 * n / 1000, (n, elapsed)  # was cubic: 10,000 characters never finished


def test_asking_whether_a_megabyte_fits_costs_one_box():
    text = " ".join(_sentences(100_000))
    start = time.monotonic()
    assert not fits([Para(text, 20)], FONT, 600, 400)
    assert time.monotonic() - start < 0.5


def test_ten_thousand_character_word_in_a_paragraph_and_a_heading_builds(talk_dir: Path):
    md = _talk(talk_dir, "# Long\n\n## Section\n\n" + "x" * 10_000 + " et la suite du texte.\n\n## "
               + "y" * 10_000 + "\n\nDu texte ici. Encore une phrase pour la section.\n")
    run = run_deckgen(["build", str(md), "--level", "expert"], talk_dir)
    assert run.code == 0, run.err
    assert "Traceback" not in run.err and run.seconds < 60 and run.peak_mb < 1024, (run.seconds, run.peak_mb)
    assert (talk_dir / "output" / "big" / "big-expert.pptx").is_file()


def test_a_sentence_of_two_thousand_commas_builds_in_bounded_time(talk_dir: Path):
    # pruning clause by clause was cubic in the commas: 400 of them took 50 s in one sentence
    listing = ", ".join(f"élément{i} court" for i in range(2000))
    md = _talk(talk_dir, f"# Liste\n\n## Section\n\nLe système stocke {listing} dans le journal. Une phrase "
               "simple suit ici pour la section.\n")
    run = run_deckgen(["build", str(md), "--level", "expert"], talk_dir)
    assert run.code == 0, run.err
    assert run.seconds < 60, run.seconds


def test_two_thousand_character_title_is_cut_with_the_full_title_in_the_notes(talk_dir: Path):
    title = " ".join(["Titre"] + ["vraiment très long"] * 110)
    assert len(title) > 2000
    md = _talk(talk_dir, f"# {title}\n\n## Section\n\nDu texte ici. Encore une phrase pour la section.\n")
    run = run_deckgen(["build", str(md), "--level", "general"], talk_dir)
    assert run.code == 0, run.err
    assert "shortened" in run.out
    from pptx import Presentation

    prs = Presentation(str(talk_dir / "output" / "big" / "big-general.pptx"))
    assert len(prs.core_properties.title) <= 255
    cover = prs.slides[0]
    assert cover.shapes.title.text_frame.text.endswith("…")
    assert title in cover.notes_slide.notes_text_frame.text


@pytest.mark.parametrize("values, field", [
    ("margins: {left: 0.7, right: 0.7, top: 3, bottom: 3}", "margins.top"),
    ("margins: {left: 3, right: 3, top: 3, bottom: 3}", "margins.top"),
    ("sizes: {body: 120, body_min: 120, title: 120, title_min: 120}", "sizes.title"),
    ("sizes: {footer: 120}", "sizes.footer"),
    ("sizes: {body_min: 40, body: 28}", "sizes.body_min"),
    ("sizes: {cover_title: 120, cover_subtitle: 120}\nmargins: {top: 1, bottom: 1}", "sizes.cover_title"),
])
def test_absurd_but_in_range_theme_values_name_the_field(tmp_path: Path, values: str, field: str):
    theme = tmp_path / "absurd.yaml"
    theme.write_text(f"extends: pastel\n{values}\n", encoding="utf-8")
    with pytest.raises(DeckgenError) as err:
        load_theme(str(theme))
    errors = err.value.errors if isinstance(err.value, ErrorList) else [err.value]
    assert all(isinstance(e, ThemeError) and str(e).startswith(f"{theme}: ") for e in errors)
    assert field in [e.field for e in errors]


def test_shipped_themes_pass_the_limits():
    for name in ("pastel", "pastel-dark", "high-contrast", "corporate"):
        load_theme(name)


@pytest.mark.slow
@pytest.mark.parametrize("shape", ["200k words in 400 sections", "5 MB on one line"])
def test_documents_past_the_limit_stop_at_once(talk_dir: Path, shape: str):
    if shape.startswith("200k"):
        parts = ["# Énorme\n"]
        for s in range(400):
            parts.append(f"\n## {s + 1}. Section {s + 1}\n")
            parts += [" ".join(_sentences(10, seed=s * 10 + p)) + "\n" for p in range(5)]
        text = "\n".join(parts)
    else:
        line = " ".join(_sentences(5 * 2**20 // 90))
        text = f"# Une ligne\n\n## Section\n\n{line}\n"
    md = _talk(talk_dir, text)
    before = snapshot(talk_dir)
    run = run_deckgen(["build", str(md)], talk_dir)
    assert_one_line_error(run, "whitepaper.md: document too long for one talk", f"limit {MAX_WORDS:,}")
    assert run.seconds < 30 and 0 < run.peak_mb < 1024, (run.seconds, run.peak_mb)
    assert snapshot(talk_dir) == before


@pytest.mark.slow
def test_a_document_just_under_the_limit_on_one_line_builds_in_time(talk_dir: Path):
    words = " ".join(_sentences(MAX_WORDS // 10 - 50)).split()[: MAX_WORDS - 100]
    md = _talk(talk_dir, "# Un paragraphe\n\n## Section\n\n" + " ".join(words) + ".\n")
    run = run_deckgen(["build", str(md)], talk_dir, timeout=120)
    assert run.code == 0, run.err
    assert run.seconds < 60 and 0 < run.peak_mb < 1024, (run.seconds, run.peak_mb)
