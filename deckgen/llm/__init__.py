"""llm: the optional abstractive distiller for any OpenAI-compatible Chat Completions server.

Nothing here runs unless asked for (`--distiller openai`): the default distiller is extractive and
offline. Whatever a model proposes passes the faithfulness guard before it reaches an outline.

`client` speaks HTTP (urllib, bounded retries), `reply` validates the JSON contract, `guard` checks
faithfulness, `cache` stores replies beside the outline, `prompt` writes the messages, `distiller`
rewrites the points slide by slide, `run` is what the api calls.
In: the extractive `deckgen.outline.Outline` and its `deckgen.document.Document`. Out: an `Outline`
whose points are the model's. Imports no third-party library.
"""
