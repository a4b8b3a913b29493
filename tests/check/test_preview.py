"""deckgen preview: PDF, one PNG per slide and a deterministic contact sheet."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

from deckgen.check.preview import contact_sheet, contact_sheet_size, preview_deck
from deckgen.commands_check import preview_command
from deckgen.errors import RenderError
from tests.conftest import fixture_decks

decks = fixture_decks()
HAVE_RENDER = bool(shutil.which("soffice") and shutil.which("pdftoppm"))
needs_render = pytest.mark.skipif(not HAVE_RENDER, reason="LibreOffice (soffice) or pdftoppm missing")


def _pages(tmp_path: Path, n: int, size=(800, 450)) -> list[Path]:
    out = []
    for i in range(n):
        p = tmp_path / f"page-{i + 1}.png"
        Image.new("RGB", size, (255, 255 - 20 * i, 255)).save(p)
        out.append(p)
    return out


def test_contact_sheet_geometry_and_determinism(tmp_path):
    pages = _pages(tmp_path, 5)
    a = contact_sheet(pages, "deck.pptx — 5 slides", columns=4)
    b = contact_sheet(pages, "deck.pptx — 5 slides", columns=4)
    assert a == b
    out = tmp_path / "sheet.png"
    out.write_bytes(a)
    with Image.open(out) as img:
        assert img.size == contact_sheet_size(5, 800, 450, 4) == (1360, 48 + 2 * (180 + 24) + 16 + 16)
        assert img.getpixel((2, 2)) == (244, 244, 247)             # light background
        assert img.getpixel((16 - 1, 48 + 90)) == (150, 150, 165)  # thin border left of thumbnail 1


def test_contact_sheet_uses_fewer_columns_for_short_decks():
    assert contact_sheet_size(2, 800, 450, 4) == (2 * 16 + 2 * 320 + 16, 48 + 180 + 24 + 16)


def test_missing_pdftoppm_is_a_clear_error(tmp_path, monkeypatch):
    import deckgen.check.rendered as rc
    real_which = shutil.which
    monkeypatch.setattr(rc.shutil, "which", lambda name, *a, **k: None if name == "pdftoppm" else real_which(name))
    monkeypatch.setattr(rc, "soffice_path", lambda: "/usr/bin/soffice")
    import deckgen.check.preview as pv
    monkeypatch.setattr(pv, "soffice_path", lambda: "/usr/bin/soffice")
    deck = decks.clean_deck(tmp_path / "d.pptx", slides=1)
    with pytest.raises(RenderError) as exc:
        preview_deck(deck, tmp_path / "out")
    assert "pdftoppm" in str(exc.value) and "poppler-utils" in str(exc.value)


def test_missing_soffice_is_a_clear_cli_error(tmp_path, monkeypatch):
    monkeypatch.setenv("DECKGEN_SOFFICE", str(tmp_path / "nope"))
    deck = decks.clean_deck(tmp_path / "d.pptx", slides=1)
    res = CliRunner().invoke(preview_command, [str(deck), "--out", str(tmp_path / "out")])
    assert res.exit_code == 1
    assert "LibreOffice (soffice) is not installed" in res.output and "Traceback" not in res.output


@pytest.mark.render
@needs_render
def test_preview_renders_pdf_pages_and_contact_sheet(tmp_path):
    deck = decks.clean_deck(tmp_path / "clean.pptx", slides=5)
    out = tmp_path / "out"
    r = preview_deck(deck, out, dpi=60, columns=4)
    assert r.pdf == out / "clean.pdf" and r.pdf.stat().st_size > 0
    assert [p.name for p in r.pages] == [f"clean-0{i}.png" for i in range(1, 6)]
    with Image.open(r.pages[0]) as page:
        assert page.size == (800, 450)  # 13.333 × 7.5 in at 60 dpi
    with Image.open(r.contact_sheet) as sheet:
        assert r.contact_sheet == out / "clean-contact.png"
        assert sheet.size == contact_sheet_size(5, 800, 450, 4) == (1360, 48 + 2 * 204 + 16 + 16)
    # nothing half-written left behind
    assert sorted(p.name for p in out.iterdir()) == sorted(
        ["clean.pdf", "clean-contact.png"] + [p.name for p in r.pages])


@pytest.mark.render
@needs_render
def test_preview_again_with_fewer_slides_drops_stale_pages(tmp_path):
    out = tmp_path / "out"
    preview_deck(decks.clean_deck(tmp_path / "talk.pptx", slides=3), out, dpi=20)
    r = preview_deck(decks.clean_deck(tmp_path / "talk.pptx", slides=2), out, dpi=20)
    assert sorted(p.name for p in out.glob("talk-*.png")) == ["talk-01.png", "talk-02.png", "talk-contact.png"]
    assert len(r.pages) == 2


@pytest.mark.render
@needs_render
def test_preview_cli(tmp_path):
    deck = decks.defective_deck(tmp_path / "defects.pptx")
    res = CliRunner().invoke(preview_command, [str(deck), "--dpi", "30", "--columns", "5"])
    assert res.exit_code == 0, res.output
    out = tmp_path / "preview"
    assert "defects: 10 pages" in res.output
    with Image.open(out / "defects-contact.png") as sheet:
        assert sheet.size == contact_sheet_size(10, 400, 225, 5)
