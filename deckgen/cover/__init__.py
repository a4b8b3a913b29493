"""cover: the pastel cover illustration, drawn with Pillow, deterministic for a given seed.

In: a seed, a size, a `CoverPalette` (`from_theme` derives one from a `Theme`, a night one for a dark
theme), the zone the title will sit on, a motif. Out: a PIL image or PNG bytes written atomically.
`draw` is the public face; `args`, `palette`, `background`, `zone` and `sketch` are its shared layers;
the brain motif is `brain`, `body`, `network` and `network_draw`; the others are `motif_*`, named in
`motifs`. `vocabulary` picks the motif from a talk's words. `image` fits a picture a person supplied.
With the text measurer, the only Pillow code that draws.
"""

# The drawing modules load on first use: a build whose cover exists never pays for them.
__all__ = ["DEFAULT_PALETTE", "MAX_INPUT_PIXELS", "MOTIFS", "CoverPalette", "cover_png_bytes", "draw_cover",
           "fit_image", "write_cover"]


def __getattr__(name: str):
    if name in __all__:
        from . import draw

        return getattr(draw, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
