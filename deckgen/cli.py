"""cli: the `deckgen` command, a thin layer of click over deckgen.api."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

import click

from deckgen.commands_check import check_command, preview_command
from deckgen.errors import DeckgenError, ErrorList
from deckgen.llm.run import DISTILLERS, LLMOptions

from . import api


def _shown(path: Path) -> str:
    """A path as the user would type it: relative to the current folder when inside it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


class _Group(click.Group):
    """Turns library errors into one line on stderr and exit code 1 (no traceback)."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
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
    command = click.option("--model", default=None, metavar="NAME",
                           help="With --distiller openai: the model (default: $DECKGEN_LLM_MODEL).")(command)
    return click.option("--distiller", type=click.Choice(DISTILLERS), default="extractive", show_default=True,
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
    return LLMOptions(model=model, use_cache=not no_cache)


def _progress(message: str) -> None:
    click.echo(message, err=True)


@click.group(cls=_Group)
@click.version_option(package_name="deckgen")
def main() -> None:
    """Turn a Markdown whitepaper into an editable outline and one deck per audience level."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--level", "levels", multiple=True, help="Build only this level (repeatable).")
@click.option("--theme", default=None, help="Theme name or path to a theme .yaml (default: pastel).")
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=None,
              help="Output folder (default: output/).")
@click.option("--check", "run_check", is_flag=True, help="Check the built decks; fail on errors.")
@click.option("--render", is_flag=True, help="With --check: also check a LibreOffice render.")
@click.option("--force", is_flag=True, help="Overwrite decks even if they were edited since deckgen wrote them.")
@_llm_options
def build(paths: tuple[Path, ...], levels: tuple[str, ...], theme: str | None, out_dir: Path | None,
          run_check: bool, render: bool, force: bool, distiller: str, model: str | None, no_cache: bool) -> None:
    """Build decks from Markdown files, outlines or talk folders (default: every talk under assets/)."""
    llm = _llm(distiller, model, no_cache)
    results = api.build(list(paths), levels=list(levels) or None, theme=theme, out_dir=out_dir, force=force,
                        llm=llm, progress=_progress)
    failed = False
    for r in results:
        for note in r.notes:
            click.echo(note)
        click.echo(f"{_shown(r.deck_path)}: {r.slides} slides, ~{r.estimated_minutes:.0f} min "
                   f"(target {r.target_minutes:.0f} min, {r.label})")
        for w in r.warnings:
            click.echo(f"  warning: {w}")
        if run_check:
            from deckgen.check.deck import check_deck, format_report

            report = check_deck(r.deck_path, render=render, target_minutes=r.target_minutes)
            if report.findings:
                click.echo(format_report(report))
            failed |= bool(report.errors)
    if failed:
        raise click.ClickException("deck check found errors")


@main.command()
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--force", is_flag=True, help="Overwrite an outline even if it was edited by hand.")
@_llm_options
def distill(path: Path, force: bool, distiller: str, model: str | None, no_cache: bool) -> None:
    """Write outlines/<talk>.yaml from a Markdown whitepaper."""
    llm = _llm(distiller, model, no_cache)
    result = api.distill(path, root=Path.cwd(), force=force, llm=llm, progress=_progress)
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(f"{_shown(result.outline_path)}: {'written' if result.written else 'unchanged'}")


@main.command()
@click.argument("path", required=False, type=click.Path(path_type=Path))
def levels(path: Path | None) -> None:
    """List the audience levels (of an outline, or the defaults)."""
    from deckgen.levels import default_audiences
    from deckgen.outline import load_outline

    audiences = default_audiences("en")
    if path is not None:
        outline = load_outline(api.resolve_talk(path, Path.cwd()).outline)
        audiences = outline.audiences or default_audiences(outline.meta.lang)
    for a in audiences:
        click.echo(f"{a.id:<13} {a.label:<16} {a.minutes:>3.0f} min  ≤{a.max_points} points of "
                   f"≤{a.max_words} words  ({a.description})")


@main.command()
def themes() -> None:
    """List the available themes and where each comes from (built-in, or ./themes/)."""
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


@main.command()
@click.argument("talk", required=False, type=click.Path(path_type=Path))
@click.option("--seed", type=int, default=None, help="Composition seed (default: the outline's).")
@click.option("--theme", default=None, help="Theme whose palette colours the picture.")
@click.option("--size", default="1920x1080", help="Width x height in pixels (default 1920x1080).")
@click.option("--out", "out", type=click.Path(path_type=Path), default=None,
              help="Where to write (default: the outline's cover image path).")
@click.option("--force", is_flag=True, help="Replace an existing picture.")
@click.option("--motif", type=click.Choice(["brain", "network", "flow", "geometric", "organic"]), default=None,
              help="What the picture shows (default: the outline's, else chosen from the talk's words).")
def cover(talk: Path | None, seed: int | None, theme: str | None, size: str, out: Path | None,
          force: bool, motif: str | None) -> None:
    """Draw the pastel cover illustration for a talk (or a standalone one with --out)."""
    path = api.draw_cover(talk, seed=seed, theme=theme, size=size, out=out, root=Path.cwd(), force=force,
                          motif=motif)
    click.echo(_shown(path))
    if talk is not None and seed is not None and out is None:
        click.echo(f"seed {seed} recorded in the talk's outline (the next build draws the same cover)")


main.add_command(check_command)
main.add_command(preview_command)
