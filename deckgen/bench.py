"""Benchmark: deckgen's whole-process CPU time as a ratio to pandoc's on the same text (paired runs).

Run: python -m deckgen.bench [--runs N] [--stages]. Three figures, each the median over N pairs of
runs (deckgen, then pandoc, in turn, so a drift in the machine's speed hits both alike) of CPU
seconds (user + system), as the operating system accounts a finished process:

- build of the example's committed outline, three decks, against pandoc's one deck of the example;
- distill of a 66,000-word document (the example's body thirty times), against pandoc's deck of it;
- build of that document's outline, three decks, against pandoc's deck of it.

Without pandoc the absolute CPU seconds are printed. --stages also times each stage in-process.
Prints figures; asserts nothing (the targets live in README).
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from deckgen.api import distill_outline, ensure_cover
from deckgen.outline import dump_outline
from deckgen.outline.paths import talk_files
from deckgen.parse import parse_document
from deckgen.plan import levels_of, outline_to_plan
from deckgen.render import render_deck
from deckgen.theme import load_theme

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "assets" / "ia-generative-2025" / "whitepaper.md"
SENTENCE = ("Les modèles génératifs transforment la production de contenus et soulèvent des questions "
            "de qualité, de coût et de confiance pour les organisations qui les adoptent. ")


def synthetic(path: Path, sections: int = 30, subsections: int = 5, paragraphs: int = 3) -> Path:
    """A long French whitepaper: sections × subsections × paragraphs of six sentences."""
    lines = ["---", "title: Document de test", "lang: fr", "---", "", "# Document de test", ""]
    for s in range(1, sections + 1):
        lines += [f"# {s}. Partie {s}", "", SENTENCE * 2, ""]
        for u in range(1, subsections + 1):
            lines += [f"## {s}.{u}. Sous-partie {s}.{u}", ""]
            lines += [(SENTENCE * 6).strip() + "\n" for _ in range(paragraphs)]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def _timed(fn, repeat: int):
    best, result = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return best, result


def run(source: Path, repeat: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        talk = root / "assets" / "bench"
        talk.mkdir(parents=True)
        src = talk / "whitepaper.md"
        shutil.copy(source, src)
        theme = load_theme("pastel")
        t_parse, doc = _timed(lambda: parse_document(src), repeat)
        t_distill, outline = _timed(lambda: distill_outline(src, root), repeat)
        files = talk_files(root / "outlines" / "bench.yaml", source=src)
        t_cover, _ = _timed(lambda: ensure_cover(outline, files, theme), 1)
        words = sum(len(b.split()) for b in source.read_text(encoding="utf-8").split("\n"))
        print(f"{source.name}: {words} words, {sum(1 for _ in doc.walk())} sections, "
              f"outline {len(dump_outline(outline)) // 1024} KiB")
        print(f"  parse    {t_parse * 1000:8.1f} ms")
        print(f"  distill  {t_distill * 1000:8.1f} ms")
        print(f"  cover    {t_cover * 1000:8.1f} ms")
        for level in levels_of(outline):
            t_plan, plan = _timed(lambda: outline_to_plan(outline, level, theme, slug="bench", root=root / "outlines"), repeat)
            t_render, (data, _) = _timed(lambda: render_deck(plan, theme), repeat)
            print(f"  {level:<13} plan {t_plan * 1000:7.1f} ms  render {t_render * 1000:7.1f} ms  "
                  f"{len(plan.slides):3d} slides  {len(data) // 1024:5d} KiB")


def repeated_example(path: Path, times: int = 30) -> Path:
    """The example's front matter and title block, then its body `times` over (headings numbered apart)."""
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("# 1."))
    out = lines[:start]
    for k in range(1, times + 1):
        out += [f"{line} ({k})" if re.match(r"^#+ ", line) else line for line in lines[start:]]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    for picture in EXAMPLE.parent.glob("*.png"):
        shutil.copy(picture, path.parent / picture.name)
    return path


def cpu_run(cmd: list[str], cwd: Path) -> tuple[float, float]:
    """(CPU seconds, peak MiB) of one whole process, from the kernel's accounting of it."""
    # Bytecode is cached as an installed deckgen has it (pip compiles it; the warm-up run writes it
    # for a source checkout): PYTHONDONTWRITEBYTECODE in the caller's shell would make every timed
    # run compile deckgen's modules again, a fifth of a build's time that no user pays.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}")
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def paired(name: str, ours: list[str], theirs: list[str] | None, cwd: Path, runs: int,
           before=None) -> None:
    """Run deckgen and pandoc in turn `runs` times (after one warm-up each); print medians and the ratio."""
    mine, other, ratios, peaks = [], [], [], []
    for i in range(runs + 1):
        if before:
            before()
        cpu, peak = cpu_run(ours, cwd)
        ref = cpu_run(theirs, cwd)[0] if theirs else None
        if i == 0:
            continue  # warm-up: file caches, bytecode
        mine.append(cpu)
        peaks.append(peak)
        if ref:
            other.append(ref)
            ratios.append(cpu / ref)
    line = f"{name:<44} deckgen {statistics.median(mine):6.2f} s CPU, peak {max(peaks):4.0f} MiB"
    if ratios:
        line += (f"; pandoc {statistics.median(other):5.2f} s; ratio {statistics.median(ratios):5.2f}x "
                 f"(min {min(ratios):.2f}, max {max(ratios):.2f})")
    print(line, flush=True)


def ratios(runs: int) -> None:
    # what a user runs: the installed command (python -m would compile cli.py afresh on every run)
    script = Path(sys.executable).parent / "deckgen"
    deckgen = [str(script)] if script.is_file() else [sys.executable, "-m", "deckgen.cli"]
    pandoc = shutil.which("pandoc")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        example = root / "assets" / "example" / "whitepaper.md"
        example.parent.mkdir(parents=True)
        shutil.copy(EXAMPLE, example)
        for picture in EXAMPLE.parent.glob("*.png"):
            shutil.copy(picture, example.parent / picture.name)
        (root / "outlines").mkdir()
        committed = REPO / "outlines" / "ia-generative-2025.yaml"
        shutil.copy(committed, root / "outlines" / "example.yaml")
        large = repeated_example(root / "assets" / "large" / "whitepaper.md")
        words = len(large.read_text(encoding="utf-8").split())

        def pandoc_of(md: Path) -> list[str] | None:
            return [pandoc, f"--resource-path={md.parent}", str(md), "-o", str(root / "pandoc.pptx")] \
                if pandoc else None

        print(f"paired runs: {runs} (+1 warm-up); pandoc: {pandoc or 'not installed'}")
        paired("build example outline, 3 decks", deckgen + ["build", "outlines/example.yaml"],
               pandoc_of(example), root, runs)
        paired(f"distill {words:,}-word document", deckgen + ["distill", "--force", str(large)],
               pandoc_of(large), root, runs)
        paired(f"build {words:,}-word document's outline, 3 decks",
               deckgen + ["build", "outlines/large.yaml"], pandoc_of(large), root, runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3, help="paired runs per figure (default 3)")
    parser.add_argument("--stages", action="store_true", help="also time each stage in-process")
    parser.add_argument("--repeat", type=int, default=3, help="with --stages: best of N runs per stage")
    args = parser.parse_args()
    ratios(args.runs)
    if args.stages:
        t0 = time.perf_counter()
        run(EXAMPLE, args.repeat)
        with tempfile.TemporaryDirectory() as tmp:
            run(synthetic(Path(tmp) / "large.md"), 1)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"stages: total {time.perf_counter() - t0:.1f} s, peak memory {peak:.0f} MiB")


if __name__ == "__main__":
    main()
