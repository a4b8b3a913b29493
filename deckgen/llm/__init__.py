"""llm: the optional abstractive distiller for any OpenAI-compatible Chat Completions server.

Nothing here runs unless asked for (`--distiller openai`): the default distiller is extractive and
offline. Whatever a model proposes passes the faithfulness guard before it reaches an outline.
"""
