"""The renderer's shortcuts around python-pptx and the text measure give what the plain ways give."""

from __future__ import annotations

import io
import posixpath
import subprocess
import sys

from PIL import Image as PILImage
from pptx import Presentation
from pptx.parts.image import Image as PptxImage
from pptx.util import Inches

from deckgen.measure import resolve_font_file, wrap
from deckgen.render import speedups

FONT = resolve_font_file("Carlito-Regular.ttf")


def test_rendering_loads_no_url_fetching_nor_exif_tables_but_they_still_work():
    code = ("import sys, deckgen.render, deckgen.measure; "
            "names = ('urllib.request', 'PIL.ExifTags', 'PIL.TiffTags'); "
            "print(*[type(sys.modules[m]).__name__ for m in names], 'http.client' in sys.modules); "
            "from PIL import ExifTags, Image, TiffTags; "
            "orientation = Image.new('RGB', (2, 2)).getexif().get(ExifTags.Base.Orientation); "
            "from urllib.request import Request, urlopen; import urllib.request; "
            "print(callable(urlopen), Request.__module__, urllib.request.urlopen is urlopen, orientation, "
            "TiffTags.lookup(256).name, int(ExifTags.Base.Orientation), "
            "*[type(sys.modules[m]).__name__ for m in names])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["_OnFirstUse"] * 3 + ["False"] + ["True", "urllib.request", "True", "None", "ImageWidth",
                                                             "274"] + ["module"] * 3


def _png(size: tuple[int, int], dpi: tuple[int, int] | None) -> bytes:
    buf = io.BytesIO()
    PILImage.new("RGB", size, "#88AACC").save(buf, "PNG", **({"dpi": dpi} if dpi else {}))
    return buf.getvalue()


def test_picture_headers_are_read_once_and_as_pillow_reads_them(tmp_path):
    speedups.speed_up_pptx()
    blobs = [_png((400, 300), (150, 150)), _png((30, 90), None)]
    jpeg = io.BytesIO()
    PILImage.new("RGB", (64, 48), "#336699").save(jpeg, "JPEG", dpi=(96, 96))
    blobs.append(jpeg.getvalue())
    for blob in blobs:
        first, second = PptxImage.from_blob(blob), PptxImage.from_blob(bytes(blob))  # equal bytes, two objects
        assert first._pil_props == speedups._read_props(first)
        assert second._pil_props is first._pil_props  # remembered, not read again
    # a deck shows each at python-pptx's own size for it (dpi honoured)
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    for i, blob in enumerate(blobs):
        (tmp_path / f"p{i}").write_bytes(blob)
        pic = slide.shapes.add_picture(str(tmp_path / f"p{i}"), 0, 0)
        fmt, (w, h), dpi = speedups._read_props(PptxImage.from_blob(blob))
        dpi = dpi or (72, 72)
        assert abs(pic.width - Inches(w / round(dpi[0]))) <= 1 and abs(pic.height - Inches(h / round(dpi[1]))) <= 1


def test_a_paragraph_wraps_alike_below_and_above_the_cached_length():
    words = "les modèles génératifs transforment la production de contenus et soulèvent des questions".split()
    long = " ".join(words[i % len(words)] for i in range(600))  # well over the 2,000 cached characters
    lines = wrap(long, FONT, 24, 500)
    head = " ".join(lines[:10])
    assert len(head) < 2000 < len(long)
    assert wrap(head, FONT, 24, 500) == lines[:10]
    assert wrap(head, FONT, 20, 500) != lines[:10]  # another size wraps elsewhere: not a stale cache


def test_rels_files_are_python_pptx_bytes_external_links_included(tmp_path):
    speedups.speed_up_pptx()
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[1])
    run = slide.shapes.title.text_frame.paragraphs[0].add_run()
    run.text = "a link"
    run.hyperlink.address = "https://example.org/a?b=1&c=<2>"
    png = tmp_path / "p.png"
    png.write_bytes(_png((20, 10), None))
    slide.shapes.add_picture(str(png), 0, 0)
    slide.shapes.add_picture(str(png), 0, 0)  # the same picture: one part, one relationship
    rels = slide.part.rels
    assert sum(1 for r in rels.values() if r.reltype.endswith("/image")) == 1
    assert any(r.is_external for r in rels.values())
    for part in [prs.part, slide.part]:
        assert speedups._rels_xml(part.rels) == speedups._pptx_rels_xml.fget(part.rels)


def test_relative_references_are_python_pptx_ones():
    from pptx.opc.packuri import PackURI

    speedups.speed_up_pptx()
    cases = [("/ppt/slideLayouts/slideLayout1.xml", "/ppt/slides"), ("/ppt/media/image3.png", "/ppt/slides"),
             ("/ppt/presentation.xml", "/"), ("/docProps/core.xml", "/"),
             ("/ppt/theme/theme1.xml", "/ppt/slideMasters"), ("/ppt/notesSlides/notesSlide2.xml", "/ppt/slides")]
    for partname, base in cases:
        expected = partname[1:] if base == "/" else posixpath.relpath(partname, base)
        assert PackURI(partname).relative_ref(base) == expected
