"""Content a presenter keeps (issue 12): one test per failure seen on real documents, on small
made-up documents in English and French."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pptx import Presentation

from deckgen.api import build
from deckgen.distill.shorten import shorten
from deckgen.distill.to_outline import document_to_outline
from deckgen.outline.io import load_outline
from deckgen.outline.save import dump_outline
from deckgen.parse.markdown import parse_document
from deckgen.textutil import words
from tests.conftest import write


def distill(tmp_path: Path, text: str, name: str = "doc.md"):
    doc = parse_document(write(tmp_path / name, text))
    return doc, document_to_outline(doc, source_path=name, source_sha256="0" * 64, cover_image=None, cover_seed=1)


def points(outline, level: str | None = None) -> list[str]:
    return [p.text for _, sl in outline.slides() for p in sl.points
            if sl.kind != "quote" and (level is None or level in p.levels)]


def texts(options) -> list[str]:
    return [o.text for o in options]


# --------------------------------------------------------------------------- self-contained points

BLACK_LIKE = """# The Formatter Guide

## Empty lines

Black reformats entire files in place and keeps the changes small for reviewers. It will insert proper
spacing before and after function definitions in every module. This is so that Black is compliant with
the style that most projects already follow.

## Trailing commas

In other words, if you would like a trailing comma in this situation, the formatter keeps it for you.
Otherwise, you may continue reading the rest of this long guide about how commas work today.
Where there are two empty lines in a row, the form feed character is placed on the second line.
Prefer... on the same line as the class or function signature when the code is short.
"""


def test_a_leading_pronoun_takes_the_previous_subject_or_the_sentence_is_left_out(tmp_path):
    _, outline = distill(tmp_path, BLACK_LIKE)
    every = points(outline)
    assert not any(words(p)[0].lower() in ("it", "this", "they") for p in every), every
    # "It will insert proper spacing…" is kept, its subject resolved from the sentence before it
    assert any(p.startswith("Black will insert proper spacing before and after function definitions") for p in every)


def test_french_pronoun_resolved_by_gender_and_number_or_refused():
    ctx_f = __import__("deckgen.distill.standalone", fromlist=["subject_of"]).subject_of(
        "La plateforme permet de publier des composants accessibles.", "fr")
    from deckgen.distill.standalone import resolve
    assert resolve("Elle nécessite une adaptation des compétences", "fr", ctx_f) == \
        "La plateforme nécessite une adaptation des compétences"
    assert resolve("Il nécessite une adaptation", "fr", ctx_f) is None  # feminine subject, masculine pronoun
    assert resolve("Ils nécessitent une adaptation", "fr", ctx_f) is None  # singular subject, plural pronoun
    # with no sentence before it, "Elle nécessite…" is no point at all
    assert shorten("Elle nécessite une adaptation des compétences et une refonte des méthodes.", "fr", 16) == ()
    # "Il est … adapté" speaks of the rules engine named before; "Il est … nécessaire de" is impersonal
    assert shorten("Il est cependant bien adapté à des textes simples et bien structurés.", "fr", 16) == ()
    assert texts(shorten("Il sera donc nécessaire de constituer une base d'exemples corrects.", "fr", 16))


@pytest.mark.parametrize("sentence, lang, expected", [
    ("In other words, the formatter keeps a trailing comma when the call is split.", "en",
     "The formatter keeps a trailing comma when the call is split"),
    ("Otherwise, the consumer group restarts from the last committed offset.", "en",
     "The consumer group restarts from the last committed offset"),
    ("Par exemple, le bouton principal porte l'action la plus importante de la page.", "fr",
     "Le bouton principal porte l'action la plus importante de la page"),
])
def test_a_leading_connective_goes_when_the_rest_stands_alone(sentence, lang, expected):
    assert texts(shorten(sentence, lang, 16))[0] == expected


@pytest.mark.parametrize("sentence, lang", [
    ("Where there are two empty lines in a row, the form feed is placed on the second line.", "en"),
    ("If you install a module with npm, the lock file records its exact version for everyone.", "en"),
    ("Lorsque l'utilisateur quitte la plateforme, ses contributions restent publiées sous licence.", "fr"),
    ("Dès lors qu'ils ne travaillent plus pour les Entités Autorisées, les comptes sont fermés.", "fr"),
])
def test_a_subordinate_clause_is_never_a_point_without_its_main_clause(sentence, lang):
    for text in texts(shorten(sentence, lang, 18)):
        assert "," in text, text  # only the whole sentence, main clause included, may stand


def test_the_self_contained_fixture_has_no_fragment_connective_or_cut_marker(tmp_path):
    _, outline = distill(tmp_path, BLACK_LIKE)
    every = points(outline)
    assert every
    for p in every:
        first = p.split()[0].lower().strip(",")
        assert first not in ("otherwise", "where", "if", "in", "prefer...")
        assert "..." not in p and "…" not in p
        assert not p.startswith("This is so that")


def test_code_is_never_a_point(tmp_path):
    _, outline = distill(tmp_path, """# Grille

## Cartes

Les cartes se placent dans une grille de douze colonnes pour rester alignées sur tous les écrans.
Utiliser Fr-card{col=12 colSm=6 colLg=4} pour une carte pleine largeur sur mobile et un tiers sur ordinateur.
Le paramètre colSm règle la largeur de la carte sur les écrans moyens de la grille.
Le fichier settings.json garde la configuration de chaque carte de la grille.
""")
    every = points(outline)
    assert every
    assert not any("{" in p or "colSm" in p or "settings.json" in p for p in every), every


def test_no_point_is_shown_on_two_slides_of_a_deck(tmp_path):
    _, outline = distill(tmp_path, """# Twitter design

## Use cases

User posts a tweet to the service. The service pushes tweets to followers with notifications.

## Core components

User posts a tweet to the service. The write API stores the tweet in the user's timeline cache.

## Scaling

User posts a tweet to the service. The fan-out service becomes a bottleneck for famous users.
""")
    for level in ("general", "practitioner", "expert"):
        shown = [(sl.id, p.text) for _, sl in outline.slides() for p in sl.points if level in p.levels]
        texts_ = [t for _, t in shown]
        assert len(texts_) == len(set(texts_)), (level, texts_)


# --------------------------------------------------------------------------- compression keeps the meaning


@pytest.mark.parametrize("sentence, lang, limit, kept", [
    ("Producers should publish all events for the same business entity with the same partition key.", "en", 18,
     "with the same partition key"),
    ("Idempotency protects against duplicates but not against events that arrive out of order.", "en", 18,
     "but not against events that arrive out of order"),
    ("L'idempotence protège contre les doublons, mais pas contre les événements reçus dans le désordre.", "fr",
     18, "mais pas contre les événements reçus dans le désordre"),
    ("L'IA générative produit du texte, des images, du code ou de la musique à partir d'exemples.", "fr", 16,
     "du texte, des images, du code ou de la musique"),
])
def test_shortening_keeps_complements_contrasts_and_short_lists(sentence, lang, limit, kept):
    options = texts(shorten(sentence, lang, limit))
    assert options and all(kept in o for o in options), options


# --------------------------------------------------------------------------- takeaways

REPORT = """# Event pipelines

## Introduction

Event pipelines move records between services as a stream of messages. Teams adopt them
to decouple producers from consumers and to replay history when a bug is fixed.

## Ordering

Kafka keeps messages in order inside one partition. Producers should publish
all events for the same business entity with the same partition key.

## Delivery

Consumers must be idempotent because a message can be delivered twice after a failure. Idempotency protects
against duplicates but not against events that arrive out of order.

## Operations

Brokers replicate every partition to several machines so that a failed disk loses no data. Operators watch
consumer lag to know when a consumer group falls behind the producers.

## Conclusion

Event pipelines pay off when teams agree on keys, schemas and replay rules early. The work is unglamorous.
Teams that skip these rules spend their time debugging duplicates and missing events.
"""


def test_takeaways_come_from_several_parts_and_never_copy_the_conclusion_slide(tmp_path):
    doc, outline = distill(tmp_path, REPORT)
    conclusion = outline.sections[-1]
    assert conclusion.role == "conclusion"
    shown = {p.text for sl in conclusion.slides for p in sl.points}
    assert 3 <= len(outline.takeaways) <= 5
    assert not shown & {p.text for p in outline.takeaways}
    parts = [p.source.split(":")[0] for p in outline.takeaways]
    assert len(parts) == len(set(parts))  # at most one per part
    assert "The work is unglamorous" not in {p.text for p in outline.takeaways}


# --------------------------------------------------------------------------- glossary for any field


def test_a_distributed_systems_article_gets_its_jargon_defined(tmp_path):
    _, outline = distill(tmp_path, REPORT + """
## Setup

```sql
SELECT offset, partition FROM consumer_offsets WHERE lag > 100;
```
""")
    defined = {g.term.lower(): g for g in outline.glossary}
    assert {"broker", "partition", "consumer group", "idempotent"} <= set(defined), sorted(defined)
    assert all(g.definition for g in outline.glossary)
    assert "select" not in defined and "where" not in defined  # SQL keywords from code are no terms
    assert not any("SELECT" in t for _, sl in outline.slides() for t in sl.terms)


def test_definitions_are_taken_from_the_document_first(tmp_path):
    _, outline = distill(tmp_path, """# Tooling

## Runtime

Fastbus is a message router that forwards events between local services. The team runs Fastbus on every
host, and each service registers its routes with it at start-up.

## Storage

Logs land in Stowage, a compressed object store kept for ninety days, before the nightly export runs.
""")
    defined = {g.term: g for g in outline.glossary}
    assert defined["Fastbus"].definition == "A message router that forwards events between local services."
    assert defined["Fastbus"].source.startswith("runtime:L")
    assert defined["Stowage"].definition.startswith("A compressed object store")


def test_french_definitions_from_the_text_and_from_a_definition_list(tmp_path):
    _, outline = distill(tmp_path, """# Conditions d'utilisation

## Définitions

* **Plateforme** : désigne le site internet qui publie les composants du service.
* **Contributeur** : désigne toute personne qui propose une modification d'un composant.

## Données

On appelle pseudonymisation le remplacement des noms par des codes dans les documents publiés.
Le Contributeur accepte que la Plateforme publie ses contributions sous licence ouverte.
""")
    defined = {g.term.lower(): g for g in outline.glossary}
    assert defined["plateforme"].definition == "Le site internet qui publie les composants du service."
    assert defined["contributeur"].definition.startswith("Toute personne qui propose")
    assert defined["pseudonymisation"].definition.startswith("Le remplacement des noms par des codes")


def test_a_term_with_no_definition_is_left_out(tmp_path):
    _, outline = distill(tmp_path, """# Notes

## Zorblat

The Zorblat pipeline handles the nightly batch for the finance team. Zorblat runs twice when a job fails.
""")
    assert "zorblat" not in {g.term.lower() for g in outline.glossary}


# --------------------------------------------------------------------------- quotes


@pytest.mark.parametrize("quote", [
    "> Simple things should be simple, complex things should be possible.\n> — Alan Kay, computer scientist\n",
    "> Simple things should be simple, complex things should be possible.\n>\n> -- Alan Kay, computer scientist\n",
])
def test_a_block_quote_with_its_attribution_becomes_one_quote_slide(tmp_path, quote):
    _, outline = distill(tmp_path, f"""# Design

## Principles

Good tools make the common case easy and the rare case possible for every team.

{quote}
Teams remember short principles better than long rule books, so the guide keeps them few.
""")
    quotes = [sl for _, sl in outline.slides() if sl.kind == "quote"]
    assert len(quotes) == 1
    (q,) = quotes
    assert q.points[0].text == "Simple things should be simple, complex things should be possible."
    assert q.attribution == "Alan Kay, computer scientist"
    assert not any("Alan Kay" in p for p in points(outline))  # never a bullet of its own
    # the attribution survives the outline file
    path = write(tmp_path / "o.yaml", dump_outline(outline))
    assert [sl.attribution for _, sl in load_outline(path).slides() if sl.kind == "quote"] == [q.attribution]


def test_a_french_quote_with_an_attribution_paragraph(tmp_path):
    _, outline = distill(tmp_path, """# Design

## Principes

Un bon système de design rend les interfaces cohérentes pour tous les usagers du service.

> La simplicité est la sophistication suprême, surtout pour une interface publique.

— Léonard de Vinci

Les équipes retiennent mieux des principes courts que de longs règlements.
""")
    (q,) = [sl for _, sl in outline.slides() if sl.kind == "quote"]
    assert q.attribution == "Léonard de Vinci" and "citation" in q.title
    assert not any("Léonard" in p for p in points(outline))


# --------------------------------------------------------------------------- structure that fits the slot

GUIDE = """# Style guide

## Code style

The formatter applies one consistent style to every file.

### Line length

The formatter wraps lines at eighty-eight characters, which fits most screens side by side.
Long strings are left alone because splitting them changes the program's meaning.

### Empty lines

The formatter allows single empty lines inside functions and two lines between top-level definitions.
Empty lines at the start of a block are removed because they carry no meaning for readers.

### Comments

The formatter never changes the text of comments, only the spaces before the hash sign.
Type comments keep their exact position so that type checkers still find them.

### Strings

The formatter prefers double quotes over single quotes unless that adds more escapes.
Prefixes are lowercased so that every string of a project looks the same.

## Pragmatism

Some rules bend when following them would make the code harder to read or slower to review.

### Magic trailing comma

A trailing comma in a collection tells the formatter to keep one item per line.
Teams use this to keep diffs small when lists grow over time in long-lived projects.
"""


def test_a_general_deck_of_a_two_part_document_has_five_content_slides(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    src = write(tmp_path / "guide.md", GUIDE)
    results = build([src], levels=["general"], out_dir=tmp_path / "out", root=tmp_path)
    (result,) = results
    deck = Presentation(str(result.deck_path))
    titles = [s.shapes.title.text_frame.text for s in deck.slides if s.shapes.title is not None]
    content = [t for t in titles if t in ("Code style", "Pragmatism", "Line length", "Empty lines", "Comments",
                                          "Strings", "Magic trailing comma")]
    assert len(content) >= 5, titles


@pytest.mark.parametrize("sentence, lang", [
    ("Nous vous proposons de les passer en revue dans la section suivante.", "fr"),
    ("Voici résumé le questionnement logique à suivre :", "fr"),
    ("Otherwise, you may continue reading to learn how the scheduler works.", "en"),
    ("The options are described in the next section of this guide.", "en"),
    ("Prenons l'exemple d'un extrait de décision de justice fictive.", "fr"),
    ("On se référera aux ressources de la CNIL sur l'anonymisation.", "fr"),
    ("Let's look at how the scheduler assigns partitions.", "en"),
    ("Y sont retirés notamment les noms et adresses des personnes.", "fr"),  # "y": there, said before
    ("🔗 Read More: Include three parts in each test name.", "en"),  # a README's link labels
    ("See our writing guidelines here.", "en"),
    ("Structure your solution by components #strategic #updated", "en"),
])
def test_the_document_talking_about_itself_is_never_a_point(sentence, lang):
    assert shorten(sentence, lang, 18) == ()


@pytest.mark.parametrize("sentence, lang, expected", [
    ("Cette tâche est coûteuse en temps pour les agents.", "fr", "La tâche est coûteuse en temps pour les agents"),
    ("Cet outil reste libre et gratuit pour les administrations.", "fr",
     "L'outil reste libre et gratuit pour les administrations"),
    ("This approach keeps the cache warm across restarts.", "en", "The approach keeps the cache warm across restarts"),
])
def test_a_demonstrative_opener_becomes_the_definite_article(sentence, lang, expected):
    assert shorten(sentence, lang, 18)[0].text == expected


def test_a_cut_never_drops_the_object_after_an_aside():
    found = [c.text for c in shorten("Il sera donc nécessaire de constituer au préalable, à la main (humaine), "
                                     "une base d'exemples corrects.", "fr", 16)]
    assert "Il sera donc nécessaire de constituer au préalable une base d'exemples corrects" in found
    assert all(t.endswith("corrects") for t in found), found


def test_list_items_finishing_a_lead_in_are_no_points_and_definitions_keep_their_term(tmp_path):
    md = ("# Licence\n\n## Droits\n\n**Le « Réutilisateur » est libre de réutiliser l’« Information » :**\n\n"
          "-   de la communiquer, la reproduire, la copier ;\n-   de l’adapter, la modifier et la transformer ;\n\n"
          "## Définitions\n\nSont considérés comme :\n\n"
          "-   Le « **Réutilisateur** » : toute personne qui réutilise les « Informations » selon la licence.\n"
          "-   L’« **Information** » :\n    -   toute information publique publiée par une administration.\n")
    _, outline = distill(tmp_path, md, "lo.md")
    found = points(outline)
    assert not [p for p in found if p.lower().startswith(("de la", "de l", "toute information"))], found
    assert "Le « Réutilisateur » est libre de réutiliser l’« Information »" in found
    assert any(p.startswith("Le « Réutilisateur » : toute personne") for p in found), found


def test_a_cut_never_keeps_half_of_a_ni_pair():
    found = [c.text for c in shorten("La mention ne doit ni conférer un caractère officiel à la réutilisation, "
                                     "ni suggérer une quelconque caution par le concédant.", "fr", 12)]
    assert all(t.count(" ni ") != 1 for t in found), found


def test_a_takeaway_is_never_a_sentence_that_calls_itself_an_addition(tmp_path):
    parts = [("Storage", "The broker also keeps a compacted copy of every topic for late readers",
              "Brokers store each partition as an append-only log on disk"),
             ("Delivery", "Consumers can also pause a partition while they catch up on work",
              "Consumers commit offsets so that a restart resumes where it stopped"),
             ("Operations", "Teams moreover export broker metrics to their dashboards every minute",
              "Replication across three brokers keeps data safe when one machine fails")]
    md = "# Logs\n\n" + "".join(f"## {t}\n\n{a}. {b}.\n\n" for t, a, b in parts)
    _, outline = distill(tmp_path, md)
    assert outline.takeaways
    assert not [p.text for p in outline.takeaways if re.search(r"\b(also|moreover)\b", p.text)]


@pytest.mark.parametrize("sentence, lost", [
    ("Le SIG se réserve le droit de supprimer, sans autorisation et sans préavis, tout contenu qui ne serait "
     "pas conforme aux présentes conditions et à la législation en vigueur.", "le droit de supprimer"),
    ("Dans la continuité de la marque de l’État, le SIG a structuré dans le cadre d’une plateforme, le "
     "Système de Design de l'État visant à mettre à disposition des librairies.", "a structuré"),
])
def test_a_cut_never_leaves_a_verb_without_its_object(sentence, lost):
    assert not [c.text for c in shorten(sentence, "fr", 18) if c.text.endswith(lost)]


@pytest.mark.parametrize("sentence, lang", [
    ("For NodeJS, this is commonly done using confluent-schema-registry.", "en"),
    ("In practice, it retries three times before giving up.", "en"),
])
def test_a_short_opener_does_not_hide_a_pronoun_that_leans_back(sentence, lang):
    assert shorten(sentence, lang, 16) == ()


def test_a_short_part_introduction_stays_for_experts_when_its_subsections_show_nothing(tmp_path):
    clause = ("Elle a été conçue pour être compatible avec toute licence libre qui exige a minima la mention "
              "de paternité, et notamment avec la version antérieure de la présente licence ainsi qu'avec les "
              "licences Open Government Licence du Royaume-Uni, Creative Commons Attribution et Open Data "
              "Commons Attribution, sans autre formalité pour le réutilisateur ni pour le concédant.")
    _, outline = distill(tmp_path, "---\nlang: fr\n---\n# Licence\n\n## Réutilisation\n\nLe réutilisateur est "
                         "libre de réutiliser l'information publiée.\n\nLe concédant garantit que "
                         "l'information publiée est exacte.\n\n## Droit applicable\n\nLa présente licence est "
                         f"régie par le droit français.\n\n### Compatibilité\n\n{clause}\n")
    # the subsection's one long clause gives no point: the part's own sentence is all its slides can say
    assert "La présente licence est régie par le droit français" in points(outline, "expert")
    from deckgen.plan import outline_to_plan
    from deckgen.theme.loader import load_theme

    plan = outline_to_plan(outline, "expert", load_theme("pastel"), slug="licence", root=tmp_path)
    titles = [s.title for s in plan.slides]
    # and that slide says it under the part's name: no divider of the same name before it
    assert titles.count("Droit applicable") == 1, titles


def test_figures_without_alt_text_get_titles_that_never_repeat(tmp_path):
    _, outline = distill(tmp_path, "# Bouton\n\n## Variations\n\nLe bouton primaire porte l'action principale de la "
                         "page.\n\n![](a.png)\n\n![](b.png)\n\n![](c.png)\n\n## États\n\nUn bouton désactivé "
                         "reste visible mais ne réagit plus.\n")
    titles = [sl.title for _, sl in outline.slides()]
    assert len(titles) == len(set(titles)), titles
    assert "Variations — figure 2" in titles and "Variations — figure 3" in titles
