"""The cover motif follows what a talk is about, in French and English; the outline may override it."""

from __future__ import annotations

from pathlib import Path

import pytest

from deckgen.cover import MOTIFS
from deckgen.cover.vocabulary import choose_motif, cover_motif, motif_scores
from deckgen.outline import load_outline
from deckgen.outline.model import Cover, Meta, Outline, OutlineSection, Point, Slide

REPO = Path(__file__).resolve().parents[2]

CASES = [
    ("brain", "en", "How neural networks and large language models (LLM) changed machine learning; "
                    "generative AI in practice"),
    ("brain", "fr", "L'intelligence artificielle générative : réseaux de neurones, IA et modèles de langage"),
    ("network", "en", "Running Kafka brokers in a distributed cluster: producers, consumers and the API"),
    ("network", "fr", "Un réseau distribué de microservices : serveurs, API et messagerie entre nœuds"),
    ("flow", "en", "Our data pipeline: the workflow, each process step and the deployment lifecycle"),
    ("flow", "fr", "Le processus de déploiement : un pipeline, les flux, chaque étape et le cycle de vie"),
    ("geometric", "en", "A design system: components on a grid, typography and accessibility"),
    ("geometric", "fr", "Le système de design de l'État : composants, grille, typographie et accessibilité"),
    ("organic", "en", "Terms of use: the law, privacy, personal data and the health of people"),
    ("organic", "fr", "Conditions générales d'utilisation (CGU) : la loi, les droits des personnes, la santé"),
]


@pytest.mark.parametrize("motif,lang,text", CASES, ids=[f"{m}-{lang}" for m, lang, _ in CASES])
def test_vocabulary_picks_the_motif(motif, lang, text):
    assert choose_motif(text, seed=0)[0] == motif


def test_neural_network_is_about_ai_not_networking():
    scores = motif_scores("un réseau de neurones, des réseaux de neurones, a neural network")
    assert scores["brain"] == 3 and scores["network"] == 0


def test_words_that_only_look_alike_do_not_count():
    # "désigné" is not "design", a link is not HTTP, "j'ai" is not AI
    scores = motif_scores("Le délégué désigné par l'équipe, j'ai lu https://example.org/api/network")
    assert scores["geometric"] == 0 and scores["network"] == 0 and scores["brain"] == 0


def test_a_text_without_a_theme_gets_a_motif_by_seed():
    chosen = {choose_motif("Bonjour à tous, merci d'être venus.", seed)[0] for seed in range(len(MOTIFS))}
    assert chosen == set(MOTIFS)
    assert "seed" in choose_motif("Hello", 3)[1]


def _outline(motif: str = "") -> Outline:
    points = tuple(Point(t) for t in ("Kafka brokers replicate partitions across the cluster",
                                      "Consumers read from a distributed log through the API"))
    return Outline(Meta("Event streaming", cover=Cover("c.png", "alt", 4, motif)),
                   (OutlineSection("s", "Kafka in production", "1", (Slide("a", "Brokers", points=points),)),))


def test_outline_words_choose_and_the_outline_overrides():
    assert cover_motif(_outline())[0] == "network"
    assert cover_motif(_outline("organic")) == ("organic", "set in the outline")


def test_the_example_talk_keeps_its_brain():
    assert cover_motif(load_outline(REPO / "outlines" / "ia-generative-2025.yaml"))[0] == "brain"


def test_cover_command_draws_the_motif_asked_for(tmp_path, monkeypatch):
    from click.testing import CliRunner
    from PIL import Image

    from deckgen.cli import main
    from deckgen.cover import draw_cover
    from deckgen.cover.from_theme import cover_palette
    from deckgen.theme.loader import load_theme

    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    result = runner.invoke(main, ["cover", "--out", "g.png", "--seed", "4", "--size", "640x360",
                                  "--motif", "geometric"])
    assert result.exit_code == 0, result.output
    drawn = Image.open(tmp_path / "g.png").convert("RGB")
    assert drawn.tobytes() == draw_cover(seed=4, size=(640, 360), motif="geometric",
                                            palette=cover_palette(load_theme("pastel"))).tobytes()
    assert runner.invoke(main, ["cover", "--out", "x.png", "--motif", "spiral"]).exit_code != 0
