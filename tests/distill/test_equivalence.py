"""Faster ways of choosing points and judging sentences give the answers of the plain ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from deckgen.distill import points as points_module
from deckgen.distill.keyphrases import cosine, jaccard
from deckgen.distill.points import MAX_SIMILARITY, Distiller, Option, Pick, Scope, Tier
from deckgen.distill.to_outline import document_to_outline
from deckgen.outline.save import dump_outline
from deckgen.parse.markdown import parse_document

HERE = Path(__file__).resolve().parent
DOCS = [HERE.parents[1] / "assets" / "ia-generative-2025" / "whitepaper.md", *sorted((HERE / "fixtures").glob("*.md"))]


def plain_value(d: Distiller, o: Option, tier: Tier, scope: Scope, picks: list[Pick], spread: bool) -> float:
    """Maximal marginal relevance as first written: every term measured against every pick."""
    covered = set().union(*(p.option.stems for p in picks)) if picks else set()
    gain = sum(k.weight for k in scope.keyphrases if k.covered_by(o.stems) and not k.covered_by(covered))
    value = 0.40 * o.centrality + 0.30 * gain + 0.10 * o.sentence.lead + 0.01 * o.words - 0.06 * o.cost
    first = d._subject_word(o.text)
    if first in d.rules.pronoun_start:
        value -= 0.30 if tier.plain else 0.12
    elif first in d.rules.demonstratives:
        value -= 0.12 if tier.plain else 0.05
    if tier.plain and d.glossary.has_jargon(o.text):
        value -= 0.25
    if o.words < 6:
        value -= 0.06
    if picks:
        value -= 0.35 * max(cosine(o.vector, p.option.vector) for p in picks)
    if spread and any(p.option.sentence.section_id == o.sentence.section_id for p in picks):
        value -= 0.25
    return value


def plain_pick(self: Distiller, scope: Scope, tiers: tuple[Tier, ...], *, spread: bool = False) -> list[Pick]:
    picks: list[Pick] = []
    for tier in tiers:
        options = self.options(scope, tier.limit)
        while len(picks) < tier.upto:
            used = {p.option.sentence.order for p in picks}
            best = None
            for o in options:
                if o.sentence.order in used or not all(
                        jaccard(o.text, p.option.text, self.lang) < MAX_SIMILARITY for p in picks):
                    continue
                v = plain_value(self, o, tier, scope, picks, spread)
                if best is None or (v, -o.sentence.order) > (best[0], best[1]):
                    best = (v, -o.sentence.order, o)
            if best is None:
                break
            picks.append(Pick(best[2], tier.levels))
    return picks


def outline_text(path: Path) -> str:
    doc = parse_document(path)
    return dump_outline(document_to_outline(doc, source_path="talk/doc.md", source_sha256="0" * 64,
                                            cover_image=None, cover_seed=3))


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.name)
def test_points_picked_incrementally_are_those_of_the_plain_greedy_choice(path, monkeypatch):
    fast = outline_text(path)
    monkeypatch.setattr(points_module.Distiller, "pick", plain_pick)
    assert outline_text(path) == fast


# --------------------------------------------------------------------------- code in a sentence

CODE_LIKE = [
    "Set `retries` to 3.", "Call process.env.PORT first.", "Use heartbeatInterval and groupId.",
    "The max_bytes option.", "Edit config.yaml, then run npm install.", "Run it with --force or -v.",
    "Open .npmrc and .env.", "if (a == b) { return; }", "x => x + 1", "a -> b", "foo(bar)", "list[0]",
    "std::vector", "a && b || c", "$ npm test", "<div class='x'>", "end;", "f(x).then(g)", "a != b",
    "x=y", "An iPhone and macOS.", "e.g. this, i.e. that.", "L'API (Application Programming Interface).",
    "The user-facing flow - mostly.", "Version 2.0 ships today.", "Voir la section 3.2 : les règles.",
    "Un œuf, ſ and K.", "Ends with a dot.", "ABC.def", "A - b", "-flag at start", "(see above).",
    "iOS", "McDonald's eCommerce", "snake_ but not", "_private", "a.b.c", "README.md", "x.PY", "Load app.zshrc.",
]


def _strings(n: int) -> list[str]:
    import random
    rng = random.Random(14)
    alphabet = "aZbYéz _-.()[]{}`=<>&|;:$!\n\tEgiPxm0’'AB1"
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12))) for _ in range(n)]


def test_the_code_hint_rules_out_only_texts_without_code():
    from deckgen.distill import standalone
    texts = CODE_LIKE + _strings(20000)
    for path in DOCS:
        texts += [line for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]
    assert sum(bool(standalone._CODE.search(t)) for t in texts) > 1000  # the set holds much code
    for t in texts:
        if standalone._CODE.search(t):
            assert standalone._CODE_HINT.search(t), t


def test_a_subject_is_checked_for_code_last_with_the_same_answer(monkeypatch):
    from deckgen.distill import standalone
    sentences = CODE_LIKE + ["The gateway tier is fast.", "The `gateway` tier is fast.", "Kafka Connect is a tool.",
                             "KafkaJS is a client.", "The max_bytes setting is low.", "La licence est libre.",
                             "La fonction foo() est lente.", "Black is a formatter.", "It is late.",
                             "The config.yaml file holds it."]
    for path in DOCS:
        sentences += [line for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]
    fast = {(s, lang): standalone.subject_of(s, lang) for s in sentences for lang in ("en", "fr")}

    def first_checked(sentence: str, lang: str):
        if standalone.looks_like_code(standalone.strip_connective(sentence.strip(), standalone._lang(lang))):
            return standalone.Context()
        with monkeypatch.context() as m:
            m.setattr(standalone, "looks_like_code", lambda text: False)
            return standalone.subject_of(sentence, lang)

    assert {k: first_checked(*k) for k in fast} == fast
    assert any(v.subject for v in fast.values())


def test_acronyms_are_found_where_the_plain_look_behind_finds_them():
    import re

    from deckgen.distill import glossary
    plain = re.compile(r"(?<![\w-])[A-Z][A-Z0-9]{1,5}(?![\w'’])")
    texts = ["l'OCDE et la CNIL", "RGPD-compliant", "X-AI", "GPT4o", "AI", "A", "UE’s", "ISO27001", "CO2 and NO",
             "ÉTAT", "_ABC", "1ABC", "ABCDEFG", "HTTP/2 over TLS.", *_strings(20000)]
    for path in DOCS:
        texts.append(path.read_text(encoding="utf-8"))
    for t in texts:
        assert [m.span() for m in glossary._ACRONYM.finditer(t)] == [m.span() for m in plain.finditer(t)], t
        assert bool(glossary._ACRONYM.fullmatch(t)) == bool(plain.fullmatch(t)), t


def test_a_subject_is_found_from_the_first_tokens_as_from_all(monkeypatch):
    from deckgen.distill import standalone
    sentences = ["The gateway tier of the big system is fast.", "The very long and winding road is long.",
                 "A b c d e is here.", "A b c d e f is here.", "La licence ouverte est libre.", "Kafka runs."]
    for path in DOCS:
        sentences += [line for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]
    first = {(s, lang): standalone.subject_of(s, lang) for s in sentences for lang in ("en", "fr")}
    monkeypatch.setattr(standalone, "_TOKENS_READ", 10 ** 6)
    assert {k: standalone.subject_of(*k) for k in first} == first
    assert sum(bool(v.subject) for v in first.values()) > 20
