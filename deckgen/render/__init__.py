"""render: `DeckPlan` + `Theme` → .pptx bytes.

`canvas` holds the drawing primitives, `slides` one drawing method per slide kind, `template` opens a
theme's .pptx template, `archive` writes the zip deterministically, `package` is the entry point
(render in memory, write atomically), `manifest` recognises decks deckgen wrote by their bytes.
Every text box is sized by the planner's measurements; autofit is off so what was measured is what
is shown. The only package that writes with python-pptx.
"""

import importlib
import sys
import types


class _OnFirstUse(types.ModuleType):
    """Stands in sys.modules for a module until one of its names is used, then imports the real one."""

    def __getattr__(self, name: str):
        if sys.modules.get(self.__name__) is self:
            del sys.modules[self.__name__]
        real = importlib.import_module(self.__name__)  # also binds it on its parent package
        self.__dict__.update(real.__dict__)  # holders of this stand-in see the real names from now on
        return getattr(real, name)


def _defer(name: str) -> None:
    if name not in sys.modules:
        parent, _, child = name.rpartition(".")
        sys.modules[name] = stand_in = _OnFirstUse(name)
        setattr(importlib.import_module(parent), child, stand_in)


# python-pptx imports xml.sax.saxutils for escape(); saxutils imports urllib.request, which brings
# http.client, email, ssl and socket: a twentieth of a build's CPU for fetching URLs, which no deck
# does. (importlib's LazyLoader does not help: the import system reads the module's __spec__, and
# any read loads it.)
_defer("urllib.request")

from .package import render_deck, write_deck, write_decks, written_by_deckgen  # noqa: E402
from .template import open_template  # noqa: E402

__all__ = ["open_template", "render_deck", "write_deck", "write_decks", "written_by_deckgen"]
