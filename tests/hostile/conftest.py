"""Helpers for the hostile-input suite: run deckgen in a bounded child process and look at what it left."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

MEMORY_MB = 1024   # the bound: every case stops within 60 s and 1 GB
TIMEOUT_S = 60

# The child caps its own address space, runs the CLI, and writes its peak RSS to a file: stderr stays
# exactly what a user would see.
_CHILD = """
import os, resource, sys
limit = int(os.environ["HOSTILE_MEMORY_MB"]) * 2**20
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
def report():
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    with open(os.environ["HOSTILE_PEAK_FILE"], "w") as fh:
        fh.write(str(peak))
import atexit
atexit.register(report)
from deckgen.cli import main
sys.argv = ["deckgen"] + sys.argv[1:]
main()
"""

SMALL_TALK = """# Petit exposé

## 1. Introduction

Les modèles de langage transforment le travail des équipes. Ils rédigent, résument et traduisent des textes.
Les entreprises les adoptent pour gagner du temps sur les tâches répétitives.

## 2. Enjeux

La consommation d'énergie des centres de calcul augmente chaque année. La sécurité des données reste une
question ouverte pour les entreprises qui confient leurs documents à un service externe.

## 3. Conclusion

Les organisations qui forment leurs équipes tirent le meilleur parti de ces outils.
"""


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str
    seconds: float
    peak_mb: int

    @property
    def err_lines(self) -> list[str]:
        return [line for line in self.err.splitlines() if line.strip()]


def run_deckgen(args: list[str], cwd: Path, *, timeout: float = TIMEOUT_S, memory_mb: int = MEMORY_MB,
                env: dict[str, str | None] | None = None) -> Run:
    """`deckgen <args>` in `cwd`, bounded in time and address space; its peak RSS in MiB.

    `env` adds variables to the child's environment; a None value removes one.
    """
    peak_file = cwd / ".hostile-peak"
    child_env = {**os.environ, "HOSTILE_MEMORY_MB": str(memory_mb), "HOSTILE_PEAK_FILE": str(peak_file)}
    for key, value in (env or {}).items():
        if value is None:
            child_env.pop(key, None)
        else:
            child_env[key] = value
    start = time.monotonic()
    proc = subprocess.run([sys.executable, "-c", _CHILD, *args], cwd=cwd, env=child_env, capture_output=True,
                          text=True, timeout=timeout)
    seconds = time.monotonic() - start
    peak = int(peak_file.read_text()) if peak_file.exists() else -1
    peak_file.unlink(missing_ok=True)
    return Run(proc.returncode, proc.stdout, proc.stderr, seconds, peak)


def assert_one_line_error(run: Run, *fragments: str) -> None:
    """Exit 1, exactly one `error: …` line on stderr (no traceback) holding every fragment."""
    assert run.code == 1, (run.code, run.out, run.err)
    assert len(run.err_lines) == 1, run.err
    line = run.err_lines[0]
    assert line.lower().startswith("error: "), line
    assert "Traceback" not in run.err
    for fragment in fragments:
        assert fragment in line, (fragment, line)


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file under `folder` with its size and mtime: to assert that nothing was touched."""
    return {str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name != ".hostile-peak"}


@pytest.fixture
def talk_dir(tmp_path: Path) -> Path:
    """A scratch project holding one small talk under assets/small/."""
    (tmp_path / "assets" / "small").mkdir(parents=True)
    (tmp_path / "assets" / "small" / "whitepaper.md").write_text(SMALL_TALK, encoding="utf-8")
    return tmp_path
