"""distill: `Document` → `Outline` (deterministic, offline).

For every top-level section: a role in the story, slides for each audience level, short points
taken from the section's own sentences, the jargon on each slide, and speaker notes carrying the
full text. Points are chosen by extractive summarisation:

1. sentences are split with pysbd (`sentences`) and scored by centrality (`keyphrases`: TF-IDF
   cosine to the group's centroid and TextRank over the sentence-similarity graph);
2. each sentence is shortened by deletion only (`shorten`) to fit the level's word limit;
3. points are picked greedily by maximal marginal relevance (`points`): centrality plus the YAKE
   keyphrases a point newly covers, minus its similarity to points already picked.

`sections` reads the document's text and roles, `slides` builds each section's outline slides,
`glossary` finds the jargon, `to_outline` is the entry point.
In: `deckgen.document.Document`. Out: `deckgen.outline.Outline`.
Only this package imports pysbd and yake.
"""

from .to_outline import document_to_outline, keyphrase_coverage

__all__ = ["document_to_outline", "keyphrase_coverage"]
