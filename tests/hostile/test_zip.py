"""Zip packages: bombs and macros in templates and in decks given to `deckgen check`."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from deckgen.errors import InputError, ThemeError
from deckgen.theme import load_theme
from deckgen.zipsafe import MAX_PART_BYTES, inspect_package

from .conftest import assert_one_line_error, run_deckgen, snapshot

CORPORATE = load_theme("corporate").template  # the shipped template, wherever the package keeps it


def _copy_with(src: Path, dst: Path, extra: dict[str, bytes], *, macro_type: bool = False) -> Path:
    with zipfile.ZipFile(src) as a, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as b:
        for info in a.infolist():
            data = a.read(info)
            if macro_type and info.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", b'<Default Extension="bin" '
                                    b'ContentType="application/vnd.ms-office.vbaProject"/></Types>')
            b.writestr(info.filename, data)
        for name, data in extra.items():
            b.writestr(name, data)
    return dst


def _zero_bomb(src: Path, dst: Path, mib: int) -> Path:
    """`src` plus one zero-filled part of `mib` MiB (a few MB on disk), streamed: never in memory."""
    with zipfile.ZipFile(src) as a, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as b:
        for info in a.infolist():
            b.writestr(info.filename, a.read(info))
        with b.open("ppt/media/zero.bin", "w", force_zip64=True) as fh:
            chunk = bytes(16 * 2**20)
            for _ in range(mib // 16):
                fh.write(chunk)
    return dst


def _theme(tmp_path: Path, template: Path) -> Path:
    theme = tmp_path / "t.yaml"
    theme.write_text(f"extends: pastel\ntemplate: {template}\n", encoding="utf-8")
    return theme


@pytest.mark.parametrize("how", ["vbaProject.bin", "content type"])
def test_macro_template_is_refused(talk_dir: Path, how: str):
    extra = {"ppt/vbaProject.bin": b"\xd0\xcf\x11\xe0" + bytes(64)} if how == "vbaProject.bin" else {}
    template = _copy_with(CORPORATE, talk_dir / "macro.pptx", extra, macro_type=how == "content type")
    theme = _theme(talk_dir, template)
    before = snapshot(talk_dir)
    run = run_deckgen(["build", "assets/small/whitepaper.md", "--theme", str(theme)], talk_dir)
    assert_one_line_error(run, "macro.pptx", "template", "macros")
    assert snapshot(talk_dir) == before  # no outline, no deck


def test_inspect_package_counts_and_refuses_what_it_should(tmp_path: Path):
    facts = inspect_package(CORPORATE)
    assert not facts.has_macros and facts.entries > 10
    many = tmp_path / "many.pptx"
    with zipfile.ZipFile(many, "w") as z:
        for i in range(10_001):
            z.writestr(f"p/{i}", b"")
    with pytest.raises(InputError, match="10,001 parts"):
        inspect_package(many)
    not_zip = tmp_path / "x.pptx"
    not_zip.write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(ThemeError, match="not a readable PowerPoint"):
        inspect_package(not_zip, error_type=ThemeError)


@pytest.mark.slow
def test_zip_bomb_template_and_check_stay_small(talk_dir: Path, tmp_path: Path):
    bomb = _zero_bomb(CORPORATE, talk_dir / "bomb.pptx", 2048)
    assert bomb.stat().st_size < 20 * 2**20
    theme = _theme(talk_dir, bomb)
    before = snapshot(talk_dir)
    run = run_deckgen(["build", "assets/small/whitepaper.md", "--theme", str(theme)], talk_dir)
    assert_one_line_error(run, "bomb.pptx", "zero.bin", "2,048 MiB")
    assert run.seconds < 60 and 0 < run.peak_mb < 1024, (run.seconds, run.peak_mb)
    assert snapshot(talk_dir) == before
    check = run_deckgen(["check", str(bomb)], talk_dir)
    assert check.code == 1 and "2,048 MiB" in check.err and "Traceback" not in check.err
    assert check.seconds < 60 and 0 < check.peak_mb < 1024, (check.seconds, check.peak_mb)


@pytest.mark.slow
def test_high_ratio_part_under_the_size_limit_is_refused(tmp_path: Path):
    bomb = _zero_bomb(CORPORATE, tmp_path / "ratio.pptx", 128)
    assert 128 * 2**20 < MAX_PART_BYTES
    with pytest.raises(InputError, match="zip bomb"):
        inspect_package(bomb)
