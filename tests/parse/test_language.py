"""detect_language reads the first words of a text: from its head, the same words as from all of it."""

from __future__ import annotations

import random

from deckgen.language import _leading_words, detect_language
from deckgen.textutil import words


def test_the_head_gives_the_first_words_of_the_whole_text():
    rng = random.Random(5)
    vocabulary = ["le", "the", "l’IA", "d'un", "state-of-the-art", "ΣΑΣ", "İstanbul", "x", "données", "42",
                  "—", "...", "\n\n", "Straße"]
    for _ in range(200):
        text = " ".join(rng.choice(vocabulary) for _ in range(rng.randint(0, 3000)))
        for count in (1, 7, 100, 1000):
            assert _leading_words(text, count) == words(text.lower())[:count]


def test_language_of_a_long_text_is_that_of_its_head():
    french = "Le modèle est entraîné sur des données et il est évalué par les équipes. " * 2000
    english = "The model is trained on data and it is evaluated by the teams. " * 2000
    assert detect_language(french + english) == "fr"
    assert detect_language(english + french) == "en"
