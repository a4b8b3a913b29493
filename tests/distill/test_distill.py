"""distill: Document → Outline. Properties of the points, slides, glossary and references."""

from __future__ import annotations

import itertools
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import yake
from PIL import Image as PILImage

from deckgen.distill.shorten import shorten
from deckgen.distill.to_outline import document_to_outline, keyphrase_coverage
from deckgen.document import ListBlock, Paragraph, Quote, Section, block_text
from deckgen.outline.io import load_outline
from deckgen.outline.model import Outline
from deckgen.outline.save import dump_outline
from deckgen.parse.markdown import parse_document
from deckgen.textutil import words
from tests.conftest import write

HERE = Path(__file__).resolve().parent
EXAMPLE = HERE.parents[1] / "assets" / "ia-generative-2025" / "whitepaper.md"
FIXTURES = HERE / "fixtures"
LIMITS = {"general": 12, "practitioner": 16, "expert": 18}
MAX_POINTS = {"general": 3, "practitioner": 4, "expert": 6}

# Words a point may not end on (the brief's lists, per language).
END_STOP = {
    "fr": set(["le", "la", "les", "un", "une", "des", "du", "de", "d'", "à", "au", "aux", "en", "dans", "par", "pour", "sur", "avec", "et", "ou", "mais", "que", "qui", "dont", "ce", "cette", "ces", "son", "sa", "ses", "leur", "leurs"]),
    "en": set(["the", "a", "an", "of", "to", "in", "for", "on", "with", "by", "and", "or", "but", "that", "which", "this", "these", "its", "their", "from", "as", "at"]),
}


def distill(path: Path, **kw) -> tuple:
    doc = parse_document(path)
    outline = document_to_outline(doc, source_path=kw.get("source_path", "talk/doc.md"), source_sha256="0" * 64,
                                  cover_image=kw.get("cover_image"), cover_seed=3)
    return doc, outline


@pytest.fixture(scope="module")
def example() -> tuple:
    return distill(EXAMPLE, source_path="assets/ia-generative-2025/whitepaper.md",
                   cover_image="assets/ia-generative-2025/illustration-couverture.png")


@pytest.fixture(scope="module", params=sorted(p.name for p in FIXTURES.glob("*.md")))
def fixture_doc(request) -> tuple:
    return distill(FIXTURES / request.param)


def all_docs(example, fixture_doc):
    return [example, fixture_doc]


# --------------------------------------------------------------------------- helpers


ARTICLES = {"le", "la", "les", "the"}


def bare_words(text: str) -> list[str]:
    """Lower-case words without French elided articles ("l'innovation" → "innovation")."""
    out = []
    for w in words(text.lower().replace("’", "'")):
        out.append(re.sub(r"^(?:[ldjmnstc]|qu|jusqu|lorsqu|puisqu)'", "", w))
    return out


def section_text(section: Section, *, deep: bool = True) -> str:
    sections = section.walk() if deep else [section]
    return "\n".join(block_text(b) for s in sections for b in s.blocks)


def sections_by_id(doc) -> dict[str, Section]:
    return {s.id: s for s in doc.walk()}


def points_of(outline: Outline):
    for section, slide in outline.slides():
        for point in slide.points:
            yield section, slide, point
    for point in outline.takeaways:
        yield None, None, point


def content_words(text: str, lang: str) -> set[str]:
    stop = {w.lower() for w in yake.KeywordExtractor(lan=lang).stopword_set}
    return {w for w in bare_words(text) if w not in stop}


# --------------------------------------------------------------------------- the example: structure


def test_example_sections_roles_and_references(example):
    doc, outline = example
    assert [s.title for s in outline.sections] == [s.title for s in doc.sections if s.title != "Références"]
    roles = {s.title: s.role for s in outline.sections}
    assert roles["Introduction"] == "context"
    assert roles["Panorama des avancées technologiques"] == "technology"
    assert roles["Cas d'usage innovants"] == "use-cases"
    assert roles["Enjeux éthiques et sociétaux"] == "stakes"
    assert roles["Défis techniques et perspectives"] in ("stakes", "outlook")
    assert roles["Conclusion"] == "conclusion"
    refs = next(s for s in doc.sections if s.title == "Références")
    assert outline.references == tuple(i.text for b in refs.blocks for i in b.items)
    assert outline.meta.lang == "fr" and outline.audiences == ()
    assert outline.meta.cover is not None and outline.meta.cover.seed == 3
    assert outline.meta.cover.alt == doc.cover.alt
    assert outline.source_path == "assets/ia-generative-2025/whitepaper.md"


def test_example_slides_follow_the_section_tree(example):
    doc, outline = example
    src = {s.id: s for s in doc.sections}
    for section in outline.sections:
        top = src[section.id]
        assert section.number == top.number and section.line == top.line
        if not top.children:
            (slide,) = section.slides
            assert slide.id == top.id and slide.levels == ("general", "practitioner", "expert")
            continue
        overview, *rest = section.slides
        assert overview.kind == "summary" and overview.levels == ("general",) and overview.title == top.title
        assert 1 <= len(overview.points) <= 3
        assert [s.title for s in rest if s.kind == "content"] == [c.title for c in top.children]
        for slide, child in zip(rest, top.children):
            assert slide.levels == ("practitioner", "expert") and slide.line == child.line
            assert len([p for p in slide.points if "practitioner" in p.levels]) <= 4
            # 2, not 3: "La mutualisation des infrastructures, l'utilisation d'énergies renouvelables et …" is
            # too long once its three-item list is kept whole, and is not cut down to two items any more
            assert 2 <= len(slide.points) <= 6


def test_summary_notes_carry_the_full_section_text(example):
    doc, outline = example
    src = {s.id: s for s in doc.sections}
    for section in outline.sections:
        top = src[section.id]
        expected = Counter(bare_words(section_text(top)))
        notes = Counter(bare_words(section.slides[0].notes))
        kept = sum(min(n, notes[w]) for w, n in expected.items())
        assert kept >= 0.98 * sum(expected.values()), section.id


def test_example_keyphrase_coverage(example):
    """≥ 90% of each section's top-5 YAKE keyphrases appear in the expert points of that section."""
    doc, outline = example
    src = {s.id: s for s in doc.sections}
    extractor = yake.KeywordExtractor(lan="fr", n=3, top=15)
    stop = {w.lower() for w in extractor.stopword_set}
    covered = total = 0
    for section in outline.sections:
        top = src[section.id]
        text = " ".join(b.text if isinstance(b, Paragraph | Quote) else " ".join(i.text for i in b.items)
                        for s in top.walk() for b in s.blocks if isinstance(b, Paragraph | Quote | ListBlock))
        ranked = sorted(extractor.extract_keywords(text), key=lambda kv: kv[1])[:5]
        have = {w for sl in section.slides if "expert" in sl.levels
                for p in sl.points if "expert" in p.levels for w in bare_words(p.text)}
        for phrase, _ in ranked:
            need = [w for w in bare_words(phrase) if w not in stop]
            covered += all(w in have for w in need)
            total += 1
    assert covered / total >= 0.9
    per_section = keyphrase_coverage(doc, outline)
    assert sum(per_section.values()) / len(per_section) >= 0.9


def test_example_glossary(example):
    _, outline = example
    terms = [g.term.lower() for g in outline.glossary]
    for needed in ("lora", "qlora", "peft", "quantization", "fine-tuning", "deepfake", "hallucination"):
        assert any(needed in t for t in terms), needed
    assert "edge ai" in terms or "edge computing" in terms
    assert all(g.definition and len(words(g.definition)) <= 15 for g in outline.glossary)
    assert len(terms) == len(set(terms))
    by_term = {g.term.lower(): g for g in outline.glossary}
    hallucination = by_term["hallucination"]
    assert hallucination.source.startswith("robustesse-et-securite-des-modeles:L")
    assert "erronés ou incohérents" in hallucination.definition
    assert by_term["iag"].definition == "Intelligence artificielle générative."
    assert by_term["lora"].source == "data"
    # the planner finds a term in the deck by substring: the term must be spelled as in the text
    body = EXAMPLE.read_text(encoding="utf-8").lower()
    assert all(g.term.lower() in body for g in outline.glossary)


def test_example_takeaways_span_the_parts_and_never_copy_the_conclusion(example):
    doc, outline = example
    assert 3 <= len(outline.takeaways) <= 5
    conclusion = [p.text for s in outline.sections if s.role == "conclusion" for sl in s.slides for p in sl.points]
    parts = [p.source.split(":")[0] for p in outline.takeaways]
    tops = {sub.id: top.id for top in doc.sections for sub in top.walk()}
    assert len({tops[p] for p in parts}) == len(parts)  # at most one key message per part
    for point in outline.takeaways:
        assert point.levels == ("general", "practitioner", "expert")
        assert len(words(point.text)) <= 12
        assert point.text not in conclusion


def test_example_terms_on_slides(example):
    _, outline = example
    slide = next(sl for _, sl in outline.slides() if sl.id == "personnalisation-et-fine-tuning")
    assert {"fine-tuning", "LoRA", "QLoRA", "PEFT"} <= set(slide.terms)
    glossary = {g.term for g in outline.glossary}
    assert all(t in glossary or t.isupper() for _, sl in outline.slides() for t in sl.terms)


# --------------------------------------------------------------------------- points: properties on every document


def check_points(doc, outline: Outline) -> None:
    lang = doc.lang
    by_id = sections_by_id(doc)
    for section, slide, point in points_of(outline):
        n = len(words(point.text))
        limit = min(LIMITS[lv] for lv in point.levels)
        assert n <= limit, (point.text, point.levels)
        assert n >= 3, point.text
        last = bare_words(point.text)[-1]
        assert last not in END_STOP[lang] and words(point.text.lower())[-1] not in END_STOP[lang], point.text
        assert not point.text.rstrip().endswith((",", ":", ";", "…", "...")), point.text
        # faithful: the point only deletes words from one sentence of its source section
        m = re.fullmatch(r"([a-z0-9-]+):L(\d+)(?::s\d+)?", point.source)
        assert m, point.source
        src = by_id[m.group(1)]
        assert int(m.group(2)) in {b.line for b in src.blocks}
        source_words = set(bare_words(section_text(src, deep=False)))
        # a demonstrative may become the definite article ("Cette tâche" → "La tâche"): articles aside,
        # every word comes from the source
        missing = [w for w in bare_words(point.text) if w not in source_words and w not in ARTICLES]
        assert not missing, (point.text, missing)
        if slide is not None:
            assert set(point.levels) <= set(slide.levels), (slide.id, point)


def test_points_are_short_complete_and_faithful(example, fixture_doc):
    for doc, outline in all_docs(example, fixture_doc):
        check_points(doc, outline)


def test_points_per_level_and_no_near_duplicates(example, fixture_doc):
    for doc, outline in all_docs(example, fixture_doc):
        for _, slide in outline.slides():
            for level, most in MAX_POINTS.items():
                assert len([p for p in slide.points if level in p.levels]) <= most, (slide.id, level)
            for a, b in itertools.combinations(slide.points, 2):
                wa, wb = content_words(a.text, doc.lang), content_words(b.text, doc.lang)
                assert len(wa & wb) / len(wa | wb) < 0.6, (a.text, b.text)
            # the practitioner's points are among the expert's, the general's among both
            assert all("expert" in p.levels for p in slide.points if "practitioner" in p.levels)


def test_slides_have_unique_ids_titles_notes_and_lines(example, fixture_doc):
    for doc, outline in all_docs(example, fixture_doc):
        ids = [sl.id for _, sl in outline.slides()]
        assert len(ids) == len(set(ids))
        for _, slide in outline.slides():
            assert slide.title and slide.notes.strip() and slide.line > 0
            assert slide.kind in ("content", "summary", "table", "image", "quote", "code")


def test_dump_and_load_round_trip(example, fixture_doc, tmp_path):
    for i, (_, outline) in enumerate(all_docs(example, fixture_doc)):
        path = tmp_path / f"outline-{i}.yaml"
        path.write_text(dump_outline(outline), encoding="utf-8")
        assert load_outline(path) == outline


def test_deterministic_across_runs_and_hash_seeds(example):
    doc, outline = example
    again = document_to_outline(doc, source_path="assets/ia-generative-2025/whitepaper.md",
                                source_sha256="0" * 64,
                                cover_image="assets/ia-generative-2025/illustration-couverture.png", cover_seed=3)
    assert dump_outline(again) == dump_outline(outline)
    script = ("import sys; from pathlib import Path; from deckgen.parse import parse_document; "
              "from deckgen.distill import document_to_outline; from deckgen.outline import dump_outline; "
              "d = parse_document(Path(sys.argv[1])); "
              "sys.stdout.write(dump_outline(document_to_outline(d, source_path=sys.argv[2], "
              "source_sha256='0' * 64, cover_image=sys.argv[3], cover_seed=3)))")
    env = dict(os.environ, PYTHONHASHSEED="12345")
    out = subprocess.run([sys.executable, "-c", script, str(EXAMPLE), "assets/ia-generative-2025/whitepaper.md",
                          "assets/ia-generative-2025/illustration-couverture.png"],
                         capture_output=True, text=True, env=env, check=True, encoding="utf-8")
    assert out.stdout == dump_outline(outline)


# --------------------------------------------------------------------------- made-up documents


def test_english_report_table_code_and_references():
    doc, outline = distill(FIXTURES / "edge-ml-report.md")
    assert outline.meta.lang == "en" and outline.meta.title == "Machine Learning at the Edge"
    assert outline.meta.cover is None
    assert [s.title for s in outline.sections] == ["Introduction", "Architecture", "Risks and challenges",
                                                   "Conclusion"]
    assert [s.role for s in outline.sections] == ["context", "technology", "stakes", "conclusion"]
    assert len(outline.references) == 3 and outline.references[0].startswith("Smith, A. et al. (2023)")
    table = next(sl for _, sl in outline.slides() if sl.kind == "table")
    assert table.table is not None and table.table.header == ("Component", "Choice", "Reason")
    assert table.table.rows[0] == ("Runtime", "ONNX Runtime", "Portable across vendors")
    assert "Component: Runtime; Choice: ONNX Runtime; Reason: Portable across vendors." in table.notes
    assert table.levels == ("practitioner", "expert")
    gateway = next(sl for _, sl in outline.slides() if sl.id == "gateway-tier")
    assert "signature: ed25519" in gateway.notes  # code goes to the notes, verbatim…
    assert all("ed25519" not in p.text for _, sl in outline.slides() for p in sl.points)  # …never to points
    terms = {g.term.lower(): g for g in outline.glossary}
    assert "data drift" in terms and terms["data drift"].source.startswith("model-drift:L")
    assert {"quantization", "gdpr", "edge computing"} <= set(terms)
    assert terms["gdpr"].definition == "General Data Protection Regulation."  # the text's own expansion
    assert terms["gdpr"].source.startswith("cloud-tier:L") and terms["quantization"].source == "data"
    overview = next(sl for _, sl in outline.slides() if sl.id == "architecture-overview")
    # the section's own sentence before its subsections lives in the section notes, and in the overview
    assert outline.sections[1].notes.startswith("Our reference architecture splits")
    assert "Our reference architecture splits" in overview.notes
    # a subsection's text is in the overview's notes, unless it has a general slide of its own (few parts)
    cloud = next(sl for _, sl in outline.slides() if sl.id == "cloud-tier")
    assert ("2.3 Cloud tier" in overview.notes) != ("general" in cloud.levels)
    assert "The cloud tier retrains models" in cloud.notes


def test_french_short_document_without_front_matter():
    doc, outline = distill(FIXTURES / "ia-courte.md")
    assert outline.meta.lang == "fr" and outline.meta.title == "Petit guide du prompt"
    assert [s.title for s in outline.sections] == ["Pourquoi ce guide", "Les trois règles", "Limites"]
    assert outline.references[0].startswith("Dupont, M. (2024)")
    for section in outline.sections:
        (slide,) = section.slides
        assert slide.levels == ("general", "practitioner", "expert") and slide.points
    rules = outline.sections[1].slides[0]
    assert len(rules.points) >= 4  # the list items are sentences too
    assert not any(p.text.startswith("Par ailleurs") for p in rules.points)
    terms = {g.term.lower(): g for g in outline.glossary}
    assert terms["hallucination"].definition == "Affirmations fausses mais plausibles."
    assert terms["hallucination"].source.startswith("les-trois-regles:L")
    assert any("modèles de langage" in t for t in terms)
    assert len(outline.takeaways) >= 3


def test_deep_sections_become_expert_slides_and_a_citation_list_is_references():
    doc, outline = distill(FIXTURES / "deep-sections.md")
    assert [s.title for s in outline.sections] == ["Storage"]
    assert len(outline.references) == 2
    slides = {sl.id: sl for _, sl in outline.slides()}
    assert slides["lifecycle-rules"].levels == ("expert",) and slides["encryption"].levels == ("expert",)
    assert all(p.levels == ("expert",) for p in slides["encryption"].points)
    parent = slides["object-storage"]
    assert "Lifecycle rules move files" in parent.notes and "Keys are rotated" in parent.notes
    assert "Keys are rotated" in slides["encryption"].notes and "Lifecycle" not in slides["encryption"].notes
    assert len(outline.takeaways) >= 3  # no conclusion: the most central sentences of the document


def test_pictures_keep_their_file_and_missing_or_remote_ones_are_not_dropped(tmp_path, monkeypatch):
    # distill names each picture's file (api stores it relative to the outline); a missing or remote one is
    # kept too, so the build can warn about it instead of a mistyped path vanishing without a word
    monkeypatch.chdir(tmp_path)
    talk = tmp_path / "talk"
    (talk / "img").mkdir(parents=True)
    for name in ("chart.png", "map.png"):
        PILImage.new("RGB", (8, 8), "white").save(talk / "img" / name)
    write(talk / "doc.md", "# Report\n\n## Results\n\nSales grew by ten percent in the northern region last year, "
                           "driven by new customers in retail.\n\n![Sales by region](img/chart.png)\n\n"
                           "![Store map](img/map.png)\n\n![Remote](https://example.org/x.png)\n\n"
                           "![Typo](img/chrat.png)\n")
    doc, outline = distill(talk / "doc.md")
    slides = [sl for _, sl in outline.slides()]
    assert slides[0].picture is not None and slides[0].picture.path == str(talk / "img" / "chart.png")
    assert slides[0].picture.alt == "Sales by region"
    images = [sl for sl in slides if sl.kind == "image"]
    assert [sl.picture.path for sl in images] == [str(talk / "img" / "map.png"), "https://example.org/x.png",
                                                  str(talk / "img" / "chrat.png")]


def test_a_part_with_subsections_keeps_its_introduction_and_picture(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "img").mkdir()
    PILImage.new("RGB", (8, 8), "white").save(tmp_path / "img" / "map.png")
    intro = ("Our survey covered four hundred stores across the country during the whole of last year. "
             "Each store reported weekly sales, staffing levels and customer satisfaction scores. "
             "The results below compare the northern and southern regions on these three measures.")
    write(tmp_path / "doc.md", f"# Report\n\n## Regions\n\n{intro}\n\n![Store map](img/map.png)\n\n"
                               "### North\n\nNorthern stores grew sales by ten percent while keeping staff stable.\n\n"
                               "### South\n\nSouthern stores lost customers to online competitors in most cities.\n\n"
                               "## Sources\n\n- https://example.org/survey\n")
    doc, outline = distill(tmp_path / "doc.md")
    (section,) = outline.sections
    assert section.notes.startswith("Our survey covered") and outline.references == ("https://example.org/survey",)
    ids = [sl.id for sl in section.slides]
    assert ids == ["regions-overview", "regions-intro", "north", "south"]
    intro_slide = section.slides[1]
    assert intro_slide.levels == ("practitioner", "expert")
    assert intro_slide.picture.path == str(tmp_path / "img" / "map.png")
    assert len(intro_slide.points) == 3 and "### North" not in section.slides[0].notes
    # one part only: North and South get general slides of their own, which carry their text
    north, south = section.slides[2:]
    assert "general" in north.levels and "general" in south.levels
    assert "Northern stores" in north.notes and "Southern stores" not in section.slides[0].notes


# --------------------------------------------------------------------------- shortening, a few cases


@pytest.mark.parametrize("sentence, lang, limit, expected", [
    # a discourse opener and a trailing participial clause go
    ("Par ailleurs, l'IA générative facilite l'expérimentation et l'innovation dans les formats : elle permet "
     "de tester rapidement différentes approches.", "fr", 12,
     "L'IA générative facilite l'expérimentation et l'innovation dans les formats"),
    # a parenthetical goes
    ("L'intelligence artificielle générative (IAG) connaît une croissance fulgurante depuis 2022.", "fr", 12,
     "L'intelligence artificielle générative connaît une croissance fulgurante depuis 2022"),
    # an example list between commas goes
    ("Les modèles de fondation, tels que GPT-4, Gemini, Llama 3 ou Stable Diffusion XL, représentent une "
     "avancée majeure dans le domaine de l'IA générative.", "fr", 16,
     "Les modèles de fondation représentent une avancée majeure dans le domaine de l'IA générative"),
    # English: opener and "which" clause
    ("However, the cloud only receives aggregated statistics, which simplifies compliance with the GDPR and "
     "reduces the legal review needed for every new site.", "en", 12,
     "The cloud only receives aggregated statistics"),
])
def test_shortening_cases(sentence, lang, limit, expected):
    assert shorten(sentence, lang, limit)[0].text == expected


def test_shortening_refuses_rather_than_breaks():
    # no clause boundary leaves a complete phrase of 6 words or fewer: nothing rather than a stump
    assert shorten("Les entreprises et les créateurs doivent adapter leurs pratiques contractuelles et techniques.",
                   "fr", 6) == ()
    for option in shorten("The gateway aggregates data from up to two hundred devices and performs heavier "
                          "analytics, including anomaly detection and model monitoring.", "en", 12):
        assert words(option.text)[-1].lower() not in END_STOP["en"]
