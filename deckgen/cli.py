"""cli: the `deckgen` command, a thin layer of click over deckgen.api.

Conventions (README, "Command line"): -h/--help everywhere; defaults shown as click's
``[default: …]``; exit 0 success, 1 the input or a deck is wrong (one ``error:`` line each),
2 the command line is wrong (one ``error:`` line naming the option and where help is).
"""

from __future__ import annotations

import gc
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from deckgen.commands_check import (
    LEVEL,
    TALK_HELP,
    THEME,
    build_talks,
    check_command,
    check_theme,
    preview_command,
    watch_command,
)
from deckgen.errors import DeckgenError, ErrorList, UsageError

if TYPE_CHECKING:
    from deckgen.llm.run import LLMOptions

# deckgen.llm.run.DISTILLERS (a test keeps them equal): importing the LLM client costs every command
# a twentieth of a second it does not need unless --distiller openai is given.
DISTILLERS = ("extractive", "openai")

from . import api

CONTEXT = {"help_option_names": ["-h", "--help"], "show_default": True, "max_content_width": 100}


def shown(path: Path) -> str:
    """A path as the user would type it: relative to the current folder when inside it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def usage_error(ctx: click.Context, message: str):
    """deckgen's own usage errors look like click's: one line, exit 2."""
    path = ctx.command_path + (f" {ctx.invoked_subcommand}" if ctx.invoked_subcommand else "")
    click.echo(f"error: {message} (see '{path} -h')", err=True)
    sys.exit(2)


class _Group(click.Group):
    """One scheme for every failure: a single `error:` line, exit 1 for input, 2 for usage."""

    def main(self, *args, **kwargs):  # type: ignore[override]
        kwargs["standalone_mode"] = False
        # deckgen makes many short-lived tuples and lists and almost no reference cycles: collecting
        # after every 10,000 new containers instead of 700 halves the time a distill or a long build
        # spends in the cycle collector, with the same peak memory (measured on the bench documents)
        gc.set_threshold(10_000, *gc.get_threshold()[1:])
        try:
            code = super().main(*args, **kwargs)
        except click.UsageError as exc:
            hint = f" (see '{exc.ctx.command_path} -h')" if exc.ctx is not None else ""
            click.echo(f"error: {exc.format_message()}{hint}", err=True)
            sys.exit(2)
        except click.exceptions.Abort:
            click.echo("error: aborted", err=True)
            sys.exit(1)
        except click.ClickException as exc:
            click.echo(f"error: {exc.format_message()}", err=True)
            sys.exit(exc.exit_code)
        sys.exit(code if isinstance(code, int) else 0)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except UsageError as exc:
            usage_error(ctx, str(exc))
        except ErrorList as exc:
            for line in exc.all_lines():
                click.echo(f"error: {line}", err=True)
            sys.exit(1)
        except DeckgenError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(1)
        except OSError as exc:  # last resort: a disk or permission fault the library did not name
            where = f"{exc.filename}: " if exc.filename else ""
            click.echo(f"error: {where}{exc.strerror or exc}", err=True)
            sys.exit(1)
        except MemoryError:
            click.echo("error: out of memory (the input is past what deckgen handles; see README, "
                       "Limits)", err=True)
            sys.exit(1)
        except RecursionError:
            click.echo("error: input nested too deeply (see README, Limits)", err=True)
            sys.exit(1)


def _llm_options(command: Callable) -> Callable:
    """--distiller, --model, --no-cache: the same on every command that may distil."""
    command = click.option("--no-cache", is_flag=True,
                           help="With --distiller openai: ask the model again instead of reusing its cached replies.")(command)
    command = click.option("--model", default=None, metavar="NAME", show_default="$DECKGEN_LLM_MODEL",
                           help="With --distiller openai: the model.")(command)
    return click.option("--distiller", type=click.Choice(DISTILLERS), default="extractive",
                        help="How points are made: extractive (offline) or openai (any OpenAI-compatible "
                             "server at $OPENAI_BASE_URL).")(command)


def _llm(distiller: str, model: str | None, no_cache: bool) -> LLMOptions | None:
    """The LLM options, or None for the default distiller; usage errors before any work is done."""
    if distiller != "openai":
        if model or no_cache:
            raise click.UsageError("--model and --no-cache go with --distiller openai")
        return None
    if not (model or os.environ.get("DECKGEN_LLM_MODEL", "").strip()):
        raise click.UsageError("--distiller openai needs a model: give --model NAME or set DECKGEN_LLM_MODEL")
    from deckgen.llm.run import LLMOptions

    return LLMOptions(model=model, use_cache=not no_cache)


def _progress(message: str) -> None:
    click.echo(message, err=True)


def say(ctx: click.Context, text: str, *, level: int = 1) -> None:
    """Print `text` at verbosity `level`: 0 always, 1 unless --quiet, 2 only with --verbose."""
    if (ctx.find_root().obj or {}).get("verbosity", 1) >= level:
        click.echo(text)


@click.group(cls=_Group, context_settings=CONTEXT, epilog=TALK_HELP)
@click.version_option(package_name="deckgen", prog_name="deckgen", message="%(prog)s %(version)s")
@click.option("-q", "--quiet", is_flag=True, help="Print only warnings and errors.")
@click.option("-v", "--verbose", is_flag=True, help="Also print what each step did and every info note.")
@click.pass_context
def main(ctx: click.Context, quiet: bool, verbose: bool) -> None:
    """Turn a Markdown whitepaper into an editable outline and one deck per audience level.

    \b
    Exit status: 0 success, 1 the input or a deck is wrong, 2 the command line is wrong.
    Shell completion (bash): eval "$(_DECKGEN_COMPLETE=bash_source deckgen)"; zsh_source, fish_source too.
    """
    ctx.obj = {"verbosity": 0 if quiet else (2 if verbose else 1)}


@main.command(short_help="Build decks from talks (every talk under assets/ when none is given).", epilog=TALK_HELP)
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path), metavar="[TALK]...")
@click.option("--level", "levels", multiple=True, type=LEVEL,
              help="Build only this audience level (repeatable; an outline may define other levels). "
                   "[default: every level of the outline]")
@click.option("--theme", type=THEME, callback=check_theme, default="pastel",
              help="Installed theme name, or the path of a theme .yaml.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("output"),
              help="Folder for the decks (one subfolder per talk).")
@click.option("--check", "run_check", is_flag=True, help="Check the built decks; exit 1 on any error found.")
@click.option("--render", is_flag=True, help="Check a LibreOffice render of the decks too (implies --check).")
@click.option("--force", is_flag=True, help="Overwrite decks even if they were edited since deckgen wrote them.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON report (decks, minutes, warnings) for CI.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Talks built at once, in separate processes.  [default: the number of cores]")
@_llm_options
@click.pass_context
def build(ctx: click.Context, paths: tuple[Path, ...], levels: tuple[str, ...], theme: str, out_dir: Path,
          run_check: bool, render: bool, force: bool, as_json: bool, jobs: int | None, distiller: str,
          model: str | None, no_cache: bool) -> None:
    """Build one deck per audience level from each TALK, or from every talk under assets/ when none is given.

    A Markdown file is distilled first when its outline is missing (or stale and unedited).
    """
    run_check = run_check or render
    llm = _llm(distiller, model, no_cache)
    root = Path.cwd()
    talks = api.talks_to_build(list(paths), root)
    outcome = build_talks(talks, levels=list(levels) or None, theme=theme, out_dir=out_dir, force=force,
                          root=root, jobs=jobs or os.cpu_count() or 1, llm=llm, llm_progress=_progress,
                          progress=None if as_json else (lambda line: say(ctx, line, level=0)),
                          verbosity=0 if as_json else (ctx.find_root().obj or {}).get("verbosity", 1))
    if outcome.usage:
        for line in outcome.usage[1:]:
            click.echo(f"error: {line}", err=True)
        usage_error(ctx, outcome.usage[0])
    checked: dict[Path, object] = {}
    if run_check:
        from deckgen.check import check_deck, format_report

        for r in outcome.results:
            report = check_deck(r.deck_path, render=render, target_minutes=r.target_minutes)
            checked[r.deck_path] = report
            if not as_json and report.findings:
                say(ctx, format_report(report, verbose=(ctx.find_root().obj or {}).get("verbosity") == 2),
                    level=0 if report.errors else 1)
    failed = bool(outcome.errors) or any(rep.errors for rep in checked.values())  # type: ignore[attr-defined]
    if as_json:
        click.echo(json.dumps(_build_json(outcome, checked, failed), ensure_ascii=False, indent=2))
    else:
        for line in outcome.errors:
            click.echo(f"error: {line}", err=True)
        if any(rep.errors for rep in checked.values()):  # type: ignore[attr-defined]
            click.echo("error: the deck check found errors", err=True)
    if failed:
        ctx.exit(1)


def _build_json(outcome, checked: dict, failed: bool) -> dict:
    decks = []
    for r in outcome.results:
        entry = {"deck": shown(r.deck_path), "level": r.level, "label": r.label, "slides": r.slides,
                 "minutes": round(r.estimated_minutes, 1), "target_minutes": r.target_minutes,
                 "warnings": list(r.warnings), "notes": list(r.notes)}
        if r.deck_path in checked:
            rep = checked[r.deck_path]
            entry["check"] = {"errors": len(rep.errors), "warnings": len(rep.warnings),
                              "findings": rep.to_json().get("findings", [])}
        decks.append(entry)
    return {"ok": not failed, "decks": decks, "errors": list(outcome.errors)}


@main.command(short_help="Write outlines/<talk>.yaml from a Markdown whitepaper.", epilog=TALK_HELP)
@click.argument("path", type=click.Path(path_type=Path), metavar="TALK")
@click.option("--force", is_flag=True,
              help="Regenerate even an outline edited by hand (the edited one is kept as <outline>.yaml.bak).")
@_llm_options
@click.pass_context
def distill(ctx: click.Context, path: Path, force: bool, distiller: str, model: str | None, no_cache: bool) -> None:
    """Write outlines/<talk>.yaml from a Markdown whitepaper (never over your edits without --force)."""
    llm = _llm(distiller, model, no_cache)
    result = api.distill(path, root=Path.cwd(), force=force, llm=llm, progress=_progress)
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    if result.backup is not None:
        say(ctx, f"{shown(result.backup)}: your edited outline, kept", level=0)
    say(ctx, f"{shown(result.outline_path)}: {'written' if result.written else 'unchanged'}")


@main.command(short_help="List the audience levels (of an outline, or the defaults).", epilog=TALK_HELP)
@click.argument("path", required=False, type=click.Path(path_type=Path), metavar="[TALK]")
def levels(path: Path | None) -> None:
    """List the audience levels of TALK's outline, or the default ones."""
    from deckgen.levels import default_audiences
    from deckgen.outline import load_outline

    audiences = default_audiences("en")
    if path is not None:
        outline = load_outline(api.resolve_talk(path, Path.cwd()).outline)
        audiences = outline.audiences or default_audiences(outline.meta.lang)
    for a in audiences:
        click.echo(f"{a.id:<13} {a.label:<16} {a.minutes:>3.0f} min  ≤{a.max_points} points of "
                   f"≤{a.max_words} words  ({a.description})")


@main.command(short_help="List the installed themes.")
def themes() -> None:
    """List the installed themes and where each comes from (built-in, or ./themes/)."""
    from deckgen.theme import BUILTIN_THEMES, DEFAULT_THEME, available_themes, load_theme, theme_origin

    for name, path in available_themes().items():
        try:
            desc = load_theme(name).description
        except DeckgenError as exc:
            desc = f"(invalid: {exc})"
        mark = " (default)" if name == DEFAULT_THEME else ""
        origin = theme_origin(path)
        if origin != "built-in" and (BUILTIN_THEMES / path.name).is_file():
            origin += ", overrides the built-in one"
        click.echo(f"{name:<16} {desc}{mark}  [{origin}]")


@main.command(short_help="Draw the pastel cover illustration of a talk.", epilog=TALK_HELP)
@click.argument("talk", required=False, type=click.Path(path_type=Path), metavar="[TALK]")
@click.option("--seed", type=int, default=None, show_default="the outline's", help="Composition seed.")
@click.option("--theme", type=THEME, callback=check_theme, default="pastel",
              help="Theme whose palette colours the picture.")
@click.option("--size", default="1920x1080", help="Width x height in pixels (640x360 to 7680x4320).")
@click.option("--out", "out", type=click.Path(path_type=Path), default=None,
              show_default="the outline's cover image", help="Where to write the picture.")
@click.option("--force", is_flag=True, help="Replace an existing picture.")
@click.option("--motif", type=click.Choice(["brain", "network", "flow", "geometric", "organic"]), default=None,
              show_default="the outline's, else chosen from the talk's words", help="What the picture shows.")
@click.pass_context
def cover(ctx: click.Context, talk: Path | None, seed: int | None, theme: str, size: str, out: Path | None,
          force: bool, motif: str | None) -> None:
    """Draw the pastel cover illustration for TALK (or a standalone one with --out)."""
    path = api.draw_cover(talk, seed=seed, theme=theme, size=size, out=out, root=Path.cwd(), force=force,
                          motif=motif)
    say(ctx, shown(path), level=0)
    if talk is not None and seed is not None and out is None:
        say(ctx, f"seed {seed} recorded in the talk's outline (the next build draws the same cover)")


main.add_command(check_command)
main.add_command(preview_command)
main.add_command(watch_command)


if __name__ == "__main__":  # python -m deckgen.cli
    main()
