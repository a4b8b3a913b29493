"""Lost edits: a deck saved by an editor is never overwritten without --force; killed writes leave no litter."""

from __future__ import annotations

import os
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from deckgen.atomic import clean_stale_temps, write_bytes_atomic
from deckgen.cli import main
from deckgen.render.manifest import MANIFEST, read_manifest, written_by_deckgen


@pytest.fixture
def built(talk_dir: Path, monkeypatch) -> Path:
    """The small talk built for one level; returns its deck."""
    monkeypatch.chdir(talk_dir)
    result = CliRunner().invoke(main, ["build", "assets/small/whitepaper.md", "--level", "general"])
    assert result.exit_code == 0, result.output
    deck = talk_dir / "output" / "small" / "small-general.pptx"
    assert deck.is_file()
    return deck


def _build(*extra: str):
    return CliRunner().invoke(main, ["build", "assets/small/whitepaper.md", "--level", "general", *extra])


def test_manifest_records_the_bytes_and_a_rebuild_passes(built: Path):
    assert list(read_manifest(built.parent)) == [built.name]
    assert written_by_deckgen(built)
    before = built.read_bytes()
    result = _build()
    assert result.exit_code == 0, result.output
    assert built.read_bytes() == before  # same input, same bytes


def test_a_deck_saved_by_python_pptx_is_not_overwritten(built: Path):
    from pptx import Presentation

    prs = Presentation(str(built))
    prs.slides[0].shapes.title.text_frame.text = "Mon titre retouché"
    prs.save(str(built))  # keeps deckgen's core properties: only the bytes tell
    edited = built.read_bytes()
    result = _build()
    assert result.exit_code == 1
    assert "changed since deckgen wrote it" in result.output and "--force" in result.output
    assert built.read_bytes() == edited
    assert _build("--force").exit_code == 0
    assert built.read_bytes() != edited and written_by_deckgen(built)


def test_same_content_rezipped_counts_as_an_edit(built: Path, tmp_path: Path):
    # what a LibreOffice or PowerPoint round trip amounts to for the archive: same parts, new bytes
    copy = tmp_path / "re.pptx"
    with zipfile.ZipFile(built) as a, zipfile.ZipFile(copy, "w", zipfile.ZIP_DEFLATED) as b:
        for info in a.infolist():
            b.writestr(info.filename, a.read(info))
    copy.replace(built)
    assert not written_by_deckgen(built)
    assert _build().exit_code == 1


def test_without_a_manifest_old_decks_are_judged_by_metadata_and_zip_dates(built: Path):
    (built.parent / MANIFEST).unlink()
    assert written_by_deckgen(built)  # an untouched deck from before the manifest existed
    from pptx import Presentation

    Presentation(str(built)).save(str(built))
    assert not written_by_deckgen(built)  # python-pptx stamps the parts with the time it saved


def test_a_corrupt_manifest_falls_back_instead_of_failing(built: Path):
    (built.parent / MANIFEST).write_text("{not json", encoding="utf-8")
    assert written_by_deckgen(built)
    assert _build().exit_code == 0
    assert list(read_manifest(built.parent)) == [built.name]


def test_stale_temp_files_are_cleaned_and_only_ours(tmp_path: Path):
    target = tmp_path / "deck.pptx"
    old = tmp_path / ".deck.pptx.ab12cd34.tmp"       # a killed deckgen's, an hour ago
    fresh = tmp_path / ".deck.pptx.zz99yy88.tmp"     # a write in progress right now
    other = tmp_path / ".deck.pptx.notours.tmp"      # not the pattern mkstemp makes
    neighbour = tmp_path / ".other.pptx.ab12cd34.tmp"
    for p in (old, fresh, other, neighbour):
        p.write_bytes(b"half")
    hour_ago = time.time() - 3600
    for p in (old, other, neighbour):
        os.utime(p, (hour_ago, hour_ago))
    write_bytes_atomic(target, b"deck")
    assert target.read_bytes() == b"deck"
    assert not old.exists()
    assert fresh.exists() and other.exists() and neighbour.exists()
    assert clean_stale_temps(target) == []
