"""The command line's conventions, as a new user meets them: help, version, exit codes, --json, backups."""
from __future__ import annotations

import json
import shutil

from click.testing import CliRunner
from pptx import Presentation

from deckgen.cli import main
from tests.conftest import EXAMPLE, REPO, write

OUTLINE = REPO / "outlines" / "ia-generative-2025.yaml"


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def _one_line(result, code: int) -> str:
    assert result.exit_code == code, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.output
    return lines[0]


def test_short_help_and_version_everywhere():
    for args in (["-h"], ["--help"], ["build", "-h"], ["check", "-h"], ["distill", "-h"], ["watch", "-h"],
                 ["cover", "-h"], ["preview", "-h"]):
        res = run(*args)
        assert res.exit_code == 0 and "Usage:" in res.output, args
    res = run("--version")
    assert res.exit_code == 0 and res.output.startswith("deckgen ")


def test_help_lists_levels_themes_talk_and_full_summaries():
    res = run("build", "-h")
    assert "[general|practitioner|expert]" in res.output
    assert "[corporate|high-contrast|pastel|pastel-dark]" in res.output
    assert "TALK is a Markdown file" in res.output
    assert "implies --check" in res.output
    assert "(default:" not in res.output  # defaults are shown one way: [default: …]
    top = run("-h").output
    assert "Build decks from talks (every talk under assets/ when none is given)." in top  # never cut off
    assert "Exit status: 0 success, 1" in top and "_DECKGEN_COMPLETE" in top
    assert "140 in English" in " ".join(run("check", "-h").output.split())


def test_usage_errors_exit_2_on_one_line(project):
    assert "--level" in _one_line(run("build", "--level", "beginner"), 2)
    assert "--size" in _one_line(run("cover", "--size", "480x270", "--out", "x.png"), 2)
    assert "unknown theme" in _one_line(run("build", "--theme", "nope"), 2)
    assert "No such option" in _one_line(run("build", "--bogus"), 2)
    assert not (project / "output").exists()


def test_input_errors_exit_1_on_one_line(project):
    assert "file not found" in _one_line(run("check", "my-paper"), 1)
    assert "file not found" in _one_line(run("build", "my-paper.md"), 1)


def test_render_implies_check(project, monkeypatch):
    import deckgen.check as check

    seen = []
    real = check.check_deck

    def spy(path, *, render=False, **kw):
        seen.append(render)
        return real(path, render=False, **kw)  # the render itself is tested where soffice runs

    monkeypatch.setattr(check, "check_deck", spy)
    res = run("build", "--render", "--level", "general", "assets/ia-generative-2025")
    assert res.exit_code == 0, res.output
    assert seen == [True]


def test_build_json_and_same_minutes_as_check(project):
    shutil.copy(OUTLINE, project / "outlines" / OUTLINE.name)
    res = run("build", "--json", "outlines/" + OUTLINE.name)
    assert res.exit_code == 0, res.output
    report = json.loads(res.output)
    assert report["ok"] is True and len(report["decks"]) == 3
    for deck in report["decks"]:
        assert {"deck", "level", "slides", "minutes", "target_minutes", "warnings"} <= set(deck)
        checked = json.loads(run("check", "--json", deck["deck"]).output)["decks"][0]
        assert checked["estimated_minutes"] == deck["minutes"]  # one timing model


def test_quiet_prints_nothing_on_success_and_verbose_more(project):
    shutil.copy(OUTLINE, project / "outlines" / OUTLINE.name)
    quiet = run("-q", "build", "--level", "expert", "outlines/" + OUTLINE.name)
    assert quiet.exit_code == 0 and "slides" not in quiet.output
    loud = run("build", "--level", "expert", "outlines/" + OUTLINE.name)
    assert "slides, ~" in loud.output


def test_a_short_deck_is_reported(project):
    doc = write(project / "assets" / "short" / "short.md",
                "---\ntitle: Short\nlang: en\n---\n\n# Why\n\nCaching keeps answers close to readers. "
                "It cuts the load on the database.\n")
    res = run("build", "--level", "expert", str(doc))
    assert res.exit_code == 0, res.output
    assert "too short" in res.output
    deck = project / "output" / "short" / "short-expert.pptx"
    assert "too short" in run("check", str(deck)).output


def test_distill_force_keeps_the_edited_outline(project):
    assert run("distill", "assets/ia-generative-2025/whitepaper.md").exit_code == 0
    outline = project / "outlines" / "ia-generative-2025.yaml"
    edited = outline.read_text(encoding="utf-8").replace("title: Introduction", "title: Mon introduction", 1)
    outline.write_text(edited, encoding="utf-8")
    res = run("distill", "--force", "assets/ia-generative-2025/whitepaper.md")
    assert res.exit_code == 0, res.output
    backup = project / "outlines" / "ia-generative-2025.yaml.bak"
    assert backup.read_text(encoding="utf-8") == edited
    assert "ia-generative-2025.yaml.bak" in res.output
    assert "Mon introduction" not in outline.read_text(encoding="utf-8")


def test_outline_header_explains_levels_and_shrinking(project):
    run("distill", "assets/ia-generative-2025/whitepaper.md")
    head = (project / "outlines" / "ia-generative-2025.yaml").read_text(encoding="utf-8")[:1200]
    assert "each point only in the decks its own" in head and "levels: [practitioner, expert]" in head
    assert "first set smaller" in head and "continues on a next slide" in head


def test_divider_and_the_parts_opening_slide_are_not_duplicates(project):
    intro = " ".join(f"Caching layer fact number {i} keeps pages fast for every reader." for i in range(6))
    sub = " ".join(f"Eviction rule {i} drops the least used entries when memory runs short." for i in range(6))
    doc = write(project / "assets" / "cache" / "cache.md",
                f"---\ntitle: A guide\nlang: en\n---\n\n# 1. Caching\n\n{intro}\n\n## 1.1. Eviction\n\n{sub}\n\n"
                f"## 1.2. Warming\n\n{sub.replace('Eviction', 'Warming')}\n\n# 2. Costs\n\n{intro.replace('Caching', 'Cost')}\n")
    assert run("build", "--level", "expert", str(doc)).exit_code == 0
    deck = project / "output" / "cache" / "cache-expert.pptx"
    titles = [s.shapes.title.text for s in Presentation(str(deck)).slides]
    assert titles.count("Caching") >= 2  # the divider and the part's opening slide share the name
    assert "duplicate-title" not in run("check", str(deck)).output


def test_jobs_build_every_talk_and_report_the_failing_one(project):
    write(project / "assets" / "broken" / "broken.md", "---\ntitle: [unclosed\n---\n# A\n\nText.\n")
    shutil.copy(EXAMPLE, project / "assets" / "ia-generative-2025" / "whitepaper.md")
    res = CliRunner(mix_stderr=False).invoke(main, ["build", "--jobs", "2", "--level", "general"]) \
        if "mix_stderr" in CliRunner.__init__.__code__.co_varnames else \
        CliRunner().invoke(main, ["build", "--jobs", "2", "--level", "general"])
    assert res.exit_code == 1
    assert (project / "output" / "ia-generative-2025" / "ia-generative-2025-general.pptx").is_file()
    assert "broken" in res.output and "ia-generative-2025-general.pptx" in res.output


def test_the_cli_offers_the_distillers_there_are():
    from deckgen import cli
    from deckgen.llm.run import DISTILLERS

    assert cli.DISTILLERS == DISTILLERS
