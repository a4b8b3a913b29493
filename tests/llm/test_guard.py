"""The faithfulness guard: numbers, names and content words of a point must be in its source."""

from __future__ import annotations

import pytest

from deckgen.distill.sentences import stopwords
from deckgen.llm.guard import SourceIndex, check_point, fold, fold_words, numbers, stem

FR = ("Les modèles de fondation, tels que GPT-4, Gemini, Llama 3 ou Stable Diffusion XL, représentent une "
      "avancée majeure dans le domaine de l'IA générative. En 2025, 70 % des entreprises l'utilisent, soit "
      "1 000 000 de postes et 70,5 milliards d'euros. Les chercheurs européens publient davantage.")
EN = "In 2024, 1,200 companies deployed large language models; adoption grew by 35% in Europe."


@pytest.fixture(scope="module")
def fr():
    return SourceIndex.of(FR), fold_words(stopwords("fr"))


@pytest.fixture(scope="module")
def en():
    return SourceIndex.of(EN), fold_words(stopwords("en"))


@pytest.mark.parametrize("point", [
    "GPT-4, Gemini et Llama 3 : une avancée majeure de l’IA générative",
    "Les modèles génératifs de fondation",  # plural and gender forgiven
    "70% des entreprises en 2025",  # "70 %" and "70%"
    "70 pour cent des entreprises",
    "70.5 milliards d'euros",  # "70,5" and "70.5"
    "1,000,000 de postes",  # "1 000 000"
    "Une chercheuse européenne publie",  # feminine, singular, conjugated
    "IA GÉNÉRATIVE : AVANCÉE MAJEURE",  # case and accents
])
def test_faithful_rephrasings_pass(fr, point):
    index, stop = fr
    assert check_point(point, index, stop).ok, check_point(point, index, stop).reason()


@pytest.mark.parametrize(("point", "missing"), [
    ("85 % des entreprises utilisent l’IA", ("numbers", "85 %")),
    ("70 entreprises sur 2026", ("numbers", "2026")),
    ("Les modèles représentent 70,6 milliards", ("numbers", "70,6")),
    ("Les modèles comme Mistral représentent une avancée", ("names", "Mistral")),
    ("Llama 4 représente une avancée", ("numbers", "4")),  # "GPT-4" in the source is not a 4
    ("Avancée majeure de GPT-5", ("names", "GPT-5")),
    ("Une révolution pour les entreprises", ("words", "révolution")),
    ("La personnalisation des modèles", ("words", "personnalisation")),  # no derivations
])
def test_unfaithful_points_are_refused_and_the_culprit_named(fr, point, missing):
    index, stop = fr
    verdict = check_point(point, index, stop)
    assert not verdict.ok
    kind, item = missing
    assert item in getattr(verdict, kind)
    assert f"'{item}'" in verdict.reason() and verdict.reason().endswith("not in the source")


def test_a_percentage_must_be_a_percentage_in_the_source(fr):
    index, stop = fr
    assert not check_point("2025 % des entreprises", index, stop).ok
    assert check_point("En 2025, des entreprises", index, stop).ok


def test_english(en):
    index, stop = en
    assert check_point("Companies deploying large language models in Europe", index, stop).ok
    assert check_point("Adoption grew 35 percent", index, stop).ok
    assert check_point("1200 companies in 2024", index, stop).ok
    assert check_point("1.200 companies", index, stop).ok
    verdict = check_point("Adoption grew 40% at OpenAI", index, stop)
    assert verdict.numbers == ("40%",) and verdict.names == ("OpenAI",)


def test_number_readings():
    assert numbers("2025 200") == {("2025", False), ("200", False)}
    assert ("100000", False) in numbers("100 000")
    assert numbers("1,000") == {("1000", False), ("1", False)}  # English thousand, French one
    assert numbers("70,50 %") == {("70.5", True)}


def test_folding_and_stems():
    assert fold("Générative’s Œuvre") == "generative's oeuvre"
    assert stem("modeles") == stem("modele")
    assert stem("generatives") == stem("generatif")
    assert stem("risks") == stem("risk")
