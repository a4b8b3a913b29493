"""The cover's motifs by name, and what each one paints besides the shared backdrop."""

from __future__ import annotations

from collections.abc import Callable

from .motif_flow import paint_flow
from .motif_geometric import paint_geometric
from .motif_network import paint_network
from .motif_organic import paint_organic
from .names import MOTIFS

# "brain" is drawn by its own layers (brain, body, network, network_draw) in draw.py: its sequence of
# random draws is what keeps the committed covers byte-identical.
PAINTERS: dict[str, Callable[..., None]] = {
    "network": paint_network,
    "flow": paint_flow,
    "geometric": paint_geometric,
    "organic": paint_organic,
}


def check_motif(motif: str) -> str:
    if motif not in MOTIFS:
        raise ValueError(f"unknown cover motif {motif!r} (motifs: {', '.join(MOTIFS)})")
    return motif
