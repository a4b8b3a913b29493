"""deckgen check: static findings on decks built with deliberate defects, the CLI, and --render."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.util import Inches, Pt

from deckgen.check.deck import (
    CheckReport,
    Finding,
    check_deck,
    contrast_ratio,
    format_report,
    parse_keywords,
)
from deckgen.commands_check import check_command
from deckgen.errors import InputError, RenderError
from tests.conftest import fixture_decks

decks = fixture_decks()
HAVE_RENDER = bool(shutil.which("soffice") and shutil.which("pdftotext"))
needs_render = pytest.mark.skipif(not HAVE_RENDER, reason="LibreOffice (soffice) or pdftotext missing")


@pytest.fixture(scope="module")
def defective(tmp_path_factory) -> Path:
    return decks.defective_deck(tmp_path_factory.mktemp("defects") / "defects.pptx")


@pytest.fixture(scope="module")
def clean(tmp_path_factory) -> Path:
    return decks.clean_deck(tmp_path_factory.mktemp("clean") / "clean.pptx")


@pytest.fixture(scope="module")
def defective_report(defective) -> CheckReport:
    return check_deck(defective)


def _at(report: CheckReport, code: str, slide: int | None) -> list[Finding]:
    return [f for f in report.findings if f.code == code and f.slide == slide]


# ---------------------------------------------------------------- defects, one per slide


@pytest.mark.parametrize("code,slide", sorted(decks.DEFECTS.items(), key=lambda kv: kv[1]))
def test_each_defect_is_named_on_its_slide(defective_report, code, slide):
    found = _at(defective_report, code, slide)
    assert found, f"{code} not reported on slide {slide}:\n{format_report(defective_report)}"
    assert all(f.message and "\n" not in f.message for f in found)


def test_defect_severities_and_shapes(defective_report):
    r = defective_report
    assert r.errors and r.slides == 10
    (ov,) = _at(r, "overflow", 2)
    assert ov.severity == "error" and ov.shape == "TextBox 2" and "'TextBox 2'" in ov.message
    (lc,) = _at(r, "low-contrast", 3)
    assert lc.severity == "error" and "#FFFFFF" in lc.message and "#FDE2B8" in lc.message
    (alt,) = _at(r, "no-alt-text", 4)
    assert alt.severity == "error" and alt.shape == "Picture 2"
    (off,) = _at(r, "off-slide", 5)
    assert off.severity == "error" and "right edge" in off.message
    assert {f.severity for f in _at(r, "empty-slide", 6)} == {"error"}
    assert _at(r, "no-title", 6)[0].severity == "error"
    assert _at(r, "no-notes", 7)[0].severity == "warning"
    auto = {f.shape: f.severity for f in _at(r, "autofit-no-scale", 8)}
    assert auto == {"TextBox 2": "warning", "TextBox 3": "error"}   # fits / does not fit at full size
    (small,) = _at(r, "small-text", 9)
    assert small.severity == "warning" and "10 pt" in small.message
    (dup,) = _at(r, "duplicate-title", 10)
    assert dup.severity == "warning" and "slide 2" in dup.message
    # nothing spurious on the clean first slide
    assert [f for f in r.findings if f.slide == 1] == []


def test_format_report_one_line_per_finding(defective_report):
    text = format_report(defective_report)
    lines = text.splitlines()
    assert lines[0].startswith("defects.pptx: 10 slides,")
    assert "slide 2: error overflow: text of 'TextBox 2' does not fit" in text
    assert len(lines) == 1 + len(defective_report.findings)


def test_to_json_round_trips(defective_report):
    data = json.loads(json.dumps(defective_report.to_json()))
    assert data["slides"] == 10 and data["ok"] is False
    assert data["errors"] == len(defective_report.errors)
    assert {"slide": 2, "severity": "error", "code": "overflow"}.items() <= data["findings"][0].items() or any(
        f["code"] == "overflow" and f["slide"] == 2 for f in data["findings"])


# ---------------------------------------------------------------- clean deck


def test_clean_deck_has_no_errors_or_warnings(clean):
    r = check_deck(clean)
    assert r.errors == ()
    assert [f for f in r.findings if f.severity != "info"] == [], format_report(r)
    assert r.estimated_minutes > 0 and r.target_minutes is None


# ---------------------------------------------------------------- inheritance, colours, geometry


def _deck_with(tmp_path: Path, build) -> CheckReport:
    prs = decks._new()
    s = decks._title_slide(prs, "Subject")
    build(prs, s)
    path = tmp_path / "one.pptx"
    prs.save(path)
    return check_deck(path)


def test_theme_colours_of_a_default_autoshape(tmp_path):
    # python-pptx's autoshape: fill from the style's fillRef (theme gradient of accent1), text from
    # its fontRef (lt1); a gradient counts by its worst stop (accent1 tinted 50 %)
    def build(prs, s):
        sh = s.shapes.add_shape(MSO_SHAPE.RECTANGLE, Inches(1), Inches(2), Inches(6), Inches(1.5))
        sh.text_frame.text = "White on accent blue"
        sh.text_frame.paragraphs[0].runs[0].font.size = Pt(24)
    r = _deck_with(tmp_path, build)
    (lc,) = _at(r, "low-contrast", 1)
    assert "#FFFFFF on #A7C0DE" in lc.message


def test_text_on_a_dark_card_uses_the_card_as_background(tmp_path):
    def build(prs, s):
        card = s.shapes.add_shape(MSO_SHAPE.RECTANGLE, Inches(1), Inches(2), Inches(8), Inches(3))
        card.fill.solid()
        card.fill.fore_color.rgb = RGBColor(0x33, 0x28, 0x4F)
        decks._textbox(s, Inches(1.5), Inches(2.5), Inches(6), Inches(1), "Light on dark", 24, colour="FFFFFF")
    r = _deck_with(tmp_path, build)
    assert _at(r, "low-contrast", 1) == []


def test_text_over_a_picture_is_not_sampled(tmp_path):
    def build(prs, s):
        pic = s.shapes.add_picture(__import__("io").BytesIO(decks.png_bytes()), Inches(1), Inches(2), Inches(6))
        pic._element.nvPicPr.cNvPr.set("descr", "Blue card with a purple circle")
        decks._textbox(s, Inches(1.5), Inches(2.5), Inches(4), Inches(1), "Caption", 24, colour="FFFFFF")
    r = _deck_with(tmp_path, build)
    assert _at(r, "low-contrast", 1) == [] and _at(r, "no-alt-text", 1) == []


def test_footer_text_is_info_not_warning(tmp_path):
    def build(prs, s):
        decks._textbox(s, Inches(0.5), Inches(7.0), Inches(6), Inches(0.35), "My talk · 2025", 12)
    r = _deck_with(tmp_path, build)
    (f,) = _at(r, "small-text", 1)
    assert f.severity == "info"


def test_shape_in_a_group_is_placed_through_the_group_transform(tmp_path):
    def build(prs, s):
        grp = s.shapes.add_group_shape()
        tb = grp.shapes.add_textbox(Inches(12), Inches(3), Inches(3), Inches(1))
        tb.text_frame.text = "Inside a group"
        tb.text_frame.paragraphs[0].runs[0].font.size = Pt(24)
    r = _deck_with(tmp_path, build)
    (off,) = _at(r, "off-slide", 1)
    assert off.shape == "TextBox 2" or "TextBox" in off.message


def test_decoration_bleeding_off_the_slide_is_info(tmp_path):
    def build(prs, s):
        blob = s.shapes.add_shape(MSO_SHAPE.OVAL, Inches(12.5), Inches(-0.5), Inches(2), Inches(2))
        blob.fill.solid()
        blob.fill.fore_color.rgb = RGBColor(0xCD, 0xB4, 0xDB)
    r = _deck_with(tmp_path, build)
    assert [f.severity for f in _at(r, "off-slide", 1)] == ["info"]


def test_font_scale_is_honoured(tmp_path):
    def build(prs, s):
        tb = decks._textbox(s, Inches(1), Inches(2), Inches(6), Inches(1.2), decks.words(40), 24)
        body_pr = tb.text_frame._txBody.bodyPr
        for child in list(body_pr):
            body_pr.remove(child)
        from lxml import etree
        etree.SubElement(body_pr, "{http://schemas.openxmlformats.org/drawingml/2006/main}normAutofit",
                         fontScale="40000", lnSpcReduction="20000")
    r = _deck_with(tmp_path, build)
    assert _at(r, "overflow", 1) == [] and _at(r, "autofit-no-scale", 1) == []
    (small,) = _at(r, "small-text", 1)
    assert "9.6 pt" in small.message and "40%" in small.message


def test_placeholder_size_inherited_from_master(tmp_path):
    # pandoc-like: body placeholder with no explicit size → 32 pt from the master's bodyStyle
    path = decks.pandoc_like_deck(tmp_path / "p.pptx", long_slides=(2,), slides=3)
    r = check_deck(path)
    (ov,) = _at(r, "overflow", 2)
    assert ov.severity == "error" and ov.shape == "Content Placeholder 2"
    assert _at(r, "overflow", 1) == [] and _at(r, "overflow", 3) == []
    assert not [f for f in r.findings if f.code == "small-text"]


def test_continuation_titles_are_not_duplicates(tmp_path):
    prs = decks._new()
    for t in ("Risques", "Risques (suite)", "Risks (cont.)", "Risques"):
        decks._title_slide(prs, t)
    prs.save(tmp_path / "t.pptx")
    r = check_deck(tmp_path / "t.pptx")
    assert [f.slide for f in r.findings if f.code == "duplicate-title"] == [4]


def test_contrast_ratio_matches_wcag():
    assert contrast_ratio((0, 0, 0), (1, 1, 1)) == pytest.approx(21.0)
    assert contrast_ratio((1, 1, 1), (1, 1, 1)) == pytest.approx(1.0)


# ---------------------------------------------------------------- timing and metadata


def test_parse_keywords_is_lenient():
    assert parse_keywords("deckgen; level=expert; target_minutes=45; lang=fr; wpm=130") == {
        "level": "expert", "target_minutes": "45", "lang": "fr", "wpm": "130"}
    assert parse_keywords("deckgen, Target: 20 min ,LANG = en")["target_minutes"] == "20 min"
    assert parse_keywords("") == {} and parse_keywords("just words") == {}


def test_timing_from_deck_metadata(tmp_path):
    path = decks.clean_deck(tmp_path / "meta.pptx", slides=4,
                            keywords="deckgen; level=expert; target_minutes=45; lang=fr; wpm=130")
    r = check_deck(path)
    assert r.target_minutes == 45 and r.words_per_minute == 130 and r.language == "fr"
    (t,) = _at(r, "timing", None)
    assert t.severity == "warning" and "too short" in t.message
    # an explicit target and rate override the metadata; within ±25 % is only info
    minutes = r.estimated_minutes
    r2 = check_deck(path, target_minutes=minutes * 1.1, words_per_minute=130)
    assert _at(r2, "timing", None)[0].severity == "info"


def test_time_cues_written_by_deckgen_take_precedence(tmp_path):
    prs = decks._new()
    decks._title_slide(prs, "Un", notes="Message clé : un\n[Temps ≈ 2 min 30 s · cumul 2 min 30 s]\n\n" + decks.words(20))
    decks._title_slide(prs, "Deux", notes="Key message: two\n[Time ≈ 45 s · total 3 min 15 s]\n\nShort.")
    decks._title_slide(prs, "Trois", notes="the talk goes on " * 50)   # no cue: 200 words at 150 wpm
    prs.core_properties.keywords = "deckgen; target_minutes=4; lang=en"
    prs.save(tmp_path / "cues.pptx")
    r = check_deck(tmp_path / "cues.pptx")
    assert r.estimated_minutes == pytest.approx(2.5 + 0.75 + 200 / 140, abs=0.05)
    (t,) = _at(r, "timing", None)
    assert t.severity == "info" and "time cues on 2 slides" in t.message


def test_info_notes_are_counted_unless_verbose(tmp_path):
    def build(prs, s):
        decks._textbox(s, Inches(0.5), Inches(7.0), Inches(6), Inches(0.35), "My talk · 2025", 12)
    r = _deck_with(tmp_path, build)
    short, full = format_report(r), format_report(r, verbose=True)
    assert "slide 1: info small-text" not in short and "1 small-text; see --verbose" in short
    assert "slide 1: info small-text: footer 'TextBox 2' is 12 pt" in full
    res = CliRunner().invoke(check_command, [str(tmp_path / "one.pptx"), "-v"])
    assert res.exit_code == 0 and "slide 1: info small-text" in res.output


def test_default_rate_follows_the_notes_language(tmp_path):
    prs = decks._new()
    s = decks._title_slide(prs, "Bonjour", notes="Les modèles de langue sont entraînés sur des textes et "
                           "ils produisent des réponses plausibles pour la plupart des questions. " * 20)
    prs.save(tmp_path / "fr.pptx")
    r = check_deck(tmp_path / "fr.pptx")
    assert r.language == "fr" and r.words_per_minute == 130


# ---------------------------------------------------------------- bad input


def test_not_a_pptx_is_an_input_error(tmp_path):
    bad = tmp_path / "bad.pptx"
    bad.write_text("not a zip")
    with pytest.raises(InputError) as exc:
        check_deck(bad)
    assert "bad.pptx" in str(exc.value) and "\n" not in str(exc.value)


# ---------------------------------------------------------------- CLI


def test_cli_reports_defects_and_exits_1(defective):
    res = CliRunner().invoke(check_command, [str(defective)])
    assert res.exit_code == 1, res.output
    assert "slide 2: error overflow:" in res.output
    assert "slide 4: error no-alt-text:" in res.output
    assert "slide 7: warning no-notes:" in res.output


def test_cli_json_is_one_document(defective):
    res = CliRunner().invoke(check_command, [str(defective), "--json", "--target", "20"])
    assert res.exit_code == 1
    data = json.loads(res.output)
    (deck,) = data["decks"]
    assert data["ok"] is False and deck["target_minutes"] == 20
    assert {(f["slide"], f["code"]) for f in deck["findings"]} >= {(s, c) for c, s in decks.DEFECTS.items()}


def test_cli_clean_deck_exits_0(clean):
    res = CliRunner().invoke(check_command, [str(clean)])
    assert res.exit_code == 0, res.output
    assert "0 errors" in res.output


def test_cli_error_is_one_line_without_traceback(tmp_path):
    bad = tmp_path / "notes.txt"
    bad.write_text("hello")
    res = CliRunner().invoke(check_command, [str(bad)])
    assert res.exit_code == 1
    assert "Traceback" not in res.output
    assert res.output.strip().startswith("Error:") and len(res.output.strip().splitlines()) == 1


# ---------------------------------------------------------------- LibreOffice plumbing (no soffice needed)


def test_missing_soffice_is_a_clear_render_error(tmp_path, monkeypatch, clean):
    from deckgen.check import rendered as render_check
    monkeypatch.setenv("DECKGEN_SOFFICE", str(tmp_path / "no-such-soffice"))
    assert render_check.soffice_path() is None
    with pytest.raises(RenderError) as exc:
        render_check.render_pdf(clean, tmp_path / "out")
    assert "apt-get install libreoffice-impress" in str(exc.value)


@pytest.mark.skipif(sys.platform == "win32", reason="shell script stands in for soffice")
@pytest.mark.parametrize("script,timeout,expect", [
    ("#!/bin/sh\necho 'Error: source file could not be loaded' >&2\nexit 1\n", 30, "could not convert"),
    ("#!/bin/sh\nfor a; do case $a in --outdir) ;; esac; done\nsleep 30\n", 1, "within 1 s"),
])
def test_failed_render_leaves_nothing_behind(tmp_path, monkeypatch, clean, script, timeout, expect):
    from deckgen.check import rendered as render_check
    fake = tmp_path / "soffice"
    fake.write_text(script)
    fake.chmod(0o755)
    monkeypatch.setenv("DECKGEN_SOFFICE", str(fake))
    out = tmp_path / "out"
    with pytest.raises(RenderError) as exc:
        render_check.render_pdf(clean, out, timeout=timeout)
    assert expect in str(exc.value)
    assert list(out.iterdir()) == []


def test_parse_bbox_layout():
    from deckgen.check.rendered import parse_bbox_layout
    xhtml = ('<doc><page width="960.000000" height="540.000000"><flow><block><line>'
             '<word xMin="10.5" yMin="20" xMax="40" yMax="44">R&amp;D</word>'
             '<word xMin="45" yMin="20" xMax="80" yMax="44">l’IA</word></line></block></flow></page>'
             '<page width="960.000000" height="540.000000"></page></doc>')
    pages = parse_bbox_layout(xhtml)
    assert len(pages) == 2 and pages[0].width == 960 and pages[1].words == ()
    assert [w.text for w in pages[0].words] == ["R&D", "l’IA"] and pages[0].words[0].x0 == 10.5


# ---------------------------------------------------------------- real LibreOffice render


@pytest.mark.render
@needs_render
def test_render_finds_pandoc_like_overflow(tmp_path):
    path = decks.pandoc_like_deck(tmp_path / "pandoc.pptx", long_slides=(2, 4), slides=5)
    res = CliRunner().invoke(check_command, [str(path), "--render", "--json"])
    assert res.exit_code == 1, res.output
    findings = json.loads(res.output)["decks"][0]["findings"]
    rendered = [f for f in findings if f["code"] == "overflow-render"]
    assert sorted(f["slide"] for f in rendered) == [2, 4]
    assert all(f["severity"] == "error" and f["shape"] == "Content Placeholder 2" for f in rendered)
    assert all("below its box" in f["message"] for f in rendered)


@pytest.mark.render
@needs_render
def test_render_clean_deck_has_no_overflow(clean):
    r = check_deck(clean, render=True)
    assert r.rendered and r.errors == (), format_report(r)
    assert not [f for f in r.findings if f.code == "overflow-render"]


@pytest.mark.render
@needs_render
def test_render_overflow_of_a_text_box(defective_report, defective):
    r = check_deck(defective, render=True)
    found = _at(r, "overflow-render", 2)
    assert found and found[0].shape == "TextBox 2"
    # only the wall of text overflows in LibreOffice's drawing
    assert {f.slide for f in r.findings if f.code == "overflow-render"} == {2}


# ---------------------------------------------------------------- a talk, built through deckgen.api


def test_cli_checks_every_deck_of_a_talk(project):
    pytest.importorskip("deckgen.api")
    res = CliRunner().invoke(check_command, ["assets/ia-generative-2025", "--json"])
    assert "Traceback" not in res.output
    data = json.loads(res.output)
    assert data["decks"] and res.exit_code == (0 if data["ok"] else 1)
    assert len(data["decks"]) == 3
    for deck in data["decks"]:
        assert deck["deck"].endswith(".pptx") and deck["target_minutes"] > 0
        assert any(f["code"] == "timing" for f in deck["findings"])
    # check reads: the decks were built in a temporary folder, nothing is left in the project
    assert not (project / "output").exists() and not list((project / "outlines").iterdir())
    assert not list((project / "assets" / "ia-generative-2025").glob("*.png"))  # nor the cover
    assert not Path(data["decks"][0]["deck"]).exists()


@needs_render
@pytest.mark.render
@pytest.mark.skipif(not shutil.which("pandoc"), reason="pandoc not installed")
def test_pandoc_deck_of_the_whitepaper_is_reported(tmp_path):
    import subprocess

    from tests.conftest import EXAMPLE

    deck = tmp_path / "pandoc.pptx"
    subprocess.run(["pandoc", EXAMPLE.name, "-o", str(deck)], cwd=EXAMPLE.parent, check=True,
                   capture_output=True, timeout=120)
    report = check_deck(deck, render=True)
    runs_off = {f.slide for f in report.findings if f.code == "overflow-render"}
    assert len(runs_off) >= 5  # pandoc puts whole sections of prose on one slide
    assert report.errors
