"""The sentences, notes, story role and references of a document's sections."""

from __future__ import annotations

import re
from dataclasses import dataclass

from deckgen.document import ListBlock, Paragraph, Quote, Section, Table, block_text
from deckgen.levels import LEVEL_IDS
from deckgen.textutil import slugify

from .quotes import attribution_line, callout_text, quotation
from .sentences import split_sentences

GENERAL, PRACTITIONER, EXPERT = LEVEL_IDS


# --------------------------------------------------------------------------- sentences of the document


@dataclass(frozen=True)
class Sentence:
    """One sentence of the source and where it is."""

    text: str
    section_id: str  # the (sub)section it belongs to
    line: int  # source line of its paragraph or list
    index: int  # its rank in that block, from 1
    order: int  # its rank in the document (tie-break for stable choices)
    lead: bool  # first sentence of its block: writers put the topic there

    @property
    def source(self) -> str:
        return f"{self.section_id}:L{self.line}:s{self.index}"


def _continues(lead: str, item: str) -> bool:
    """An item that finishes the sentence a lead-in opened ("… est libre de réutiliser :" / "de la
    copier ;"): alone on a slide it is a fragment, so it stays in the notes."""
    return lead.rstrip(" *_").endswith(":") and item[:1].islower()


def _block_sentences(block, lang: str, before=None) -> list[str]:
    if isinstance(block, Quote):
        return list(split_sentences(callout_text(block.text) or block.text, lang))
    if isinstance(block, Paragraph):
        return list(split_sentences(block.text, lang))
    if isinstance(block, ListBlock):
        out: list[str] = []
        lead = before.text if isinstance(before, Paragraph) else ""
        leads = {0: lead}  # the lead-in of each depth: the paragraph, or the item above a nested list
        for item in block.items:
            if not _continues(leads.get(item.depth, ""), item.text.strip()):
                out += split_sentences(item.text, lang)
            leads[item.depth + 1] = item.text
        return out
    return []  # tables, code and pictures go to notes and their own slides, never to points


def section_sentences(section: Section, lang: str, counter: list[int]) -> list[Sentence]:
    """Sentences of a section's own blocks (not its subsections)."""
    out = []
    blocks = section.blocks
    for i, block in enumerate(blocks):
        after = blocks[i + 1] if i + 1 < len(blocks) else None
        if quotation(block, after) is not None or (i and attribution_line(block)
                                                    and quotation(blocks[i - 1], block) is not None):
            continue  # a quotation is shown on a slide of its own, with its attribution: never as points
        for k, text in enumerate(_block_sentences(block, lang, blocks[i - 1] if i else None), 1):
            counter[0] += 1
            out.append(Sentence(text, section.id, block.line, k, counter[0], k == 1))
    return out


def section_sentence_text(section: Section, lang: str) -> str:
    """The running text of a section and its subsections, sentence after sentence (what YAKE reads)."""
    return " ".join(t for sub in section.walk() for b in sub.blocks for t in _block_sentences(b, lang))


# --------------------------------------------------------------------------- notes


def table_sentences(table: Table, lang: str) -> str:
    """A table read aloud: one line per row, "header: value" for each filled cell."""
    sep, semi = (" : ", " ; ") if lang == "fr" else (": ", "; ")
    lines = []
    for row in table.rows:
        pairs = [f"{h}{sep}{v}" if h else v for h, v in zip(table.header, row) if v]
        if pairs:
            lines.append(semi.join(pairs) + ".")
    return "\n".join(lines)


def block_notes(block, lang: str) -> str:
    if isinstance(block, Table):
        return table_sentences(block, lang)
    return block_text(block)


def own_text(section: Section, lang: str) -> str:
    """The text of a section's own blocks, as notes."""
    return "\n\n".join(t for t in (block_notes(b, lang) for b in section.blocks) if t.strip())


def full_text(section: Section, lang: str, skip: frozenset[str] = frozenset()) -> str:
    """A section's own text then each subsection's (but those in `skip`), titled, as the presenter reads them."""
    parts = [own_text(section, lang)]
    for child in section.children:
        if is_reference_section(child, last=False) or child.id in skip:
            continue  # its items go to the outline's references
        heading = f"{child.number} {child.title}".strip()
        parts.append(heading + "\n\n" + full_text(child, lang))
    return "\n\n".join(p for p in parts if p.strip()).strip()


# --------------------------------------------------------------------------- section roles and references


# Cues are word beginnings in accent-free lower case ("technolog" matches "technologiques");
# a trailing \b makes a short cue a whole word ("vers" is not "version").
_ROLE_CUES = {
    "conclusion": (r"conclusion", r"en resume", r"synthese", r"summary", r"closing", r"final thoughts",
                   r"pour conclure", r"bilan", r"key takeaways", r"a retenir", r"wrap up"),
    "use-cases": (r"cas d usage", r"usages?\b", r"applications?\b", r"use cases?\b", r"exemples?\b",
                  r"retours? d experience", r"case stud", r"etudes? de cas", r"in practice", r"en pratique",
                  r"deploiement", r"deployment"),
    "outlook": (r"perspective", r"future", r"futur", r"avenir", r"outlook", r"vers\b", r"toward", r"roadmap",
                r"feuille de route", r"prochaine", r"next steps?\b", r"what s next", r"tendance", r"trend",
                r"prospective"),
    "stakes": (r"enjeu", r"ethique", r"ethic", r"risque", r"risk", r"stakes?\b", r"challenge", r"defis?\b",
               r"limites?\b", r"limitation", r"societ", r"regulation", r"reglementation", r"gouvernance",
               r"governance"),
    "technology": (r"avancees technologiques", r"technolog", r"architecture", r"method", r"technique",
                   r"approach", r"approche", r"implementation", r"mise en oeuvre", r"fonctionnement",
                   r"how it works", r"algorithm", r"models?\b", r"modeles?\b", r"panorama", r"state of the art",
                   r"etat de l art"),
    "context": (r"introduction", r"contexte", r"context\b", r"overview", r"background", r"preambule",
                r"avant propos", r"foreword", r"motivation", r"presentation", r"why\b", r"pourquoi"),
}
# When a title announces several parts ("Défis techniques et perspectives"), the one that drives the
# talk's order wins: a conclusion is a conclusion, use cases lead, outlook closes.
_ROLE_PRECEDENCE = ("conclusion", "use-cases", "outlook", "stakes", "technology", "context")


def _cue_counts(text: str) -> dict[str, int]:
    norm = " " + slugify(text, "").replace("-", " ") + " "
    return {role: sum(len(re.findall(rf"\s{c}", norm)) for c in cues) for role, cues in _ROLE_CUES.items()}


def section_role(section: Section, lang: str) -> str:
    """The part of the story a top-level section tells, from its title, else its subtitles, else its text."""
    for text, threshold in ((section.title, 1), (" ".join(c.title for c in section.children), 2),
                            (full_text(section, lang), 4)):
        counts = _cue_counts(text)
        best = max(counts.values())
        if best >= threshold:
            return next(r for r in _ROLE_PRECEDENCE if counts[r] == best)
    return "other"


_REFERENCE_TITLES = {"references", "reference", "bibliographie", "bibliography", "sources", "works cited",
                     "ouvrages cites", "further reading", "lectures complementaires", "pour aller plus loin",
                     "webographie", "notes et references", "citations", "liens", "links", "literature",
                     "ressources externes", "external resources", "ressources", "resources", "voir aussi", "see also",
                     "liens utiles", "useful links"}
_CITATION = re.compile(r"https?://|doi\.org|\bdoi:|\bet al\.|\(\s*(?:19|20)\d\d\s*\)|\b(?:19|20)\d\d\b|«|“|\"")


def is_reference_section(section: Section, *, last: bool) -> bool:
    """A list of sources: titled so, or — at the end of the document — nothing but citation-like items."""
    title = slugify(section.title, "").replace("-", " ")
    if title in _REFERENCE_TITLES or title.split(" ")[0] in ("references", "bibliographie", "bibliography"):
        return True
    if not last or section.children or not section.blocks:
        return False
    if not all(isinstance(b, ListBlock) for b in section.blocks):
        return False
    items = [i.text for b in section.blocks for i in b.items]
    return sum(bool(_CITATION.search(i)) for i in items) >= 0.6 * len(items)


def reference_items(section: Section) -> list[str]:
    out: list[str] = []
    for s in section.walk():
        for b in s.blocks:
            if isinstance(b, ListBlock):
                out += [i.text for i in b.items if i.text.strip()]
            elif isinstance(b, Paragraph | Quote):
                out.append(b.text)
    return out
