"""Click commands beside the main group — `deckgen check`, `preview` and `watch` — and running builds.

Builds of several talks run on all cores (`deckgen build --jobs`): worker processes are started with
"spawn" (no fork of a process holding open files or threads) and run `_build_one`, a top-level
function of plain, picklable arguments that returns what happened instead of raising, so one talk
failing never loses the others' decks.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import click

from deckgen import api
from deckgen.errors import DeckgenError, ErrorList, UsageError

# On the commands themselves too: click remembers a command's help option from its first use, and
# these commands are also run on their own (tests, other tools), where the group's settings are absent.
HELP = {"help_option_names": ["-h", "--help"], "show_default": True, "max_content_width": 100}
TALK_HELP = ("TALK is a Markdown file (my-paper.md), its outline (outlines/my-paper.yaml) or a talk "
             "folder (assets/my-paper/).")


class ListedChoice(click.ParamType):
    """A value whose usual choices are listed in help and completion, but which is checked later.

    Levels come from the outline (which may define its own), themes may also be a path to a .yaml:
    a plain click.Choice would refuse both.
    """

    def __init__(self, name: str, choices) -> None:
        self.name, self._choices = name, choices

    def choices(self) -> list[str]:
        return list(self._choices())

    def get_metavar(self, param, ctx=None) -> str:  # click ≥ 8.2 passes ctx
        return "[" + "|".join(self.choices()) + "]"

    def shell_complete(self, ctx, param, incomplete):
        from click.shell_completion import CompletionItem
        return [CompletionItem(c) for c in self.choices() if c.startswith(incomplete)]


def _level_ids() -> list[str]:
    from deckgen.levels import default_audiences
    return [a.id for a in default_audiences("en")]


def _theme_names() -> list[str]:
    from deckgen.theme import available_themes
    return list(available_themes())


LEVEL = ListedChoice("level", _level_ids)
THEME = ListedChoice("theme", _theme_names)


def check_theme(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """An installed theme name or an existing .yaml file, else a usage error (exit 2)."""
    if value is None or value in _theme_names() or (Path(value).suffix in (".yaml", ".yml")
                                                   and Path(value).is_file()):
        return value
    raise click.BadParameter(f"unknown theme '{value}' (installed: {', '.join(_theme_names())}; "
                             "or give the path of a theme .yaml)", ctx, param)


@click.command("check", context_settings=HELP,
               short_help="Check decks before going on stage (exit 1 on any error).",
               epilog=TALK_HELP + " A TALK's decks are built first.")
@click.argument("target", type=click.Path(path_type=Path), metavar="DECK.pptx|TALK")
@click.option("--render", is_flag=True,
              help="Also draw the deck with LibreOffice and report text it puts outside its box.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document instead of text.")
@click.option("--target", "target_minutes", type=click.FloatRange(min=0, min_open=True), default=None,
              metavar="MIN", show_default="the level's, from the deck", help="Talk length to check the notes against, in minutes.")
@click.option("--wpm", type=click.FloatRange(min=0, min_open=True), default=None,
              show_default="130 in French, 140 in English",
              help="Speaking rate in words a minute, for notes without deckgen's time cues.")
@click.option("--verbose", "-v", is_flag=True, help="Also list every slide-level info note.")
@click.pass_context
def check_command(ctx: click.Context, target: Path, render: bool, as_json: bool,
                  target_minutes: float | None, wpm: float | None, verbose: bool) -> None:
    """Check a deck before going on stage: overflow, titles, alt text, contrast, notes, timing.

    Exits with status 1 when any error is found.
    """
    from deckgen.api import check_input
    from deckgen.check import format_report

    if not target.exists():
        raise click.ClickException(f"{target}: file not found (give a .pptx deck, or a TALK: a Markdown file, "
                                   "an outline .yaml or a talk folder)")
    verbose = verbose or (ctx.find_root().obj or {}).get("verbosity") == 2
    try:
        reports = check_input(target, render=render, target_minutes=target_minutes, words_per_minute=wpm)
    except DeckgenError as err:  # one line, exit 1, also when this command runs on its own
        raise click.ClickException(str(err)) from None
    failed = any(r.errors for r in reports)
    if as_json:
        click.echo(json.dumps({"ok": not failed, "decks": [r.to_json() for r in reports]},
                              ensure_ascii=False, indent=2))
    elif (ctx.find_root().obj or {}).get("verbosity", 1) >= 1 or failed:
        click.echo("\n\n".join(format_report(r, verbose=verbose) for r in reports))
    if failed:
        ctx.exit(1)


@click.command("preview", context_settings=HELP,
               short_help="Render decks with LibreOffice: PDF, PNG pages, contact sheet.",
               epilog=TALK_HELP + " A TALK's decks are built first.")
@click.argument("target", type=click.Path(path_type=Path), metavar="DECK.pptx|TALK")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              show_default="'preview' beside the deck", help="Folder for the PDF, page PNGs and contact sheet.")
@click.option("--dpi", type=click.IntRange(10, 600), default=60, help="Page resolution.")
@click.option("--columns", type=click.IntRange(1, 12), default=4, help="Thumbnails per row on the contact sheet.")
def preview_command(target: Path, out_dir: Path | None, dpi: int, columns: int) -> None:
    """Render a deck with LibreOffice: PDF, one PNG per slide and a contact sheet."""
    from deckgen.api import preview_input

    if not target.exists():
        raise click.ClickException(f"{target}: file not found (give a .pptx deck, or a TALK: a Markdown file, "
                                   "an outline .yaml or a talk folder)")
    try:
        results = preview_input(target, out_dir, dpi=dpi, columns=columns)
    except DeckgenError as err:
        raise click.ClickException(str(err)) from None
    for r in results:
        click.echo(f"{r.pdf.stem}: {len(r.pages)} page{'s' if len(r.pages) != 1 else ''}, "
                   f"PDF {r.pdf}, contact sheet {r.contact_sheet}")


# --------------------------------------------------------------------------- builds and watch


@dataclass
class Outcome:
    """Every deck built, in the order the talks were given, and one line per talk that failed."""

    results: list[api.BuildResult] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    usage: list[str] = field(default_factory=list)  # the command line asked for what cannot be (exit 2)


def _error_lines(exc: DeckgenError) -> list[str]:
    return exc.all_lines() if isinstance(exc, ErrorList) else [str(exc)]


def _build_one(path: Path, options: dict) -> tuple[list[api.BuildResult], list[str], list[str]]:
    """Build one talk; (decks, input errors, usage errors), as lines: they cross process boundaries."""
    try:
        return api.build_talk(path, **options), [], []
    except UsageError as exc:
        return [], [], [str(exc)]
    except DeckgenError as exc:
        return [], _error_lines(exc), []


def _shown(path: Path) -> str:
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def deck_lines(r: api.BuildResult, verbosity: int) -> list[str]:
    """What a build prints for one deck: notes, the deck line, its warnings (by verbosity)."""
    lines = [note for note in r.notes] if verbosity >= 1 else []
    if verbosity >= 1:
        lines.append(f"{_shown(r.deck_path)}: {r.slides} slides, ~{r.estimated_minutes:.0f} min "
                     f"(target {r.target_minutes:.0f} min, {r.label})")
    lines += [f"  warning: {w}" if verbosity >= 1 else f"{_shown(r.deck_path)}: warning: {w}" for w in r.warnings]
    return lines


def build_talks(talks: list[Path], *, levels: list[str] | None, theme: str | None, out_dir: Path | None,
                force: bool, root: Path, jobs: int, progress: Callable[[str], None] | None = None,
                verbosity: int = 1, llm=None, llm_progress: Callable[[str], None] | None = None) -> Outcome:
    """Build every talk, `jobs` at a time, printing each deck's line as its talk finishes.

    `llm` (deckgen.llm.run.LLMOptions) applies to talks that must be distilled; its progress messages
    are shown only when talks are built one at a time (a callback does not cross processes).
    """
    options = {"levels": levels, "theme": theme, "out_dir": out_dir, "force": force, "root": root, "llm": llm}
    done: dict[int, tuple[list[api.BuildResult], list[str], list[str]]] = {}

    def report(i: int, outcome: tuple[list[api.BuildResult], list[str], list[str]]) -> None:
        done[i] = outcome
        if progress is not None:
            for r in outcome[0]:
                for line in deck_lines(r, verbosity):
                    progress(line)

    workers = min(jobs, len(talks))
    if workers <= 1:
        for i, talk in enumerate(talks):
            report(i, _build_one(talk, {**options, "progress": llm_progress}))
    else:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor, as_completed

        with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
            futures = {pool.submit(_build_one, talk, options): i for i, talk in enumerate(talks)}
            for future in as_completed(futures):
                report(futures[future], future.result())
    out = Outcome()
    for i in range(len(talks)):
        results, errors, usage = done[i]
        out.results += results
        out.errors += errors
        out.usage += usage
    return out


# --------------------------------------------------------------------------- watch


def watched_paths(talk: Path, root: Path, theme: str | None) -> list[Path]:
    """What a talk's decks are made of: its outline, its source folder (document and pictures), the theme."""
    from deckgen.theme.loader import find_theme

    t = api.resolve_talk(talk, root)
    paths = {t.outline.resolve().parent}
    if t.source is not None:
        paths.add(t.source.resolve().parent)
    try:
        paths.add(find_theme(theme).resolve().parent)
    except DeckgenError:
        pass
    return sorted(p for p in paths if p.exists())


def _relevant(changes, out_dir: Path) -> bool:
    """A change to an input, not to a deck, a preview or an editor's swap file."""
    out = out_dir.resolve()
    for _kind, name in changes:
        p = Path(name)
        if p.name.startswith(".") or p.name.endswith(("~", ".swp", ".tmp", ".bak")):
            continue
        try:
            p.resolve().relative_to(out)
            continue
        except ValueError:
            return True
    return False


def watch_talk(talk: Path, *, levels: list[str] | None, theme: str | None, out_dir: Path, root: Path,
               preview: bool, echo: Callable[[str], None], stop_event=None,
               on_build: Callable[[Outcome], None] | None = None) -> None:
    """Build, then rebuild whenever an input changes, until `stop_event` is set (or Ctrl-C)."""
    import time

    from watchfiles import watch

    def once() -> None:
        start = time.perf_counter()
        outcome = build_talks([talk], levels=levels, theme=theme, out_dir=out_dir, force=False, root=root,
                              jobs=1, progress=echo)
        for line in outcome.errors:
            echo(f"error: {line}")
        if preview and outcome.results:
            from deckgen.check.preview import preview_deck
            for r in outcome.results:
                try:
                    result = preview_deck(r.deck_path, r.deck_path.parent / "preview")
                    echo(f"{_shown(result.contact_sheet)}: preview")
                except DeckgenError as exc:
                    echo(f"error: {exc}")
        echo(f"built in {time.perf_counter() - start:.2f} s; watching for changes (Ctrl-C to stop)")
        if on_build is not None:
            on_build(outcome)

    once()
    for changes in watch(*watched_paths(talk, root, theme), stop_event=stop_event, debounce=200, step=20,
                         rust_timeout=500, yield_on_timeout=False):
        if _relevant(changes, out_dir):
            once()


@click.command("watch", context_settings=HELP,
               short_help="Rebuild a talk's decks whenever its files change.",
               epilog=TALK_HELP)
@click.argument("talk", type=click.Path(path_type=Path), metavar="TALK")
@click.option("--level", "levels", multiple=True, type=LEVEL, help="Rebuild only this level (repeatable; fastest with one).")
@click.option("--theme", type=THEME, callback=check_theme, default="pastel", help="Installed theme name, or the path of a theme .yaml.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("output"),
              help="Folder for the decks.")
@click.option("--preview", is_flag=True, help="Also render the PNG preview after each build (needs LibreOffice).")
def watch_command(talk: Path, levels: tuple[str, ...], theme: str, out_dir: Path, preview: bool) -> None:
    """Build TALK's decks, then rebuild them whenever the outline, the document, a picture or the theme changes.

    Keep the outline open in an editor and the deck (or the preview) open beside it.
    """
    api.resolve_talk(talk, Path.cwd())  # a wrong TALK fails at once, with one error line
    try:
        watch_talk(talk, levels=list(levels) or None, theme=theme, out_dir=out_dir, root=Path.cwd(),
                   preview=preview, echo=click.echo)
    except KeyboardInterrupt:
        sys.exit(0)
