"""plan: `Outline` + audience level + `Theme` → `DeckPlan` (which slides, in which order, split to fit, timed).

`planner` orders and filters the slides for a level, `pages` splits what does not fit into
continuation slides (text measured with `deckgen.measure`), `timing` estimates each slide's speaking
time, `fold` folds the least essential slides of a deck far over its slot, `layout` is the slide
geometry shared with the renderer, `deckplan` the plan's data, `i18n` the fixed wording decks add.
Pure: no I/O, no randomness, warnings returned as data. No third-party imports.
"""

from .deckplan import DeckPlan, Item, PlannedPicture, PlannedSlide
from .planner import audience_for, levels_of, outline_to_plan

__all__ = ["DeckPlan", "Item", "PlannedPicture", "PlannedSlide", "audience_for", "levels_of", "outline_to_plan"]
