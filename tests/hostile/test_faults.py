"""Faults while writing, and the CLI's last resort: one line, exit 1, nothing half-written."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

import deckgen.api
from deckgen.cli import main

from .conftest import run_deckgen, snapshot


def _enospc(*_args, **_kwargs):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def _one_error_line(output: str) -> str:
    lines = [line for line in output.splitlines() if line.startswith("error:")]
    assert len(lines) == 1 and "Traceback" not in output, output
    return lines[0]


@pytest.mark.parametrize("command", [["distill", "assets/small/whitepaper.md"], ["build"]])
def test_full_disk_for_the_outline_fails_with_one_line(talk_dir: Path, monkeypatch, command: list[str]):
    monkeypatch.chdir(talk_dir)
    real = os.replace
    monkeypatch.setattr(os, "replace", lambda src, dst: _enospc() if "outlines" in str(dst) else real(src, dst))
    result = CliRunner().invoke(main, command)
    assert result.exit_code == 1
    assert "small.yaml: cannot write: No space left on device" in _one_error_line(result.output)
    assert not (talk_dir / "output").exists()
    assert not list((talk_dir / "outlines").glob("*")) if (talk_dir / "outlines").exists() else True


def test_full_disk_for_decks_leaves_the_old_decks_and_no_temp(talk_dir: Path, monkeypatch):
    monkeypatch.chdir(talk_dir)
    assert CliRunner().invoke(main, ["build", "--level", "general"]).exit_code == 0
    decks = talk_dir / "output" / "small"
    before = snapshot(decks)
    real = os.replace
    monkeypatch.setattr(os, "replace", lambda src, dst: _enospc() if str(dst).endswith(".pptx") else real(src, dst))
    (talk_dir / "assets" / "small" / "whitepaper.md").write_text(
        (talk_dir / "assets" / "small" / "whitepaper.md").read_text(encoding="utf-8") + "\nUne phrase de plus.\n",
        encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--level", "general"])
    assert result.exit_code == 1
    assert "small-general.pptx: cannot write" in _one_error_line(result.output)
    after = snapshot(decks)
    assert {k: v for k, v in after.items() if k.endswith(".pptx")} == \
           {k: v for k, v in before.items() if k.endswith(".pptx")}
    assert not [p for p in decks.iterdir() if p.suffix == ".tmp"]


def test_read_only_output_folder_is_one_line(talk_dir: Path, monkeypatch):
    if os.geteuid() == 0:
        pytest.skip("root writes through read-only permissions")
    monkeypatch.chdir(talk_dir)
    (talk_dir / "output").mkdir()
    (talk_dir / "output").chmod(0o500)
    try:
        result = CliRunner().invoke(main, ["build", "--level", "general"])
    finally:
        (talk_dir / "output").chmod(0o700)
    assert result.exit_code == 1
    assert "Permission denied" in _one_error_line(result.output)


@pytest.mark.parametrize("exc, text", [
    (OSError(errno.EIO, "Input/output error", "/dev/sdz"), "error: /dev/sdz: Input/output error"),
    (MemoryError(), "error: out of memory"),
    (RecursionError(), "error: input nested too deeply"),
])
def test_last_resort_handler_prints_one_line(talk_dir: Path, monkeypatch, exc: BaseException, text: str):
    monkeypatch.chdir(talk_dir)

    def boom(*_a, **_k):
        raise exc

    monkeypatch.setattr(deckgen.api, "build_talk", boom)  # what `deckgen build` runs for each talk
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 1
    assert _one_error_line(result.output).startswith(text)


def test_nothing_is_written_under_a_read_only_home(talk_dir: Path, tmp_path_factory):
    # rinohtype's import used to create ~/.local/share/rinohtype; Carlito now ships in the package
    home = tmp_path_factory.mktemp("home")
    home.chmod(0o500)
    try:
        run = run_deckgen(["build", "--level", "general"], talk_dir,
                          env={"HOME": str(home), "XDG_DATA_HOME": None, "XDG_CACHE_HOME": None,
                               "XDG_CONFIG_HOME": None})
    finally:
        home.chmod(0o700)
    assert run.code == 0, run.err
    assert list(home.rglob("*")) == []
