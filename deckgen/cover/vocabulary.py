"""Which motif fits a talk: count the words of each theme in its text (French and English).

A small map on purpose: a person can read it, predict the choice, and override it in the outline
(`meta.cover.motif`). The brain is kept for AI talks; a talk that names no theme gets a motif from
its seed, so different talks still get different covers.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING

from .names import MOTIFS

if TYPE_CHECKING:
    from deckgen.outline.model import Outline

# Matched without regard to case or accents, as whole words (with a plural "s"); a trailing "*" also
# takes longer words ("réseaux", "distribuées"). No "*" where it would catch other words: "design" not
# "désigné", "graph" not "graphique"; links and HTML tags are dropped first; no "style",
# "team" or "license" alone: every README has them. Multi-word terms are matched, and consumed, first, so
# "réseau de neurones" counts for the brain and not for the network.
KEYWORDS: dict[str, tuple[str, ...]] = {
    "brain": ("intelligence artificielle", "artificial intelligence", "machine learning", "deep learning",
              "apprentissage automatique", "apprentissage profond", "reseau* de neurones", "neural network*",
              "modele* de langage", "language model*", "neural", "neuron*", "neurone*", "llm*", "gpt*",
              "transformer*", "generati*", "ia", "AI", "genai", "chatbot*", "nlp"),
    "network": ("network*", "reseau*", "distributed", "distribue*", "api", "apis", "kafka*", "broker*",
                "microservice*", "cluster*", "protocol*", "topolog*", "peer*", "node*", "noeud*",
                "messaging", "messagerie*", "consumer*", "producer*", "server*", "serveur*", "socket*",
                "grpc", "graph", "graphe", "http", "request*", "requete*", "endpoint*", "web", "websocket*"),
    "flow": ("data flow*", "flux de donnees", "workflow*", "pipeline*", "process*", "processus", "flux",
             "flow*", "etape*", "lifecycle*", "cycle de vie", "orchestrat*", "deploy*", "deploiement*",
             "ci/cd", "etl", "stream*", "procedure*", "migration*"),
    "geometric": ("design system*", "systeme de design", "design", "grid*", "grille*", "component*",
                  "composant*", "accessib*", "typograph*", "layout*", "ui", "ux", "interface*", "bouton*",
                  "button*", "style guide*", "guide de style", "formatting", "formatage", "css", "token*",
                  "pattern*", "code style", "coding style"),
    "organic": ("conditions generales", "terms of use", "cgu", "law*", "loi*", "legal*", "juridique*",
                "contrat*", "contract*", "licence*", "droit*", "right*", "people", "personne*", "health*",
                "sante", "nature*", "natural*", "environnement*", "environment*", "climat*", "climate*",
                "rgpd", "gdpr", "privacy", "vie privee", "donnees personnelles", "personal data",
                "pseudonym*", "anonym*", "citoyen*", "citizen*", "communaut*", "communit*", "equipe*",
                "wellbeing", "bien-etre", "biolog*", "ecolog*", "humain*", "human*"),
}
# Below this many hits the text says too little: the seed decides instead.
MIN_HITS = 3


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("’", "'")


@lru_cache(maxsize=None)
def _pattern(term: str) -> re.Pattern[str]:
    words = [re.escape(w.rstrip("*")) + (r"[\w-]*" if w.endswith("*") else "s?") for w in term.split()]
    # A term in capitals is an acronym matched as written: "AI", not the French "j'ai".
    flags = 0 if term.isupper() else re.IGNORECASE
    return re.compile(r"(?<![\w-])" + r"\s+".join(words) + r"(?![\w-])", flags)


_NOISE = re.compile(r"https?://\S+|<[^>]*>", re.IGNORECASE)
_TERMS = sorted(((term, motif) for motif, terms in KEYWORDS.items() for term in terms),
                key=lambda tm: (-len(tm[0].split()), -len(tm[0])))
_WORDS = [(term, motif, tuple(w.rstrip("*").lower() for w in term.split())) for term, motif in _TERMS]


def _lowered(plain: str) -> str:
    # as the regex engine compares letters (the text is decomposed already: "ſ", "İ" are gone; "ı" is not)
    return plain.lower().replace("ı", "i")


def motif_scores(text: str) -> dict[str, int]:
    """How many words of each motif's vocabulary `text` uses."""
    plain = _NOISE.sub(" ", _plain(text))
    low = _lowered(plain)
    scores = dict.fromkeys(KEYWORDS, 0)
    for term, motif, words in _WORDS:
        if not all(w in low for w in words):
            continue  # a term whose words the text lacks matches nothing: no need to scan (or compile) it
        plain, n = _pattern(term).subn(" ", plain)
        scores[motif] += n
        if n:
            low = _lowered(plain)
    return scores


def choose_motif(text: str, seed: int) -> tuple[str, str]:
    """(motif, why) for a talk whose words are `text`: the most used vocabulary, else one by seed.

    Ties go to the motif listed first in `MOTIFS`, so the choice never depends on dict order.
    """
    scores = motif_scores(text)
    best = max(MOTIFS, key=lambda m: (scores.get(m, 0), -MOTIFS.index(m)))
    if scores.get(best, 0) >= MIN_HITS:
        return best, f"{scores[best]} words about it"
    return MOTIFS[seed % len(MOTIFS)], "chosen by seed: no theme stands out in the text"


def talk_words(outline: Outline) -> str:
    """The words that say what a talk is about: its title and headings count three and two times over."""
    meta = outline.meta
    parts = [meta.title] * 3 + [meta.subtitle] * 2
    for section in outline.sections:
        parts += [section.title] * 2
        for slide in section.slides:
            parts.append(slide.title)
            parts += [p.text for p in slide.points]
    parts += [g.term for g in outline.glossary]
    return "\n".join(parts)


def cover_motif(outline: Outline) -> tuple[str, str]:
    """(motif, why) of a talk's cover: the outline's `meta.cover.motif`, else chosen from its words."""
    cover = outline.meta.cover
    if cover is not None and cover.motif:
        return cover.motif, "set in the outline"
    return choose_motif(talk_words(outline), cover.seed if cover else 0)


# What the picture shows, for the alt text of a drawn cover.
MOTIF_ALT = {
    "fr": {"brain": "Illustration pastel : réseau de neurones",
           "network": "Illustration pastel : un réseau de nœuds reliés",
           "flow": "Illustration pastel : des rubans de couleur qui s'écoulent",
           "geometric": "Illustration pastel : une grille de formes géométriques",
           "organic": "Illustration pastel : des feuilles et des formes douces"},
    "en": {"brain": "Pastel illustration: a neural network",
           "network": "Pastel illustration: a network of linked nodes",
           "flow": "Pastel illustration: flowing ribbons of colour",
           "geometric": "Pastel illustration: a grid of geometric shapes",
           "organic": "Pastel illustration: leaves and soft rounded shapes"},
}
