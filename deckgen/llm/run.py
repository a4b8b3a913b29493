"""What the distill stage calls: configure the client and the cache, rewrite an extractive outline."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .cache import ReplyCache, cache_folder
from .client import ChatClient, LLMConfig
from .distiller import LLMDistiller, LLMResult, limits_of, sections_by_line
from .guard import fold_words

DISTILLERS = ("extractive", "openai")


@dataclass(frozen=True)
class LLMOptions:
    """The command line's choice: which model (else DECKGEN_LLM_MODEL) and whether to use the cache."""

    model: str | None = None
    use_cache: bool = True


def rewrite_outline(outline: Any, doc: Any, *, outline_path: Path, options: LLMOptions,
                    audiences: tuple[Any, ...], stopwords: frozenset[str],
                    progress: Callable[[str], None] | None = None,
                    env: Mapping[str, str] | None = None) -> tuple[LLMResult, str]:
    """The outline with the model's points, and the model's name (for the outline's record)."""
    config = LLMConfig.from_env(options.model, os.environ if env is None else env)
    cache = ReplyCache(cache_folder(outline_path), enabled=options.use_cache)
    distiller = LLMDistiller(ChatClient(config), cache, stopwords=fold_words(stopwords),
                             limits=limits_of(audiences), lang=outline.meta.lang, progress=progress)
    return distiller.run(outline, sections_by_line(doc)), config.model
