"""theme: the look of a deck, read from `themes/<name>.yaml` (palette, fonts, sizes, margins, footer)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from deckgen.errors import ErrorList, ThemeError
from deckgen.measure import resolve_font_file
from deckgen.yamlcheck import LazyValidator, load_validated
from deckgen.zipsafe import check_template

from .limits import theme_limit_errors

BUILTIN_THEMES = Path(__file__).resolve().parents[1] / "data" / "themes"  # package data: works installed
DEFAULT_THEME = "pastel"
MAX_EXTENDS_DEPTH = 8

_HEX = {"type": "string", "pattern": "^#[0-9A-Fa-f]{6}$"}
_FONT = {"type": "object", "additionalProperties": False,
         "properties": {"family": {"type": "string", "minLength": 1}, "file": {"type": "string", "minLength": 1}}}
_PT = {"type": "number", "minimum": 6, "maximum": 120}
_INCH = {"type": "number", "minimum": 0, "maximum": 3}
SCHEMA: dict[str, Any] = {
    "type": "object", "additionalProperties": False,
    "properties": {
        "name": {"type": "string"}, "description": {"type": "string"},
        "extends": {"type": "string", "minLength": 1}, "template": {"type": "string", "minLength": 1},
        "palette": {"type": "object", "additionalProperties": False, "properties": {
            "background": _HEX, "surface": _HEX, "text": _HEX, "muted": _HEX, "title": _HEX,
            "accent": _HEX, "divider_background": _HEX, "divider_text": _HEX,
            "decor": {"type": "array", "items": _HEX, "minItems": 1}}},
        "fonts": {"type": "object", "additionalProperties": False,
                  "properties": {"heading": _FONT, "body": _FONT}},
        "sizes": {"type": "object", "additionalProperties": False, "properties": {
            k: _PT for k in ("cover_title", "cover_subtitle", "title", "title_min", "section_title",
                             "body", "body_min", "small", "footer")}},
        "margins": {"type": "object", "additionalProperties": False,
                    "properties": {k: _INCH for k in ("left", "right", "top", "bottom")}},
        "footer": {"type": "object", "additionalProperties": False, "properties": {
            "talk_title": {"type": "boolean"}, "slide_number": {"type": "boolean"},
            "event": {"type": "string"}}},
    },
}
_VALIDATOR = LazyValidator(SCHEMA)


@dataclass(frozen=True)
class Palette:
    background: str
    surface: str
    text: str
    muted: str
    title: str
    accent: str
    divider_background: str
    divider_text: str
    decor: tuple[str, ...]


@dataclass(frozen=True)
class Font:
    """A family written into the deck and the metric-compatible file used to measure it."""

    family: str
    file: Path


@dataclass(frozen=True)
class Sizes:
    cover_title: float
    cover_subtitle: float
    title: float
    title_min: float
    section_title: float
    body: float
    body_min: float
    small: float
    footer: float


@dataclass(frozen=True)
class Margins:
    left: float
    right: float
    top: float
    bottom: float


@dataclass(frozen=True)
class Footer:
    talk_title: bool
    slide_number: bool
    event: str


@dataclass(frozen=True)
class Theme:
    name: str
    description: str
    palette: Palette
    heading_font: Font
    body_font: Font
    sizes: Sizes
    margins: Margins
    footer: Footer
    template: Path | None
    path: Path | None


def search_dirs(extra: Path | None = None) -> list[Path]:
    """Where themes are looked up: the current folder's themes/ (adds or overrides by name), then the built-in ones."""
    dirs = [Path.cwd() / "themes", BUILTIN_THEMES]
    if extra is not None:
        dirs.insert(0, extra)
    out: list[Path] = []
    for d in dirs:
        if d.is_dir() and d.resolve() not in [o.resolve() for o in out]:
            out.append(d)
    return out


def available_themes() -> dict[str, Path]:
    """Theme name → file, first found wins."""
    found: dict[str, Path] = {}
    for d in search_dirs():
        for f in sorted(d.glob("*.yaml")):
            found.setdefault(f.stem, f)
    return dict(sorted(found.items()))


def theme_origin(path: Path) -> str:
    """Where a theme file comes from, as `deckgen themes` shows it: built-in, or the project file."""
    if path.resolve().parent == BUILTIN_THEMES.resolve():
        return "built-in"
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


def find_theme(name_or_path: str | None) -> Path:
    """Resolve a theme name (or a path to a .yaml) to its file; unknown names list the installed ones."""
    name = name_or_path or DEFAULT_THEME
    as_path = Path(name)
    if as_path.suffix in (".yaml", ".yml"):
        if as_path.is_file():
            return as_path
        raise ThemeError("theme file not found", file=as_path)
    themes = available_themes()
    if name in themes:
        return themes[name]
    raise ThemeError(f"unknown theme '{name}' (available: {', '.join(themes) or 'none'})")


def _merge(base: dict, over: dict) -> dict:
    out = dict(base)
    for k, v in over.items():
        out[k] = _merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


def _raw(path: Path, chain: tuple[Path, ...] = ()) -> dict:
    if len(chain) > MAX_EXTENDS_DEPTH or path.resolve() in chain:
        raise ThemeError("'extends' forms a loop", file=path, field="extends")
    data, _root, errors = load_validated(path, _VALIDATOR, ThemeError)
    ErrorList.raise_all(errors)
    if data.get("template"):
        data["template"] = str((path.parent / data["template"]).resolve())
    for font in (data.get("fonts") or {}).values():
        if "file" in font and (path.parent / font["file"]).is_file():
            font["file"] = str((path.parent / font["file"]).resolve())
    parent = data.pop("extends", None)
    if parent is None:
        return data
    sibling = path.parent / f"{parent}.yaml"
    if sibling.is_file() and sibling.resolve() != path.resolve():
        parent_path = sibling
    elif sibling.resolve() == path.resolve() and (BUILTIN_THEMES / sibling.name).is_file():
        parent_path = BUILTIN_THEMES / sibling.name  # a project's pastel.yaml may extend the built-in pastel
    else:
        parent_path = find_theme(parent)
    return _merge(_raw(parent_path, chain + (path.resolve(),)), data)


_REQUIRED = {"palette": Palette.__dataclass_fields__, "sizes": Sizes.__dataclass_fields__,
             "margins": Margins.__dataclass_fields__}


def load_theme(name_or_path: str | None = None) -> Theme:
    """Load a theme by name or path, following `extends:` and checking every required value."""
    path = find_theme(name_or_path)
    data = _raw(path)
    missing = [f"{group}.{key}" for group, fields in _REQUIRED.items()
               for key in fields if key not in (data.get(group) or {})]
    fonts = data.get("fonts") or {}
    missing += [f"fonts.{k}" for k in ("heading", "body") if not {"family", "file"} <= set(fonts.get(k, {}))]
    if missing:
        raise ThemeError(f"missing {', '.join(missing)} (set it here or in the theme it extends)", file=path)
    limits = theme_limit_errors(data["sizes"], data["margins"])
    ErrorList.raise_all([ThemeError(e.message, file=path, field=e.field) for e in limits])
    p = data["palette"]
    try:
        heading = Font(fonts["heading"]["family"], resolve_font_file(fonts["heading"]["file"], path.parent))
        body = Font(fonts["body"]["family"], resolve_font_file(fonts["body"]["file"], path.parent))
    except ThemeError as exc:
        raise ThemeError(exc.message, file=path, field="fonts") from exc
    footer = data.get("footer") or {}
    template = Path(data["template"]) if data.get("template") else None
    if template is not None:
        check_template(template)  # a bomb or macros stop the build before any outline or cover is written
    return Theme(
        name=data.get("name") or path.stem, description=data.get("description", ""),
        palette=Palette(**{k: (tuple(v) if k == "decor" else v) for k, v in p.items()}),
        heading_font=heading, body_font=body, sizes=Sizes(**data["sizes"]), margins=Margins(**data["margins"]),
        footer=Footer(footer.get("talk_title", True), footer.get("slide_number", True), footer.get("event", "")),
        template=template, path=path)
