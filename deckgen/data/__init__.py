"""Bundled data files (glossaries of common jargon per language)."""
