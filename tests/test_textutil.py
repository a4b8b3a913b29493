"""textutil.slugify: a long text's slug comes from its head, the same as from all of it."""

from __future__ import annotations

import random
import re
import unicodedata

from deckgen.textutil import slugify


def plain_slug(text: str, fallback: str = "section") -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:60].rstrip("-") or fallback


def test_a_slug_from_the_head_is_the_slug_of_the_whole_text():
    rng = random.Random(1)
    # decomposed accents, ligatures, letters that vanish in ASCII, separators at the head's edge
    pieces = ["a", "É", "é", "e\u0301", "\u0301", "ﬁ", "①", "日本", "-", " ", "--", "Z", "9", "ß", "Æ", "\u00a0",
              "🎊", "x" * 50, "  ", "㎏"]
    long = 0
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 400)))
        assert slugify(text) == plain_slug(text), text
        assert slugify(text, "") == plain_slug(text, ""), text
        long += len(text) > 256
    assert long > 1000
    assert slugify("日本" * 200 + " Modèles de fondation") == "modeles-de-fondation"
