"""render: `DeckPlan` + `Theme` → .pptx bytes.

`canvas` holds the drawing primitives, `slides` one drawing method per slide kind, `template` opens a
theme's .pptx template, `archive` writes the zip deterministically, `package` is the entry point
(render in memory, write atomically), `manifest` recognises decks deckgen wrote by their bytes.
Every text box is sized by the planner's measurements; autofit is off so what was measured is what
is shown. The only package that writes with python-pptx.
"""

from .package import render_deck, write_deck, write_decks, written_by_deckgen
from .template import open_template

__all__ = ["open_template", "render_deck", "write_deck", "write_decks", "written_by_deckgen"]
