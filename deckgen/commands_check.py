"""Click commands `deckgen check` and `deckgen preview` (the main CLI adds them with add_command)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from deckgen.errors import DeckgenError


@click.command("check")
@click.argument("target", type=click.Path(exists=True, path_type=Path), metavar="DECK.pptx|OUTLINE|TALK")
@click.option("--render", is_flag=True,
              help="Also draw the deck with LibreOffice and report text it puts outside its box.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document instead of text.")
@click.option("--target", "target_minutes", type=click.FloatRange(min=0, min_open=True), default=None,
              metavar="MIN", help="Talk length to check the notes against, in minutes.")
@click.option("--wpm", type=click.FloatRange(min=0, min_open=True), default=None,
              help="Speaking rate (default: 130 words/min in French, 150 in English).")
@click.option("--verbose", "-v", is_flag=True, help="Also list every slide-level info note.")
@click.pass_context
def check_command(ctx: click.Context, target: Path, render: bool, as_json: bool,
                  target_minutes: float | None, wpm: float | None, verbose: bool) -> None:
    """Check a deck before going on stage: overflow, titles, alt text, contrast, notes, timing.

    Exits with status 1 when any error is found.
    """
    from deckgen.api import check_input
    from deckgen.check import format_report
    try:
        reports = check_input(target, render=render, target_minutes=target_minutes, words_per_minute=wpm)
    except DeckgenError as err:
        raise click.ClickException(str(err)) from None
    failed = any(r.errors for r in reports)
    if as_json:
        click.echo(json.dumps({"ok": not failed, "decks": [r.to_json() for r in reports]},
                              ensure_ascii=False, indent=2))
    else:
        click.echo("\n\n".join(format_report(r, verbose=verbose) for r in reports))
    if failed:
        ctx.exit(1)


@click.command("preview")
@click.argument("target", type=click.Path(exists=True, path_type=Path), metavar="DECK.pptx|TALK")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder for the PDF, page PNGs and contact sheet (default: 'preview' beside the deck).")
@click.option("--dpi", type=click.IntRange(10, 600), default=60, show_default=True, help="Page resolution.")
@click.option("--columns", type=click.IntRange(1, 12), default=4, show_default=True,
              help="Thumbnails per row on the contact sheet.")
def preview_command(target: Path, out_dir: Path | None, dpi: int, columns: int) -> None:
    """Render a deck with LibreOffice: PDF, one PNG per slide and a contact sheet."""
    from deckgen.api import preview_input
    try:
        results = preview_input(target, out_dir, dpi=dpi, columns=columns)
    except DeckgenError as err:
        raise click.ClickException(str(err)) from None
    for r in results:
        click.echo(f"{r.pdf.stem}: {len(r.pages)} page{'s' if len(r.pages) != 1 else ''}, "
                   f"PDF {r.pdf}, contact sheet {r.contact_sheet}")
