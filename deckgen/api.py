"""The library entry points the CLI calls: distill a talk, build its decks."""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from deckgen.atomic import write_bytes_atomic
from deckgen.errors import DeckgenError, InputError, OutlineEditedError
from deckgen.outline import Outline, load_outline, read_outline_text
from deckgen.outline.paths import TalkFiles, is_remote, stored_path, talk_files, with_stored_paths
from deckgen.parse import read_source
from deckgen.textutil import slugify

# themes, planning and rendering (python-pptx) are imported by the builds: `deckgen distill` never loads them
if TYPE_CHECKING:  # the checker and previewer load python-pptx / LibreOffice helpers: only when used
    from deckgen.theme import Theme
    from deckgen.check import CheckReport
    from deckgen.check.preview import PreviewResult
    from deckgen.llm.run import LLMOptions

Progress = Callable[[str], None]

MARKDOWN_SUFFIXES = (".md", ".markdown")
OUTLINE_SUFFIXES = (".yaml", ".yml")
GENERIC_STEMS = ("readme", "index", "_index")  # names that say nothing about the talk: its folder does


@dataclass(frozen=True)
class Talk:
    """One talk: its slug, its Markdown source (if known) and its outline file."""

    slug: str
    source: Path | None
    outline: Path


@dataclass(frozen=True)
class BuildResult:
    deck_path: Path
    level: str
    label: str
    slides: int
    target_minutes: float
    estimated_minutes: float
    warnings: tuple[str, ...]
    notes: tuple[str, ...] = ()  # what deckgen did on the way (distilled, drew the cover)


@dataclass(frozen=True)
class DistillResult:
    outline_path: Path
    written: bool
    warnings: tuple[str, ...] = ()  # what the LLM distiller refused or could not do
    backup: Path | None = None  # the hand-edited outline `--force` replaced, kept beside it


def _rel(path: Path, root: Path) -> str:
    path = path.resolve()
    try:
        return path.relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def talk_slug(source: Path, root: Path) -> str:
    """assets/<slug>/anything.md → <slug>; a README.md or index.md → its folder's name (two projects'
    READMEs must not share one outline); any other file → its name, slugified."""
    source = source.resolve()
    assets = (root / "assets").resolve()
    if source.parent.parent == assets or (source.stem.lower() in GENERIC_STEMS and source.parent.name):
        return slugify(source.parent.name, "talk")
    return slugify(source.stem, "talk")


def find_talks(root: Path) -> list[Path]:
    """Markdown sources under assets/<talk>/ (whitepaper.md, else the only .md of the folder)."""
    assets = root / "assets"
    if not assets.is_dir():
        return []
    found = []
    for folder in sorted(p for p in assets.iterdir() if p.is_dir()):
        mds = sorted(f for f in folder.iterdir() if f.suffix in MARKDOWN_SUFFIXES)
        found += [f for f in mds if f.stem == "whitepaper"] or mds[:1]
    return found


def resolve_talk(path: Path, root: Path) -> Talk:
    """Interpret a command-line path: a Markdown source, an outline file, or a talk folder."""
    path = Path(path)
    if not path.exists():
        raise InputError("file not found (a TALK is a Markdown file, an outline .yaml or a talk folder)", file=path)
    if path.is_dir():
        mds = [f for f in find_talks(path.parent) if f.parent.resolve() == path.resolve()] or \
              sorted(f for f in path.iterdir() if f.suffix in MARKDOWN_SUFFIXES)[:1]
        if not mds:
            raise InputError("no Markdown file in this folder", file=path)
        path = mds[0]
    if path.suffix.lower() in OUTLINE_SUFFIXES:
        return Talk(slugify(path.stem, "talk"), None, path)
    if path.suffix.lower() in MARKDOWN_SUFFIXES:
        slug = talk_slug(path, root)
        return Talk(slug, path, root / "outlines" / f"{slug}.yaml")
    raise InputError("expected a Markdown file (.md), an outline (.yaml) or a talk folder", file=path)


def _text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _sha256(path: Path) -> str:
    return _text_sha256(read_source(path))


def distill_outline(source: Path, root: Path, *, llm: LLMOptions | None = None, outline_path: Path | None = None,
                    progress: Progress | None = None) -> Outline:
    """Parse and distill a Markdown source into an outline (not saved) whose paths are relative to
    `outline_path` (default: <root>/outlines/<talk>.yaml)."""
    return _distilled(source, root, llm, outline_path, progress)[0]


def _distilled(source: Path, root: Path, llm: LLMOptions | None, outline_path: Path | None,
               progress: Progress | None) -> tuple[Outline, tuple[str, ...]]:
    """The outline, extractive unless `llm` asks for the model's points, and the LLM's warnings."""
    from deckgen.distill import document_to_outline  # loads YAKE and pysbd: only when distilling
    from deckgen.parse import parse_markdown

    text = read_source(source)  # read once: parsed, and fingerprinted for change detection
    doc = parse_markdown(text, source)
    slug = talk_slug(source, root)
    target = outline_path or root / "outlines" / f"{slug}.yaml"
    files = talk_files(target, source=source)
    if doc.cover is not None and is_remote(doc.cover.src):
        cover_image = doc.cover.src  # kept as written: the build says it is never fetched
    else:
        own = source.parent / f"{source.stem}-cover.png"
        cover_path = doc.cover.path if doc.cover else own if files.owns(own) else files.fallback_cover()
        cover_image = stored_path(cover_path, target)
    seed = int(hashlib.sha256(slug.encode()).hexdigest()[:6], 16)
    outline = document_to_outline(doc, source_path=stored_path(source, target), source_sha256=_text_sha256(text),
                                  cover_image=cover_image, cover_seed=seed)
    outline = with_stored_paths(outline, target)
    if outline.meta.cover:
        from deckgen.cover.vocabulary import MOTIF_ALT, cover_motif

        # The motif is written into the outline, where a person sees and may change it, and the
        # alt text then describes the picture that will really be drawn.
        motif = cover_motif(outline)[0]
        alt = outline.meta.cover.alt or MOTIF_ALT["fr" if doc.lang == "fr" else "en"][motif]
        cover = replace(outline.meta.cover, alt=alt, motif=motif)
        outline = replace(outline, meta=replace(outline.meta, cover=cover))
    if llm is None:
        return outline, ()
    from deckgen.distill.sentences import stopwords
    from deckgen.levels import default_audiences
    from deckgen.llm.run import rewrite_outline
    from deckgen.outline import DistilledBy

    result, model = rewrite_outline(outline, doc, outline_path=target, options=llm, progress=progress,
                                    audiences=outline.audiences or default_audiences(doc.lang),
                                    stopwords=stopwords(doc.lang))
    return replace(result.outline, distilled_by=DistilledBy("openai", model)), result.warnings


def distill(source: Path, *, root: Path, force: bool = False, llm: LLMOptions | None = None,
            progress: Progress | None = None) -> DistillResult:
    """Write outlines/<slug>.yaml from `source`, refusing to replace an edited outline without `force`.

    With `llm`, a model phrases the points (see deckgen.llm); any fault of its server raises before
    anything is written, so the existing outline stays as it was.
    """
    from deckgen.outline.save import is_edited, save_outline

    talk = resolve_talk(source, root)
    if talk.source is None:
        raise InputError("distill takes a Markdown file or a talk folder, not an outline", file=source)
    if llm is not None and talk.outline.exists() and not force and is_edited(read_outline_text(talk.outline)):
        # the same refusal save_outline makes, before asking a model for minutes rather than after
        raise OutlineEditedError("outline was edited by hand; not overwriting it (use --force to regenerate)",
                                 file=talk.outline)
    outline, warnings = _distilled(talk.source, root, llm, talk.outline, progress)
    backup = None
    if force and talk.outline.is_file():
        existing = read_outline_text(talk.outline)
        if is_edited(existing):  # a person's work: keep it beside the new outline, never just drop it
            backup = talk.outline.with_name(talk.outline.name + ".bak")
            write_bytes_atomic(backup, existing.encode("utf-8"))
    written = save_outline(outline, talk.outline, force=force)
    return DistillResult(talk.outline, written, warnings, backup if written else None)


def _fresh_outline(talk: Talk, root: Path, notes: list[str], llm: LLMOptions | None,
                   progress: Progress | None, old: Outline | None = None, write: bool = True) -> Outline:
    """A new outline of the talk's source, keeping the cover seed a person chose (`deckgen cover --seed`);
    saved unless `write` is false (deckgen check keeps it in memory)."""
    outline, warnings = _distilled(talk.source, root, llm, talk.outline, progress)
    if old is not None and old.meta.cover is not None and outline.meta.cover is not None:
        cover = replace(outline.meta.cover, seed=old.meta.cover.seed)
        if old.meta.cover.motif:  # the picture may be drawn already: its motif and alt text stay with it
            cover = replace(cover, motif=old.meta.cover.motif, alt=old.meta.cover.alt)
        outline = replace(outline, meta=replace(outline.meta, cover=cover))
    notes += [f"warning: {w}" for w in warnings]
    if not write:
        return outline
    from deckgen.outline.save import save_outline

    save_outline(outline, talk.outline)
    return load_outline(talk.outline)


def _outline_for(talk: Talk, root: Path, notes: list[str], llm: LLMOptions | None = None,
                 progress: Progress | None = None, *, write: bool = True) -> Outline:
    """The talk's outline; distilled first when missing, again when its source changed and nobody edited it."""
    if talk.source is None:
        return load_outline(talk.outline)
    if not talk.outline.exists():
        outline = _fresh_outline(talk, root, notes, llm, progress, write=write)
        if write:
            notes.insert(0, f"distilled {_rel(talk.source, root)} → {_rel(talk.outline, root)}")
        return outline
    outline = load_outline(talk.outline)
    if outline.source_sha256 == _sha256(talk.source):
        return outline
    from deckgen.outline.save import is_edited

    if is_edited(read_outline_text(talk.outline)):
        notes.append(f"{_rel(talk.outline, root)}: the source changed since this outline was made, but the "
                     "outline was edited by hand: building from it (deckgen distill --force to regenerate)")
        return outline
    before = outline.distilled_by
    first = len(notes)
    fresh = _fresh_outline(talk, root, notes, llm, progress, old=outline, write=write)
    how = "" if llm else (f" with the extractive distiller (it was made by {before.name} {before.model}; "
                          f"pass --distiller {before.name} to use it again)" if before else "")
    if write:
        notes.insert(first, f"source changed: re-distilled {_rel(talk.outline, root)}{how}")
    return fresh


def _files(talk: Talk, outline: Outline) -> TalkFiles:
    return talk_files(talk.outline, outline.source_path, talk.source)


def ensure_cover(outline: Outline, files: TalkFiles, theme: Theme, *,
                 scratch: Path | None = None) -> tuple[Path | None, list[str]]:
    """The cover to show; a missing one is generated (never into a source folder outside the project)."""
    from deckgen.cover.from_theme import cover_palette
    from deckgen.cover.talk import ensure_cover as ensure

    return ensure(outline, files, cover_palette(theme), scratch=scratch)


def talks_to_build(paths: list[Path], root: Path) -> list[Path]:
    """The paths given, or every talk under assets/ when none is."""
    if paths:
        return [Path(p) for p in paths]
    found = find_talks(root)
    if not found:
        raise InputError("no talk found under assets/ (give a Markdown file or an outline)", file=root)
    return found


def build(paths: list[Path], *, levels: list[str] | None = None, theme: str | None = None,
          out_dir: Path | None = None, force: bool = False, root: Path | None = None,
          llm: LLMOptions | None = None, progress: Progress | None = None,
          scratch: Path | None = None) -> list[BuildResult]:
    """Build every requested deck; all decks of a talk are rendered before any file is written.

    `llm` applies when a talk has to be distilled (no outline yet, or its source changed). With `scratch`
    (a temporary folder: `deckgen check`), nothing is written outside it: decks go to <scratch>/output
    unless `out_dir` says otherwise, a missing outline is distilled in memory, a cover is drawn there."""
    from deckgen.theme import load_theme

    root = (root or Path.cwd()).resolve()
    the_theme = load_theme(theme)
    results: list[BuildResult] = []
    out_dir = Path(out_dir) if out_dir else (scratch or root) / "output"
    for p in talks_to_build(paths, root):
        results += build_talk(p, levels=levels, theme=the_theme, out_dir=out_dir, force=force, root=root,
                              llm=llm, progress=progress, scratch=scratch)
    return results


def build_talk(path: Path, *, levels: list[str] | None = None, theme: Theme | str | None = None,
               out_dir: Path | None = None, force: bool = False, root: Path | None = None,
               llm: LLMOptions | None = None, progress: Progress | None = None,
               scratch: Path | None = None) -> list[BuildResult]:
    """Build one talk's decks (a top-level function of plain arguments: it runs in worker processes too)."""
    from deckgen.plan import levels_of, outline_to_plan
    from deckgen.render import render_deck, write_decks, written_by_deckgen
    from deckgen.theme import Theme, load_theme

    root = (root or Path.cwd()).resolve()
    out_dir = Path(out_dir) if out_dir else (scratch or root) / "output"
    the_theme = theme if isinstance(theme, Theme) else load_theme(theme)
    results: list[BuildResult] = []
    talk = resolve_talk(Path(path), root)
    notes: list[str] = []
    outline = _outline_for(talk, root, notes, llm, progress, write=scratch is None)
    files = _files(talk, outline)
    wanted = levels or list(levels_of(outline))
    rendered = []
    with tempfile.TemporaryDirectory(prefix="deckgen-pictures-") as tmp:
        from deckgen.cover.talk import outline_for_level, resolve_pictures

        cover, cover_notes = ensure_cover(outline, files, the_theme, scratch=scratch)
        pictures, picture_notes = resolve_pictures(outline, files, cover, Path(tmp))
        notes += cover_notes + picture_notes
        for level in wanted:
            shown = outline_for_level(outline, pictures, level)
            plan = outline_to_plan(shown, level, the_theme, slug=talk.slug, root=files.folder)
            data, render_warnings = render_deck(plan, the_theme)
            rendered.append((plan, data, tuple(plan.warnings) + tuple(render_warnings)))
    targets = [out_dir / talk.slug / plan.file_name for plan, _, _ in rendered]
    edited = [t for t in targets if t.exists() and not force and not written_by_deckgen(t)]
    if edited:
        raise InputError("deck was changed since deckgen wrote it (saved from an editor?); not "
                         "overwriting it (use --force)", file=edited[0])
    write_decks([(target, data) for (_plan, data, _w), target in zip(rendered, targets)])
    for (plan, data, warnings), target in zip(rendered, targets):
        results.append(BuildResult(target, plan.audience.id, plan.audience.label, len(plan.slides),
                                   plan.target_minutes, plan.estimated_minutes, warnings, tuple(notes)))
        notes = []
    return results


def draw_cover(talk: Path | None, *, seed: int | None, theme: str | None, size: str, out: Path | None,
               root: Path, force: bool = False, motif: str | None = None) -> Path:
    """Draw a talk's cover illustration (or a standalone one at `out`); returns the file written.

    A talk's cover goes where its outline names it when deckgen owns that place, else beside the
    outline; a `seed` given for a talk is recorded in its outline, so the next build draws the same.
    A dark theme's night cover goes beside the light one (`<name>-dark.png`)."""
    from deckgen.cover import write_cover
    from deckgen.cover.args import parse_size
    from deckgen.cover.from_theme import cover_palette, dark_image
    from deckgen.cover.vocabulary import cover_motif
    from deckgen.outline.paths import COVER_SUFFIXES
    from deckgen.outline.save import set_cover_seed
    from deckgen.theme import load_theme

    dims = parse_size(size)
    palette = cover_palette(load_theme(theme))
    target, talk_seed, outline_file, talk_motif = out, 0, None, "brain"
    if talk is not None:
        t = resolve_talk(talk, root)
        outline = _outline_for(t, root, [])
        talk_motif = cover_motif(outline)[0]
        if outline.meta.cover is not None:
            talk_seed, outline_file = outline.meta.cover.seed, t.outline
            if target is None:
                files = _files(t, outline)
                image = outline.meta.cover.image
                own = None if is_remote(image) else files.resolve(image)
                target = own if own is not None and own.suffix.lower() in COVER_SUFFIXES and files.owns(own) \
                    else files.fallback_cover()
                if palette.dark:
                    target = Path(dark_image(str(target)))
    if target is None:
        raise DeckgenError("nowhere to write the cover: give a talk whose outline names a cover, or --out")
    if target.suffix.lower() not in (".png", ".jpg", ".jpeg"):
        raise InputError("cover must be a .png or .jpg file", file=target)
    if target.exists() and not force:
        raise InputError("already exists; not overwriting it (use --force)", file=target)
    written = write_cover(target, seed=talk_seed if seed is None else seed, palette=palette, size=dims,
                          motif=motif or talk_motif)
    if outline_file is not None and out is None and seed is not None and seed != talk_seed:
        set_cover_seed(outline_file, seed)
    return written


__all__ = ["BuildResult", "DistillResult", "Talk", "build", "distill", "draw_cover", "find_talks", "resolve_talk"]


# --------------------------------------------------------------------------- check and preview


def decks_for_input(path: Path, scratch: Path | None = None) -> list[tuple[Path, float | None]]:
    """The decks named by `path`: a .pptx itself, or those built from an outline / talk.

    Outlines (.yaml/.yml) and talks (a Markdown file or a folder) are built with `build` into `scratch`
    (a temporary folder the caller owns: checking never writes a deck, an outline or a cover anywhere
    else); each deck comes with the target minutes of its level.
    """
    path = Path(path)
    if path.suffix.lower() == ".pptx":
        return [(path, None)]
    if not (path.is_dir() or path.suffix.lower() in (".yaml", ".yml", ".md", ".markdown")):
        raise InputError("expected a .pptx deck, an outline (.yaml) or a talk (Markdown file or folder)",
                         file=path)
    return [(Path(r.deck_path), r.target_minutes) for r in _built(path, scratch)]


def _built(path: Path, scratch: Path | None) -> list[BuildResult]:
    if scratch is None:
        raise DeckgenError("checking an outline or a talk needs a temporary folder to build it in")
    return build([path], scratch=scratch)


def _cover_findings(results: list[BuildResult]) -> dict[Path, tuple]:
    """Deck → the build's cover warnings as findings (a deck cannot show that its cover is a stand-in)."""
    from deckgen.check.report import Finding

    by_talk: dict[Path, tuple] = {}
    for r in results:
        found = tuple(Finding(None, "warning", "missing-picture", n.removeprefix("warning: "))
                      for n in r.notes if n.startswith("warning: cover picture"))
        by_talk[r.deck_path.parent] = by_talk.get(r.deck_path.parent, ()) + found
    return {r.deck_path: by_talk[r.deck_path.parent] for r in results}


def check_input(path: Path, *, render: bool = False, target_minutes: float | None = None,
                words_per_minute: float | None = None) -> list[CheckReport]:
    """Check a .pptx, or every deck built (in a temporary folder) from an outline / talk."""
    from deckgen.check import check_deck  # reads decks with python-pptx: only when checking
    path = Path(path)
    with tempfile.TemporaryDirectory(prefix="deckgen-check-") as scratch:
        if path.suffix.lower() == ".pptx":
            decks, extra = [(path, None)], {}
        else:
            results = _built(path, Path(scratch))
            decks, extra = [(r.deck_path, r.target_minutes) for r in results], _cover_findings(results)
        reports = [check_deck(deck, render=render,
                              target_minutes=target_minutes if target_minutes is not None else level_target,
                              words_per_minute=words_per_minute)
                   for deck, level_target in decks]
        return [replace(r, findings=r.findings + extra.get(deck, ())) for r, (deck, _) in zip(reports, decks)]


def preview_input(path: Path, out_dir: Path | None = None, *, dpi: int = 60,
                  columns: int = 4) -> list[PreviewResult]:
    """Preview a .pptx, or every deck built (in a temporary folder) from an outline / talk.

    Without `out_dir`, previews go to a ``preview`` folder beside the deck (for an outline or a talk:
    output/<talk>/preview, where `deckgen build` puts its decks; no deck is written there).
    """
    from deckgen.check.preview import preview_deck  # needs LibreOffice: only when previewing
    path = Path(path)
    with tempfile.TemporaryDirectory(prefix="deckgen-preview-") as scratch:
        results = []
        for deck, _ in decks_for_input(path, Path(scratch)):
            default = deck.parent / "preview" if path.suffix.lower() == ".pptx" \
                else Path.cwd() / "output" / deck.parent.name / "preview"
            results.append(preview_deck(deck, Path(out_dir) if out_dir is not None else default,
                                        dpi=dpi, columns=columns))
        return results
