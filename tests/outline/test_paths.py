"""The one rule for an outline's paths: relative to the outline file, pictures only from the talk's folders."""
from __future__ import annotations

from pathlib import Path

from deckgen.outline.paths import stored_path, talk_files


def _talk(tmp_path: Path):
    (tmp_path / "proj" / "outlines").mkdir(parents=True)
    (tmp_path / "proj" / "assets" / "t").mkdir(parents=True)
    (tmp_path / "proj" / "assets" / "t" / "doc.md").write_text("# T\n", encoding="utf-8")
    (tmp_path / "proj" / "assets" / "t" / "fig.png").write_bytes(b"png")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "secret.png").write_bytes(b"png")
    return talk_files(tmp_path / "proj" / "outlines" / "t.yaml", "../assets/t/doc.md")


def test_stored_paths_are_relative_to_the_outline(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path / "..")
    outline = tmp_path / "proj" / "outlines" / "t.yaml"
    assert stored_path(tmp_path / "proj" / "assets" / "t" / "doc.md", outline) == "../assets/t/doc.md"
    assert stored_path(tmp_path / "proj" / "outlines" / "c.png", outline) == "c.png"


def test_pictures_resolve_against_the_outline_and_stay_in_the_talk(tmp_path, monkeypatch):
    files = _talk(tmp_path)
    monkeypatch.chdir(tmp_path / "elsewhere")  # the current folder plays no part
    assert files.source == (tmp_path / "proj" / "assets" / "t" / "doc.md").resolve()
    assert files.picture("../assets/t/fig.png") == ((tmp_path / "proj/assets/t/fig.png").resolve(), "")
    assert files.picture("../assets/t/nope.png") == (None, "not found")
    for ref in ("../../elsewhere/secret.png", str(tmp_path / "elsewhere" / "secret.png"), "/etc/passwd"):
        assert files.picture(ref)[0] is None and "outside the talk" in files.picture(ref)[1]
    assert "remote" in files.picture("https://example.org/a.png")[1]
    (tmp_path / "proj" / "assets" / "t" / "link.png").symlink_to(tmp_path / "elsewhere" / "secret.png")
    assert files.picture("../assets/t/link.png")[0] is None  # the link is followed, then refused


def test_generated_cover_only_where_deckgen_owns(tmp_path):
    files = _talk(tmp_path)
    assert files.owns(tmp_path / "proj" / "outlines" / "t-cover.png")
    assert files.owns(tmp_path / "proj" / "assets" / "t" / "cover.png")  # the talk's assets folder
    assert not files.owns(tmp_path / "elsewhere" / "cover.png")
    outside = talk_files(tmp_path / "proj" / "outlines" / "t.yaml", source=tmp_path / "elsewhere" / "doc.md")
    assert not outside.owns(tmp_path / "elsewhere" / "cover.png")  # never beside a document outside
    assert outside.fallback_cover() == (tmp_path / "proj" / "outlines" / "t-cover.png").resolve()


def test_an_absolute_source_path_is_not_trusted_as_a_picture_folder(tmp_path):
    _talk(tmp_path)
    files = talk_files(tmp_path / "proj" / "outlines" / "t.yaml", str(tmp_path / "elsewhere" / "doc.md"))
    assert files.source is None and files.picture("../../elsewhere/secret.png")[0] is None
