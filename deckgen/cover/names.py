"""The cover motifs' names, apart from their drawing code: choosing a motif from a talk's words
(`vocabulary`, at distill time) does not load the painters."""

MOTIFS = ("brain", "network", "flow", "geometric", "organic")
