"""deckgen: Markdown whitepaper → editable YAML outline → one PowerPoint deck per audience level."""

__version__ = "0.1.0"
