"""cover: the pastel cover illustration, drawn with Pillow, deterministic for a given seed.

In: a seed, a size, a `CoverPalette` (`from_theme` derives one from a `Theme`), the zone the title
will sit on. Out: a PIL image or PNG bytes written atomically. `draw` is the public face; `args`,
`palette`, `background`, `brain`, `body`, `network`, `network_draw` and `zone` are its layers.
`image` fits a picture a person supplied. With the text measurer, the only Pillow code that draws.
"""

from .draw import DEFAULT_PALETTE, MAX_INPUT_PIXELS, CoverPalette, cover_png_bytes, draw_cover, fit_image, write_cover

__all__ = ["DEFAULT_PALETTE", "MAX_INPUT_PIXELS", "CoverPalette", "cover_png_bytes", "draw_cover", "fit_image",
           "write_cover"]
