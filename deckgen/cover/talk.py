"""A talk's pictures at build time: the cover (the outline's, else a generated one in a place deckgen owns)
and every slide picture (a missing, unreadable, remote or outside one never stops a build: it becomes a
marked placeholder, or is left out of the general deck, and a warning names it and its source line)."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

from deckgen.errors import DeckgenError
from deckgen.outline.model import Cover, Outline, Picture, Slide
from deckgen.outline.paths import COVER_SUFFIXES, TalkFiles, is_remote, source_line

from .from_theme import dark_image
from .image import MAX_INPUT_PIXELS, checked
from .palette import CoverPalette
from .placeholder import write_placeholder

GENERAL = "general"  # the newcomers' deck leaves missing pictures out instead of showing a placeholder
PLACEHOLDER_ALT = "Missing picture: "  # the quality gate recognises placeholders by this alt text prefix


def _usable(files: TalkFiles, ref: str) -> tuple[Path | None, str]:
    path, problem = files.picture(ref)
    if path is not None:
        try:
            checked(path, MAX_INPUT_PIXELS)  # corrupt, huge or non-image files are refused here
        except DeckgenError as exc:
            return None, f"cannot be used ({exc.message})"
    return path, problem


def _shown(path: Path) -> str:
    try:
        return path.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


def _named(files: TalkFiles, ref: str) -> str:
    """The picture as the warning names it: the file the outline points at (links not followed), or the URL."""
    if is_remote(ref) or not ref:
        return ref
    return _shown(Path(os.path.normpath(files.folder / ref)))


def _where(files: TalkFiles, lines: list[str] | None, ref: str, start: int, fallback: str) -> str:
    line = source_line(lines, ref, start) if lines else None
    if files.source is not None:
        return f"{_shown(files.source)}:{line}" if line else _shown(files.source)
    return f"{_shown(files.outline)}, {fallback}"


def _source_lines(files: TalkFiles) -> list[str] | None:
    try:
        return files.source.read_text(encoding="utf-8", errors="replace").splitlines() if files.source else None
    except OSError:
        return None


def ensure_cover(outline: Outline, files: TalkFiles, palette: CoverPalette, *, scratch: Path | None = None
                 ) -> tuple[Path | None, list[str]]:
    """The cover file to show and what was done. A missing cover in a place deckgen owns is drawn there;
    any other unusable cover falls back to a generated one beside the outline. With `scratch` (deckgen
    check) nothing is written outside it. A dark palette shows the night version, `<name>-dark.png`
    beside the light one; a person's own picture where deckgen may not write is shown as it is."""
    cover = outline.meta.cover
    if cover is None:
        return None, []
    ref = cover.image
    if palette.dark and ref and not is_remote(ref):
        light, _ = _usable(files, ref)
        night, _ = _usable(files, dark_image(ref))
        if night is not None:
            return night, []
        if light is not None and not files.owns(files.resolve(dark_image(ref))):
            return light, []
        ref = dark_image(ref)
    path, problem = _usable(files, ref)
    if path is not None:
        return path, []
    notes: list[str] = []
    target = None if is_remote(ref) or not ref else files.resolve(ref)
    if not (problem == "not found" and target is not None and target.suffix.lower() in COVER_SUFFIXES
            and files.owns(target)):
        where = _where(files, _source_lines(files), cover.image, 1, "meta.cover.image")
        notes.append(f"warning: cover picture {_named(files, cover.image)} {problem} ({where}): using a generated cover")
        target = files.fallback_cover()
        if palette.dark:
            target = Path(dark_image(str(target)))
        if target.is_file() and _usable(files, str(target))[0] is not None:
            return target, notes
    if scratch is not None:
        target = scratch / target.name
    from .draw import write_cover  # the drawing modules: only when a cover is drawn
    from .vocabulary import cover_motif

    motif, why = cover_motif(outline)
    write_cover(target, seed=cover.seed, palette=palette, motif=motif)
    if scratch is None:
        notes.append(f"generated cover illustration {_shown(target)} (motif: {motif}, {why})")
    return target, notes


@dataclass(frozen=True)
class TalkPictures:
    """The talk's pictures resolved once: usable ones by path, unusable ones by placeholder file."""

    cover: Path | None
    found: dict[str, Path]
    placeholders: dict[str, Path]


def resolve_pictures(outline: Outline, files: TalkFiles, cover: Path | None, folder: Path
                     ) -> tuple[TalkPictures, list[str]]:
    """Check every slide picture once; draw a placeholder in `folder` for each unusable one."""
    found: dict[str, Path] = {}
    placeholders: dict[str, Path] = {}
    warnings: list[str] = []
    lines = _source_lines(files)
    for _section, slide in outline.slides():
        ref = slide.picture.path if slide.picture else None
        if ref is None or ref in found or ref in placeholders:
            continue
        path, problem = _usable(files, ref)
        if path is not None:
            found[ref] = path
            continue
        where = _where(files, lines, ref, slide.line, f"slide '{slide.id}'")
        if is_remote(ref):  # badges and web pictures: nothing a placeholder could make the presenter fix here
            warnings.append(f"warning: picture {ref} {problem} ({where}): left out (save a copy beside the "
                            "document and link that to show it)")
            continue
        placeholders[ref] = write_placeholder(folder / f"missing-{len(placeholders) + 1}.png", ref, problem)
        general = GENERAL in slide.levels
        warnings.append(f"warning: picture {_named(files, ref)} {problem} ({where}): shown as a marked placeholder"
                        + (", left out of the general deck" if general else ""))
    return TalkPictures(cover, found, placeholders), warnings


def outline_for_level(outline: Outline, pictures: TalkPictures, level: str) -> Outline:
    """The outline with absolute picture files for this level's deck (placeholders, or nothing for newcomers)."""

    def picture(p: Picture | None) -> Picture | None:
        if p is None:
            return None
        if p.path in pictures.found:
            return Picture(str(pictures.found[p.path]), p.alt)
        if level == GENERAL or p.path not in pictures.placeholders:
            return None
        return Picture(str(pictures.placeholders[p.path]), f"{PLACEHOLDER_ALT}{p.path}" + (f" ({p.alt})" if p.alt
                                                                                           else ""))

    def slides(sl: Slide) -> tuple[Slide, ...]:
        shown = picture(sl.picture)
        if sl.picture is None or shown is None or sl.picture.path in pictures.found or not sl.points:
            return (replace(sl, picture=shown),)
        # a placeholder beside the points would squeeze them for a grey frame: the points take the
        # slide, laid out as if it had no picture, and the missing figure gets its own marked slide
        title = sl.picture.alt if sl.picture.alt and sl.picture.alt != sl.title else f"{sl.title} — figure"
        missing = Slide(id=f"{sl.id}-missing-picture", title=title, levels=sl.levels, kind="image",
                        picture=shown, notes=shown.alt, line=sl.line)
        return replace(sl, picture=None), missing

    sections = tuple(replace(s, slides=tuple(x for sl in s.slides for x in slides(sl))) for s in outline.sections)
    meta = outline.meta
    if meta.cover is not None and pictures.cover is not None:
        meta = replace(meta, cover=Cover(str(pictures.cover), meta.cover.alt, meta.cover.seed))
    return replace(outline, sections=sections, meta=meta)
