from __future__ import annotations

import pytest

from deckgen.document import Code, Image, ListBlock, Table, block_text
from deckgen.errors import InputError, ParseError
from deckgen.parse.markdown import parse_document
from deckgen.textutil import words
from tests.conftest import write


def test_example_metadata(example_md):
    doc = parse_document(example_md)
    assert doc.title == "L'IA Générative en 2025"
    assert doc.subtitle == "Avancées, Usages et Enjeux"
    assert doc.author == "EP, Chercheur IA"
    assert doc.date == "Septembre 2025"
    assert doc.lang == "fr"
    assert doc.cover is not None and doc.cover.path.name == "illustration-couverture.png"
    assert "cerveau numérique" in doc.cover.alt


def test_example_structure_drops_title_block_and_toc(example_md):
    doc = parse_document(example_md)
    top = [(s.number, s.title) for s in doc.sections]
    assert top[0] == ("1", "Introduction")
    assert ("7", "Références") in top
    assert all("Sommaire" not in s.title for s in doc.walk())
    fondation = next(s for s in doc.walk() if s.number == "2.1")
    assert fondation.title == "Modèles de fondation (Foundation Models)"
    assert fondation.depth == 2 and fondation.line == 56
    refs = next(s for s in doc.sections if s.title == "Références")
    assert isinstance(refs.blocks[0], ListBlock) and len(refs.blocks[0].items) == 3
    body = " ".join(block_text(b) for s in doc.walk() for b in s.blocks)
    assert "Auteur" not in body and "Sommaire" not in body


def test_no_front_matter_title_from_single_h1(tmp_path):
    doc = parse_document(write(tmp_path / "note.md", "# My Study\n\nIntro text here.\n\n## Results\n\nIt works.\n"))
    assert doc.title == "My Study" and doc.lang == "en"
    assert [s.title for s in doc.sections] == ["Overview", "Results"]
    assert "Intro text here." in block_text(doc.sections[0].blocks[0])


def test_several_h1_without_title_block_keep_all_as_sections(tmp_path):
    doc = parse_document(write(tmp_path / "my-notes.md", "# Alpha\n\nText one.\n\n# Beta\n\nText two.\n"))
    assert doc.title == "My notes"
    assert [s.title for s in doc.sections] == ["Alpha", "Beta"]


def test_top_level_h2_and_code_block_hash_is_not_a_heading(tmp_path):
    src = ("---\ntitle: Guide\nlang: en\n---\n\n## Setup\n\nRun this:\n\n```bash\n# not a heading\nmake\n```\n\n"
           "## Use\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n![chart](chart.png)\n\n<div>Some <b>html</b></div>\n")
    doc = parse_document(write(tmp_path / "g.md", src))
    assert [s.title for s in doc.sections] == ["Setup", "Use"]
    assert all(s.depth == 1 for s in doc.sections)
    code = [b for b in doc.sections[0].blocks if isinstance(b, Code)][0]
    assert "# not a heading" in code.text
    use = doc.sections[1]
    table = next(b for b in use.blocks if isinstance(b, Table))
    assert table.header == ("a", "b") and table.rows == (("1", "2"),)
    image = next(b for b in use.blocks if isinstance(b, Image))
    assert image.alt == "chart" and image.path == (tmp_path / "chart.png").resolve()
    assert any("Some html" in block_text(b) for b in use.blocks)


def test_unique_section_ids_and_source_lines(tmp_path):
    doc = parse_document(write(tmp_path / "d.md", "# T\n\n## A\n\nx\n\n## A\n\ny\n"))
    ids = [s.id for s in doc.walk()]
    assert len(ids) == len(set(ids))
    assert [s.line for s in doc.sections] == [3, 7]


@pytest.mark.parametrize("content, message", [
    (b"\xff\xfe\x00bad", "binary file"),  # NUL bytes: not text
    (b"caf\xe9\n", "not UTF-8"),           # Latin-1 bytes
])
def test_bad_bytes_are_clear_errors(tmp_path, content, message):
    p = tmp_path / "bad.md"
    p.write_bytes(content)
    with pytest.raises(InputError, match=message) as info:
        parse_document(p)
    assert "bad.md" in str(info.value)


def test_missing_file_and_bad_front_matter(tmp_path):
    with pytest.raises(InputError, match="file not found"):
        parse_document(tmp_path / "nope.md")
    p = write(tmp_path / "fm.md", "---\ntitle: [unclosed\n---\n\n# T\n\ntext\n")
    with pytest.raises(ParseError) as info:
        parse_document(p)
    assert str(info.value).startswith(f"{p}:")


def test_huge_file_is_refused(tmp_path):
    p = tmp_path / "huge.md"
    p.write_bytes(b"a " * (5 * 1024 * 1024))
    with pytest.raises(InputError, match="too large"):
        parse_document(p)


def test_body_words_all_kept(example_md):
    doc = parse_document(example_md)
    n = sum(len(words(block_text(b))) for s in doc.walk() for b in s.blocks)
    assert 1850 < n < 1950


def test_remote_badges_are_not_a_cover(tmp_path):
    src = ("# Tool\n\n[![Chat](https://badges.example/chat.svg)](https://chat.example)\n\n"
           "![logo](logo.png)\n\nTool does things.\n\n## Usage\n\nRun it.\n")
    doc = parse_document(write(tmp_path / "README.md", src))
    assert doc.cover is not None and doc.cover.src == "logo.png"
    assert all("badges" not in str(b) for s in doc.walk() for b in s.blocks)


def test_a_document_past_the_word_limit_is_refused_before_parsing(tmp_path):
    from deckgen.parse import parse_markdown
    from deckgen.parse.source import MAX_WORDS
    source = "# Long\n\n" + "word " * (MAX_WORDS + 1)
    with pytest.raises(ParseError, match="too long for one talk"):
        parse_markdown(source, tmp_path / "long.md")


def test_admonitions_keep_their_content_not_their_label(tmp_path):
    doc = parse_document(write(tmp_path / "guide.md", (
        "# Guide\n\n## Part\n\nIntro paragraph about the topic at hand.\n\n"
        "::: tip Quelle quantité de données retirer ?\nGarder le moins de données possible.\n:::\n\n"
        "> [!NOTE]\n> Useful information that readers should know.\n\n> A real quote.\n")))
    blocks = doc.sections[0].blocks
    texts = [getattr(b, "text", "") for b in blocks]
    assert "Garder le moins de données possible." in texts
    assert "Useful information that readers should know." in texts
    assert not any(":::" in t or "[!NOTE]" in t or t.startswith("tip") for t in texts)
    assert [type(b).__name__ for b in blocks].count("Quote") == 1


DSFR_GUIDELINES = """# Bouton

## Personnalisation

Les boutons ne sont pas personnalisables.

::::dsfr-doc-guidelines

:::dsfr-doc-guideline[✅ À faire]{col=6 valid=true}

![](../_asset/custom/do-1.png)

Utiliser uniquement la couleur bleue pour les boutons primaires.

:::

:::dsfr-doc-guideline[❌ À ne pas faire]{col=6 valid=false}

![](../_asset/custom/dont-1.png)

Ne pas personnaliser la couleur des boutons primaires.

:::

::::

::::dsfr-doc-guidelines

:::dsfr-doc-guideline[✅ À faire]{col=6 valid=true}

Conserver un fond transparent pour les boutons tertiaires.

:::

:::dsfr-doc-guideline[❌ À ne pas faire]{col=6 valid=false}

Ne pas appliquer un fond aux boutons tertiaires.

:::

::::
"""


def test_do_and_dont_guidelines_become_one_two_column_table(tmp_path):
    doc = parse_document(write(tmp_path / "bouton.md", DSFR_GUIDELINES))
    blocks = doc.sections[0].blocks
    (table,) = [b for b in blocks if isinstance(b, Table)]
    # the marks go, the titles stay; the second pair joins the first: one comparison, two rows
    assert table.header == ("✔ À faire", "✘ À ne pas faire")
    assert table.rows == (("Utiliser uniquement la couleur bleue pour les boutons primaires.",
                           "Ne pas personnaliser la couleur des boutons primaires."),
                          ("Conserver un fond transparent pour les boutons tertiaires.",
                           "Ne pas appliquer un fond aux boutons tertiaires."))
    assert [b.src for b in blocks if isinstance(b, Image)] == ["../_asset/custom/do-1.png",
                                                                "../_asset/custom/dont-1.png"]
    assert not any("boutons tertiaires" in getattr(b, "text", "") for b in blocks)  # said once, in the table


def test_a_lone_do_or_a_guideline_holding_a_list_stays_as_written(tmp_path):
    doc = parse_document(write(tmp_path / "guide.md", (
        "# Guide\n\n## Part\n\nIntro paragraph about the topic at hand.\n\n"
        "::: do\nKeep one primary button per group.\n:::\n\n"
        "Some text between them.\n\n"
        "::: dont\n- Mix sizes in a group\n- Disable a button\n:::\n")))
    blocks = doc.sections[0].blocks
    assert not any(isinstance(b, Table) for b in blocks)
    assert "Keep one primary button per group." in [getattr(b, "text", "") for b in blocks]
    assert any(isinstance(b, ListBlock) for b in blocks)


def test_english_do_and_dont_containers_pair_up_once_per_section(tmp_path):
    pair = "::: tip Do\nUse {0} for button labels.\n:::\n\n::: warning Don't\nUse {1} for button labels.\n:::\n\n"
    doc = parse_document(write(tmp_path / "guide.md", (
        "# Guide\n\n## Buttons\n\nButtons start actions.\n\n" + pair.format("sentence case", "all caps")
        + "Labels name the action.\n\n" + pair.format("verbs", "nouns")
        + "## Links\n\nLinks go somewhere.\n\n" + pair.format("plain words", "'click here'"))))
    buttons, links = ([b for b in s.blocks if isinstance(b, Table)] for s in doc.sections)
    # one comparison per section, where its first pair stands; another section has its own
    assert [t.header for t in buttons] == [("✔ Do", "✘ Don't")]
    assert buttons[0].rows == (("Use sentence case for button labels.", "Use all caps for button labels."),
                               ("Use verbs for button labels.", "Use nouns for button labels."))
    assert [t.rows for t in links] == [(("Use plain words for button labels.", "Use 'click here' for button labels."),)]
