"""Overview cards and point cards, on small made-up outlines (one rule per test)."""
from __future__ import annotations

from deckgen.levels import default_audiences
from deckgen.outline.model import OutlineSection, Point, Slide
from deckgen.plan.choose import arrange, overview_cards
from deckgen.plan.deckplan import Item, PlannedSlide
from deckgen.theme.loader import load_theme

AUD = {a.id: a for a in default_audiences("en")}
DEEP = ("practitioner", "expert")


def _part(*subs: Slide) -> OutlineSection:
    return OutlineSection("part", "Delivery", "1", (Slide("part-overview", "Delivery", ("general",), kind="summary"),
                                                    *subs))


def test_expert_card_line_comes_from_a_point_its_slide_does_not_show():
    keys = Slide("keys", "Partition keys", DEEP, points=(
        Point("Events for the same entity share one partition key", ("expert",), "keys:L3"),
        Point("Ordering holds only within a single partition of the topic", ("practitioner",), "keys:L4")))
    retries = Slide("retries", "Retries", DEEP, points=(
        Point("Idempotent consumers make retries safe", ("expert",), "retries:L8"),
        Point("Retries with backoff absorb short broker outages", ("practitioner",), "retries:L9")))
    cards = overview_cards(_part(keys, retries), AUD["expert"], "en")
    assert [c.line for c in cards] == ["Ordering holds only within a single partition of the topic",
                                       "Retries with backoff absorb short broker outages"]


def test_no_expert_overview_when_a_card_would_show_its_heading_alone():
    keys = Slide("keys", "Partition keys", DEEP, points=(
        Point("Events for the same entity share one partition key", DEEP, "keys:L3"),))
    retries = Slide("retries", "Retries", DEEP, points=(
        Point("Retries with backoff absorb short broker outages", ("practitioner",), "retries:L9"),))
    # every point of "Partition keys" is on its own slide, too short to preview: no line, so no overview
    assert overview_cards(_part(keys, retries), AUD["expert"], "en") == ()


def test_general_cards_need_a_line_when_the_heading_says_little():
    long = "A very long sentence " * 3 + "without any clause boundary at all"
    a = Slide("a", "Contributing", DEEP, points=(Point(long, DEEP, "a:L1"),))
    b = Slide("b", "Translations", DEEP, points=(Point("Volunteers translate the guide into nine languages", DEEP,
                                                       "b:L2"),))
    assert overview_cards(_part(a, b), AUD["general"], "en") == ()


def test_three_parallel_points_become_numbered_cards():
    theme = load_theme("pastel")
    points = tuple(Point(t, ("general", "practitioner", "expert"), f"s:L{n}") for n, t in enumerate((
        "Brokers keep every record for a configured time",
        "Consumers read at their own pace from any offset",
        "Producers choose the partition through the record key"), 1))
    slide = Slide("s", "How the log works", points=points)
    section = OutlineSection("s", "How the log works", "1", (slide,))
    items = tuple(Item(p.text, source=p.source) for p in points)
    base = PlannedSlide(kind="content", title=slide.title, notes="n", items=items)
    expert = arrange(base, slide, section, AUD["expert"], theme, "en")
    assert [p.layout for p in expert] == ["cards"]
    assert [c.line for c in expert[0].cards] == [p.text for p in points] and expert[0].body_size
    general = arrange(base, slide, section, AUD["general"], theme, "en")
    assert general[0].layout == "cards" and len(general[0].cards) == 3


def test_a_sequence_of_uneven_points_stays_a_list():
    theme = load_theme("pastel")
    texts = ("Install the package", "Write a configuration file naming the brokers, the topics and the "
             "consumer group", "Run it")
    points = tuple(Point(t, ("expert",), f"s:L{n}") for n, t in enumerate(texts, 1))
    slide = Slide("s", "Setup", points=points)
    base = PlannedSlide(kind="content", title="Setup", notes="n", items=tuple(Item(t) for t in texts))
    planned = arrange(base, slide, OutlineSection("s", "Setup", "1", (slide,)), AUD["expert"], theme, "en")
    assert all(p.layout != "cards" for p in planned)


def test_a_long_listing_is_split_where_statements_end_never_before_a_lone_closing_bracket():
    from deckgen.outline.model import CodeSample
    from deckgen.plan.code import code_pages

    call = ["await producer.send({", "  topic,", "  messages: [{", "    key: 'my-key',",
            "    value: JSON.stringify({ some: 'data' })", "  }]", "})"]
    handler = ["const eachMessage = async ({ message }) => {", "  console.log({",
               "    key: message.key.toString(),", "    value: JSON.parse(message.value.toString())", "  })", "}"]
    text = "\n".join(call * 3 + handler * 2)
    base = PlannedSlide(kind="code", title="Example", notes="n")
    pages = code_pages(base, CodeSample(text, "js"), load_theme("pastel"), lambda t, n, total: f"{t} ({n}/{total})")
    assert len(pages) > 1
    for page in pages:
        lines = page.code.text.split("\n")
        assert set(lines[0].strip()) - set(")]};,"), lines  # no page opens on closing brackets
        depth = sum(ln.count(c) for ln in lines for c in "([{") - sum(ln.count(c) for ln in lines for c in ")]}")
        assert depth == 0 or lines[-1] == "…", lines


def test_six_short_points_fill_a_grid_of_cards_on_an_expert_slide(tmp_path):
    from pptx import Presentation

    from deckgen.api import build_talk
    from tests.conftest import write

    items = ["Brokers keep every record for a set time", "Consumers read from any offset they choose",
             "Producers pick the partition from the key", "Replicas copy each partition to other brokers",
             "Leaders serve all reads and writes of a partition", "Followers take over when a leader fails"]
    text = "# Kafka\n\n## How the log works\n\n" + " ".join(f"{s}." for s in items) + "\n\n## Usage\n\nTeams use it.\n"
    write(tmp_path / "kafka.md", text)
    build_talk(tmp_path / "kafka.md", levels=["expert"], out_dir=tmp_path / "out", root=tmp_path)
    deck = next((tmp_path / "out").rglob("*-expert.pptx"))
    for slide in Presentation(str(deck)).slides:
        texts = [sh.text_frame.text for sh in slide.shapes if sh.name.startswith("Card text")]
        if texts:
            assert len(texts) == 6 and all(t in items for t in texts)
            break
    else:
        raise AssertionError("no slide of point cards")


def test_a_key_phrase_never_stops_at_a_colon():
    from deckgen.plan.phrases import key_phrase

    text = "Le « Réutilisateur » : toute personne qui réutilise les informations selon la licence"
    assert key_phrase(text, 8, "fr") == text


def test_points_that_each_define_a_term_become_a_term_table():
    theme = load_theme("pastel")
    texts = ("Le « Réutilisateur » : toute personne qui réutilise les informations",
             "Les « Droits de propriété intellectuelle » : tous droits identifiés comme tels par le Code")
    points = tuple(Point(x, ("expert",), f"d:L{n}") for n, x in enumerate(texts, 1))
    slide = Slide("d", "Définitions", points=points)
    base = PlannedSlide(kind="content", title="Définitions", notes="n", items=tuple(Item(x) for x in texts))
    (planned,) = arrange(base, slide, OutlineSection("d", "Définitions", "1", (slide,)), AUD["expert"], theme, "fr")
    assert planned.layout == "table" and planned.table.header == ("Terme", "Définition")
    assert planned.table.rows[1] == ("Les « Droits de propriété intellectuelle »",
                                     "Tous droits identifiés comme tels par le Code")


def _planned(texts: tuple[str, ...], title: str, level: str):
    points = tuple(Point(t, ("general", "practitioner", "expert"), f"s:L{n}") for n, t in enumerate(texts, 1))
    slide = Slide("s", title, points=points)
    base = PlannedSlide(kind="content", title=title, notes=" ".join(texts),
                        items=tuple(Item(p.text, source=p.source) for p in points))
    return arrange(base, slide, OutlineSection("s", title, "1", (slide,)), AUD[level], load_theme("pastel"), "en")


def test_a_newcomers_slide_shows_its_first_points_within_thirty_words_and_the_notes_keep_all():
    texts = ("Quelles données personnelles dois-je retirer de mes documents administratifs ?",
             "Un bon exemple de document administratif pseudonymisé sont les décisions de justice publiées",
             "Le nom, le prénom et l'adresse des personnes physiques sont toujours remplacés par des codes",
             "Les dates de naissance et les numéros de téléphone sont retirés dans la plupart des cas")
    general = _planned(texts[1:], texts[0], "general")
    shown = [c.line for c in general[0].cards] or [i.text for i in general[0].items]
    on_screen = len(texts[0].split()) + sum(len(t.split()) + 1 for t in shown)
    assert shown == list(texts[1:len(shown) + 1]) and 1 <= len(shown) < 3 and on_screen <= 30
    assert all(t in general[0].notes for t in texts[1:])
    expert = _planned(texts[1:], texts[0], "expert")  # experts read the whole list
    assert len([c.line for c in expert[0].cards] or expert[0].items) == 3


def test_two_short_messages_stand_side_by_side_for_newcomers_and_stay_a_list_for_experts():
    texts = ("Brokers keep every record for a configured time", "Consumers read at their own pace")
    general = _planned(texts, "The log", "general")
    assert general[0].layout == "cards" and [c.line for c in general[0].cards] == list(texts)
    assert _planned(texts, "The log", "expert")[0].layout != "cards"


def test_three_long_clauses_are_stacked_bands_not_narrow_columns(tmp_path):
    from pptx import Presentation
    from pptx.util import Emu

    from deckgen.api import build_talk
    from tests.conftest import write

    # the three clauses of a real CGU's article (DSFR), too long for a key phrase to cut them
    items = ["Les Entités Autorisées doivent solliciter un agrément de principe du SIG",
             "La demande d'agrément doit comporter les indicateurs permettant d'évaluer objectivement les "
             "performances de l'action de communication envisagée",
             "Le respect de cette procédure est indispensable même si le projet est envisagé dans l'urgence"]
    text = ("---\nlang: fr\n---\n# Conditions\n\n## Procédure d'agrément\n\n" + " ".join(f"{s}." for s in items)
            + "\n\n## Garanties\n\nLa plateforme répond aux exigences du référentiel d'accessibilité.\n")
    write(tmp_path / "cgu.md", text)
    build_talk(tmp_path / "cgu.md", levels=["expert"], out_dir=tmp_path / "out", root=tmp_path)
    deck = Presentation(str(next((tmp_path / "out").rglob("*-expert.pptx"))))
    slide = next(s for s in deck.slides if any(sh.name == "Card text 3" for sh in s.shapes))
    cards = [sh for sh in slide.shapes if sh.name.startswith("Card text")]
    assert all(item.startswith(c.text_frame.text) for c, item in zip(cards, items, strict=True))
    # one above the other, each across the slide's width, text at 20 pt at least and inside its band
    assert len({c.left for c in cards}) == 1 and len({c.top for c in cards}) == 3
    assert all(c.width > deck.slide_width * 0.7 for c in cards)
    assert all(Emu(r.font.size).pt >= 20 for c in cards for p in c.text_frame.paragraphs for r in p.runs)
    bands = {sh.name[len("Card "):]: sh for sh in slide.shapes if sh.name in ("Card 1", "Card 2", "Card 3")}
    for i, c in enumerate(cards, 1):
        band = bands[str(i)]
        assert band.top <= c.top and c.top + c.height <= band.top + band.height


def test_design_guidelines_do_and_dont_stand_as_two_columns():
    from deckgen.outline.model import TableData
    from deckgen.plan.choose import is_contrast

    assert is_contrast(TableData(("À faire", "À ne pas faire"), (("Un seul bouton primaire", "Trois primaires"),)))
    assert is_contrast(TableData(("✔ Do", "✘ Don't"), (("Sentence case", "All caps"),)))
    assert not is_contrast(TableData(("Option", "Default"), (("timeout", "30 s"),)))
