"""Fixed wording the decks add around the outline's content, per language."""

from __future__ import annotations

_TEXT = {
    "fr": {"agenda": "Sommaire", "takeaways": "À retenir", "glossary": "Glossaire", "term": "Terme", "definition": "Définition", "references": "Références",
           "closing": "Questions ?", "thanks": "Merci !", "cont": "(suite)", "key": "Message clé",
           "time": "Temps", "cumulative": "cumul", "section": "Partie", "overview": "Vue d'ensemble",
           "transition": "Transition vers la partie", "continued": "Suite de la diapositive",
           "cover_notes": "Présentation", "agenda_notes": "Annoncer le plan de l'exposé",
           "closing_notes": "Remercier l'auditoire et ouvrir les questions.",
           "glossary_notes": "Définir les termes techniques employés dans l'exposé",
           "takeaways_notes": "Résumer les messages essentiels",
           "references_notes": "Sources citées dans le document"},
    "en": {"agenda": "Agenda", "takeaways": "Key takeaways", "glossary": "Glossary", "term": "Term", "definition": "Meaning", "references": "References",
           "closing": "Questions?", "thanks": "Thank you!", "cont": "(cont.)", "key": "Key message",
           "time": "Time", "cumulative": "total", "section": "Part", "overview": "Overview",
           "transition": "Transition to part", "continued": "Continuation of slide",
           "cover_notes": "Talk", "agenda_notes": "Announce the outline of the talk",
           "closing_notes": "Thank the audience and open the floor to questions.",
           "glossary_notes": "Define the technical terms used in the talk",
           "takeaways_notes": "Sum up the essential messages",
           "references_notes": "Sources cited in the document"},
}


def t(lang: str, key: str) -> str:
    """The phrase `key` in `lang` (English when the language is not supported)."""
    return _TEXT.get(lang, _TEXT["en"])[key]


def quoted(text: str, lang: str) -> str:
    return f"«\u00a0{text}\u00a0»" if lang == "fr" else f"“{text}”"


def colon(lang: str) -> str:
    """French puts a (non-breaking) space before a colon; English does not."""
    return "\u00a0:" if lang == "fr" else ":"


def cue_seconds(seconds: float) -> int:
    """A slide's time as its notes' time cue states it (to 5 s): what build and check both add up."""
    return int(round(seconds / 5.0) * 5)


def duration(seconds: float, lang: str) -> str:
    """"1 min 30 s" style, rounded to 5 seconds."""
    s = cue_seconds(seconds)
    m, s = divmod(s, 60)
    if m and s:
        return f"{m} min {s:02d} s"
    return f"{m} min" if m else f"{s} s"
