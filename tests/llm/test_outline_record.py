"""The outline records the distiller and model; outlines without the record load as before."""

from __future__ import annotations

from dataclasses import replace

from deckgen.outline import DistilledBy, dump_outline, load_outline

from ..conftest import REPO, write


def test_the_committed_outline_has_no_record_and_loads():
    outline = load_outline(REPO / "outlines" / "ia-generative-2025.yaml")
    assert outline.distilled_by is None
    assert "distiller:" not in dump_outline(outline)


def test_the_record_round_trips(tmp_path):
    outline = load_outline(REPO / "outlines" / "ia-generative-2025.yaml")
    recorded = replace(outline, distilled_by=DistilledBy("openai", "llama3.2"))
    path = write(tmp_path / "x.yaml", dump_outline(recorded))
    assert "\ndistiller:\n  name: openai\n  model: llama3.2\nmeta:" in path.read_text(encoding="utf-8")
    assert load_outline(path) == recorded
