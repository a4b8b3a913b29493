"""`deckgen watch`: an edit to the outline rebuilds the deck, in the same process."""
from __future__ import annotations

import shutil
import threading
import time

from pptx import Presentation

from deckgen.commands_check import watch_talk
from tests.conftest import REPO

OUTLINE = REPO / "outlines" / "ia-generative-2025.yaml"


def test_an_outline_edit_rebuilds_the_deck(project):
    outline = project / "outlines" / OUTLINE.name
    shutil.copy(OUTLINE, outline)
    builds, ready = [], threading.Event()
    stop = threading.Event()

    def on_build(outcome):
        builds.append(outcome)
        ready.set()

    worker = threading.Thread(target=watch_talk, args=(outline,), daemon=True, kwargs=dict(
        levels=["general"], theme=None, out_dir=project / "output", root=project, preview=False,
        echo=lambda line: None, stop_event=stop, on_build=on_build))
    worker.start()
    try:
        assert ready.wait(60) and not builds[0].errors
        ready.clear()
        time.sleep(1.5)  # the watcher starts once the first build is done; edit after it is listening
        text = outline.read_text(encoding="utf-8")
        outline.write_text(text.replace("    title: Introduction", "    title: Pourquoi maintenant", 1), encoding="utf-8")
        assert ready.wait(60), "no rebuild after the edit"
    finally:
        stop.set()
        worker.join(10)
    deck = builds[-1].results[0].deck_path
    titles = [s.shapes.title.text for s in Presentation(str(deck)).slides]
    assert "Pourquoi maintenant" in titles
