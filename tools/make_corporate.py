"""Regenerate corporate.pptx: a stand-in for a conference's own template.

Like real corporate templates it has a branded master (dark band, accent line), layouts renamed
in French, one layout missing (no "Section Header"), and an example slide that must not be kept.
Run: python tools/make_corporate.py
"""

from __future__ import annotations

from pathlib import Path

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.util import Emu, Pt

HERE = Path(__file__).resolve().parents[1] / "deckgen" / "data" / "templates"
RENAMES = {"Title Slide": "Diapositive de titre", "Title Only": "Titre seul",
           "Title and Content": "Titre et contenu"}


def main() -> None:
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(12192000), Emu(6858000)
    master = prs.slide_master
    master.background.fill.solid()
    master.background.fill.fore_color.rgb = RGBColor(0xFB, 0xFA, 0xF5)
    # python-pptx cannot add shapes to a master: draw on a scratch slide and move the element
    scratch = prs.slides.add_slide(prs.slide_layouts[6])
    band = scratch.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, prs.slide_height - Emu(228600),
                                    prs.slide_width, Emu(228600))
    band.fill.solid()
    band.fill.fore_color.rgb = RGBColor(0x1F, 0x3A, 0x5F)
    band.line.fill.background()
    band.name = "Brand band"
    master.shapes._spTree.append(band._element)
    ids = prs.slides._sldIdLst
    prs.part.drop_rel(ids[0].rId)
    ids.remove(ids[0])
    for layout in prs.slide_layouts:
        if layout.name in RENAMES:
            layout.name = RENAMES[layout.name]
    section = next(lay for lay in prs.slide_layouts if lay.name == "Section Header")
    prs.slide_layouts.remove(section)
    example = prs.slides.add_slide(prs.slide_layouts[0])
    example.shapes.title.text = "Conference 2025 — example slide (delete me)"
    tb = example.shapes.add_textbox(Emu(914400), Emu(914400 * 3), Emu(914400 * 6), Emu(914400))
    tb.text_frame.text = "Template example content"
    tb.text_frame.paragraphs[0].runs[0].font.size = Pt(20)
    prs.core_properties.title = "Corporate template"
    prs.save(HERE / "corporate.pptx")


if __name__ == "__main__":
    main()
