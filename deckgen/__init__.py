"""deckgen: Markdown whitepaper → editable YAML outline → one PowerPoint deck per audience level."""

import importlib
import sys
import types

__version__ = "0.1.0"


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
        if parent:
            setattr(importlib.import_module(parent), child, stand_in)


# Modules our libraries import at start-up for features no deck uses, loaded only if one is used:
# urllib.request (python-pptx's xml.sax.saxutils, for fetching URLs; it brings http, email, ssl and
# socket) and Pillow's Exif and TIFF tag tables (read only from pictures' metadata). A twentieth of a
# build's CPU went into importing them.
# importlib's LazyLoader would not do: the import system reads a module's __spec__, and any read
# loads it.
for _name in ("urllib.request", "PIL.ExifTags", "PIL.TiffTags"):
    _defer(_name)
