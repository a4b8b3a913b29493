"""Benchmark: time and memory of each stage on the example and on a large synthetic document.

Run: python -m deckgen.bench [--repeat N]. Prints figures; asserts nothing (targets live in README).
"""

from __future__ import annotations

import argparse
import resource
import shutil
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3, help="best of N runs per stage (default 3)")
    args = parser.parse_args()
    t0 = time.perf_counter()
    run(EXAMPLE, args.repeat)
    with tempfile.TemporaryDirectory() as tmp:
        run(synthetic(Path(tmp) / "large.md"), 1)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"total {time.perf_counter() - t0:.1f} s, peak memory {peak:.0f} MiB")


if __name__ == "__main__":
    main()
