"""The three decks planned from the committed example outline: timing, structure, limits."""
from __future__ import annotations

import pytest

from deckgen.outline.io import load_outline
from deckgen.plan.planner import outline_to_plan
from deckgen.textutil import words
from deckgen.theme.loader import load_theme
from tests.conftest import REPO

OUTLINE = REPO / "outlines" / "ia-generative-2025.yaml"


@pytest.fixture(scope="module")
def plans():
    outline, theme = load_outline(OUTLINE), load_theme("pastel")
    return {lv: outline_to_plan(outline, lv, theme, slug="ia-generative-2025", root=REPO)
            for lv in ("general", "practitioner", "expert")}


@pytest.mark.parametrize("level", ["general", "practitioner", "expert"])
def test_estimate_within_a_quarter_of_the_target(plans, level):
    plan = plans[level]
    assert abs(plan.estimated_minutes - plan.target_minutes) <= 0.25 * plan.target_minutes


def test_decks_differ_in_structure_not_only_length(plans):
    kinds = {lv: {s.kind for s in p.slides} for lv, p in plans.items()}
    assert "glossary" in kinds["general"] and "section" not in kinds["general"]
    assert "section" in kinds["practitioner"] and "glossary" not in kinds["practitioner"]
    assert "references" in kinds["expert"] and "references" not in kinds["practitioner"]
    refs = {lv: [s.ref for s in p.slides if s.kind in ("content", "summary")] for lv, p in plans.items()}
    assert not set(refs["general"]) & set(refs["expert"]) - {"introduction", "conclusion"}


def test_practitioners_hear_use_cases_and_stakes_before_the_technology(plans):
    agenda = [i.text for s in plans["practitioner"].slides if s.kind == "agenda" for i in s.items]
    assert agenda.index("Cas d'usage innovants") < agenda.index("Panorama des avancées technologiques")
    assert agenda.index("Enjeux éthiques et sociétaux") < agenda.index("Panorama des avancées technologiques")
    expert = [i.text for s in plans["expert"].slides if s.kind == "agenda" for i in s.items]
    assert expert.index("Panorama des avancées technologiques") < expert.index("Cas d'usage innovants")


@pytest.mark.parametrize("level, most_points, most_words", [
    ("general", 3, 12),       # newcomers: few, short points
    ("practitioner", 4, 16),
    ("expert", 6, 18),
])
def test_points_per_slide_and_words_per_point(plans, level, most_points, most_words):
    for s in plans[level].slides:
        if s.kind in ("content", "summary"):
            assert len(s.items) <= most_points
            assert all(len(words(i.text)) <= most_words for i in s.items), s.title


def test_glossary_explains_the_jargon(plans):
    pages = [s for s in plans["general"].slides if s.kind == "glossary"]
    terms = {row[0] for s in pages for row in s.table.rows}
    # the words the deck shows a newcomer come first (card headings included: "Personnalisation et
    # fine-tuning", "Génération en temps réel et edge AI", "Désinformation et deepfakes"), then acronyms
    for term in ("modèles de fondation", "fine-tuning", "edge AI", "deepfake", "open source"):
        assert term in terms
    # "multimodaux" is only in a point the overview's cards do not show, and LoRA only in the notes
    assert not terms & {"multimodaux", "LoRA", "QLoRA", "PEFT"}
    # never more terms than the talk has content slides, at most five on a slide, pages balanced
    told = [s for s in plans["general"].slides if s.kind in ("content", "summary")]
    assert len(terms) <= max(5, len(told)) and len(pages) <= 2
    assert all(len(s.table.rows) <= 5 for s in pages)
    assert max(len(s.table.rows) for s in pages) - min(len(s.table.rows) for s in pages) <= 1


def test_notes_open_with_key_message_and_time_cue(plans):
    for plan in plans.values():
        for s in plan.slides:
            first, second = s.notes.split("\n")[:2]
            assert first.startswith("Message clé\u00a0: ")
            assert second.startswith("[Temps ≈ ")


@pytest.mark.parametrize("level", ["practitioner", "expert"])
def test_overview_cards_do_not_repeat_the_slides_that_follow(plans, level):
    shown = {" ".join(words(i.text)).lower() for s in plans[level].slides if s.kind == "content" for i in s.items}
    lines = [c.line for s in plans[level].slides if s.kind == "summary" for c in s.cards if c.line]
    assert not [ln for ln in lines if " ".join(words(ln)).lower() in shown]


@pytest.mark.parametrize("level", ["general", "practitioner", "expert"])
def test_takeaways_are_three_or_four_messages_at_every_level(plans, level):
    (tk,) = [s for s in plans[level].slides if s.kind == "takeaways"]
    assert 2 <= len(tk.items) <= 4
    assert tk.layout == "cards" or max(len(i.text.split()) for i in tk.items) > 14
