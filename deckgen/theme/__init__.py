"""theme: theme files (YAML, with `extends:`) → `Theme` (palette, fonts with their measuring files,
sizes, margins, footer, optional .pptx template).

Themes are looked up by name in the current folder's `themes/` and the shipped ones.
"""

from .loader import BUILTIN_THEMES, DEFAULT_THEME, Theme, available_themes, find_theme, load_theme, theme_origin

__all__ = ["BUILTIN_THEMES", "DEFAULT_THEME", "theme_origin", "Theme", "available_themes", "find_theme", "load_theme"]
