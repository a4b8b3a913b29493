"""The per-slide rules of `deckgen check` (severities and their reasons: `deckgen.check`).

`check_slide` runs every rule on one slide and returns its findings; the deck-level timing is
`deckgen.check.timing`'s and the rendered overflow `deckgen.check.rendered`'s.
"""

from __future__ import annotations

import re

from deckgen.check.pptx.colour import Rgb, contrast_ratio, hex_of
from deckgen.check.pptx.fill import background_behind
from deckgen.check.pptx.fit import Fit, grows_with_text, measure_fit
from deckgen.check.pptx.shapes import FOOTER_TYPES, TITLE_TYPES, Shape
from deckgen.check.pptx.slide import SlideContext, notes_text
from deckgen.check.pptx.text import Paragraph, Run, paragraphs
from deckgen.check.pptx.xml import EMU_PER_PT, A, P
from deckgen.contrast import AA as MIN_CONTRAST

from .report import Finding, short

OVER_ERROR = 1.05          # more than 5 % over → error; under that it is measurement noise
MIN_BODY_PT = 18.0
FOOTER_BAND = 0.12         # bottom share of the slide where short lines count as footers
OFF_TOLERANCE_PT = 1.0

_FILE_ALT = re.compile(r"^[\w\-. ()]+\.(png|jpe?g|gif|bmp|svg|emf|wmf|tiff?|webp|heic)$", re.IGNORECASE)
_GENERIC_ALT = {"image", "picture", "photo", "img", "graphic", "figure", "logo"}


def check_slide(ctx: SlideContext, titles: dict[str, int]) -> list[Finding]:
    """Findings of one slide; `titles` (title → first slide) carries across slides for duplicates."""
    out = _title(ctx, titles)
    has_content = False
    for shape in ctx.shapes:
        if shape.hidden:
            continue  # hidden shapes are not shown in a show
        has_text = shape.has_text()
        if shape.kind == "sp" and shape.is_placeholder and not has_text:
            continue  # empty placeholders are not drawn in a show
        is_content = has_text or shape.kind in ("pic", "graphicFrame")
        has_content = has_content or (is_content and shape.ph_type not in FOOTER_TYPES)
        out += _off_slide(ctx, shape, is_content)
        if shape.kind == "pic":
            out += _alt_text(ctx, shape)
        if not has_text:
            continue
        if shape.kind == "graphicFrame":
            out += _table_text(ctx, shape)
        elif shape.kind == "sp":
            out += _text(ctx, shape)
    if not has_content:
        out.append(_finding(ctx, "error", "empty-slide", "the slide has no text and no picture"))
    if not notes_text(ctx.slide).strip():
        out.append(_finding(ctx, "warning", "no-notes", "no speaker notes"))
    return out


def _finding(ctx: SlideContext, severity: str, code: str, message: str, shape: Shape | None = None) -> Finding:
    return Finding(ctx.number, severity, code, message, shape.name if shape else None)


def _title(ctx: SlideContext, titles: dict[str, int]) -> list[Finding]:
    shape = next((s for s in ctx.shapes if s.ph_type in TITLE_TYPES and s.owner == "slide"), None)
    if shape is None:
        return [_finding(ctx, "error", "no-title", "no title placeholder: give the slide a title (screen "
                         "readers and the outline view use it)")]
    title = " ".join(shape.text().split())
    if not title:
        return [_finding(ctx, "error", "no-title", f"the title {shape.label} is empty", shape)]
    key = title.casefold()
    in_named_part = key in titles and titles[key] == titles.get(_DIVIDER)
    if _is_divider(ctx):
        titles[_DIVIDER] = ctx.number
    if in_named_part:
        # a section divider announces its part and one slide of the part carries the same name (its
        # opening): a heading said again inside its own part, not two slides an audience could confuse
        titles[key] = ctx.number  # a second repeat is compared with this slide, and reported
        return []
    if key in titles:
        return [_finding(ctx, "warning", "duplicate-title", f"title \"{short(title)}\" is the same as slide "
                         f"{titles[key]}: make it distinct (e.g. add what this slide adds)", shape)]
    titles[key] = ctx.number
    return []


_DIVIDER = "\0last divider"  # a key no title can have: the number of the last section divider seen
_DIVIDER_LAYOUTS = {"section header", "en-tête de section", "section", "section title", "divider"}


def _is_divider(ctx: SlideContext) -> bool:
    """A section divider, by its layout's name (PowerPoint's, LibreOffice's, French or English)."""
    return (ctx.layout.name or "").strip().casefold() in _DIVIDER_LAYOUTS


def _off_slide(ctx: SlideContext, shape: Shape, is_content: bool) -> list[Finding]:
    W, H, tol = ctx.deck.width_pt, ctx.deck.height_pt, OFF_TOLERANCE_PT
    outside = (shape.x < -tol or shape.y < -tol or shape.right > W + tol or shape.bottom > H + tol)
    if not (outside and shape.w >= 0 and shape.h >= 0):
        return []
    fully = (shape.right <= 0 or shape.bottom <= 0 or shape.x >= W or shape.y >= H)
    where = _off_where(shape, W, H)
    bleed = (shape.kind == "pic" and shape.x <= tol and shape.y <= tol
             and shape.right >= W - tol and shape.bottom >= H - tol)
    if bleed or (shape.kind == "pic" and shape.decorative):
        return [_finding(ctx, "info", "off-slide", f"picture {shape.label} bleeds off the slide ({where})", shape)]
    if is_content:
        return [_finding(ctx, "error", "off-slide", f"{shape.label} is {'entirely' if fully else 'partly'} "
                         f"outside the slide ({where})", shape)]
    if fully:
        return [_finding(ctx, "warning", "off-slide", f"decoration {shape.label} is entirely outside the "
                         f"slide ({where}): delete it or move it back", shape)]
    return [_finding(ctx, "info", "off-slide", f"decoration {shape.label} bleeds off the slide ({where})", shape)]


def _off_where(shape: Shape, W: float, H: float) -> str:
    parts = []
    if shape.x < 0:
        parts.append(f"{-shape.x:.0f} pt past the left edge")
    if shape.right > W:
        parts.append(f"{shape.right - W:.0f} pt past the right edge")
    if shape.y < 0:
        parts.append(f"{-shape.y:.0f} pt above the top")
    if shape.bottom > H:
        parts.append(f"{shape.bottom - H:.0f} pt below the bottom")
    return ", ".join(parts)


PLACEHOLDER_ALT = "Missing picture: "  # how deckgen's build marks a picture it could not use (cover/talk.py)


def _alt_text(ctx: SlideContext, shape: Shape) -> list[Finding]:
    if shape.decorative:
        return []
    c = shape.el.find(".//" + P + "cNvPr")
    descr = (c.get("descr") or "").strip() if c is not None else ""
    if not descr:
        return [_finding(ctx, "error", "no-alt-text", f"picture {shape.label} has no alt text: describe it "
                         "(or mark it decorative)", shape)]
    if descr.startswith(PLACEHOLDER_ALT):
        return [_finding(ctx, "warning", "missing-picture", f"picture {shape.label} is a placeholder: "
                         f"{short(descr[len(PLACEHOLDER_ALT):])} could not be used (missing, remote or outside "
                         "the talk's folders): put the file beside the document and rebuild", shape)]
    if _meaningless_alt(descr, shape.name):
        return [_finding(ctx, "error", "no-alt-text", f"picture {shape.label} has only \"{short(descr)}\" as "
                         "alt text (a file name, not a description): describe it", shape)]
    return []


def _meaningless_alt(descr: str, name: str) -> bool:
    """Alt text that tools write by default: a file name, the shape name or a bare "image"."""
    d = descr.strip()
    return bool(_FILE_ALT.match(d)) or d.casefold() == name.casefold() or d.casefold() in _GENERIC_ALT


def _table_text(ctx: SlideContext, shape: Shape) -> list[Finding]:
    """Tables: only the size of their text (their colours come from table styles)."""
    sizes = []
    for tc in shape.el.iter(A + "tc"):
        txb = tc.find(A + "txBody")
        if txb is not None:
            sizes += [r.size for p in paragraphs(ctx, shape, txb) for r in p.runs if r.text.strip()]
    if sizes and min(sizes) < MIN_BODY_PT:
        return [_finding(ctx, "warning", "small-text", f"table {shape.label} has {min(sizes):g} pt text "
                         f"(under {MIN_BODY_PT:g} pt is hard to read from the back)", shape)]
    return []


def _text(ctx: SlideContext, shape: Shape) -> list[Finding]:
    paras = paragraphs(ctx, shape)
    fit = measure_fit(ctx, shape)
    out = _fit(ctx, shape, fit) if fit is not None else []
    visible = [r for p in paras for r in p.runs if r.text.strip()]
    out += _small_text(ctx, shape, paras, visible, fit.font_scale if fit else 1.0)
    out += _contrast(ctx, shape, paras, visible)
    return out


def _is_footer_like(ctx: SlideContext, shape: Shape, paras: list[Paragraph]) -> bool:
    if shape.ph_type in FOOTER_TYPES:
        return True
    text = "\n".join(p.text for p in paras).strip()
    band = ctx.deck.height_pt * (1 - FOOTER_BAND)
    return shape.y >= band - 1 and "\n" not in text and len(text) <= 120


def _small_text(ctx: SlideContext, shape: Shape, paras: list[Paragraph], visible: list[Run],
                scale: float) -> list[Finding]:
    if not visible:
        return []
    smallest = min(r.size for r in visible) * scale
    if smallest >= MIN_BODY_PT - 0.05:
        return []
    scaled = f" (after shrink to {scale:.0%})" if scale < 0.999 else ""
    if _is_footer_like(ctx, shape, paras):
        return [_finding(ctx, "info", "small-text", f"footer {shape.label} is {smallest:.3g} pt{scaled}", shape)]
    return [_finding(ctx, "warning", "small-text", f"{shape.label} has {smallest:.3g} pt text{scaled}: "
                     f"under {MIN_BODY_PT:g} pt is hard to read from the back of the room", shape)]


def _contrast(ctx: SlideContext, shape: Shape, paras: list[Paragraph], visible: list[Run]) -> list[Finding]:
    bg = background_behind(ctx, shape)
    if bg.kind != "solid" or not bg.colors:
        return []  # a picture or an unreadable fill: nothing reliable to sample
    worst: tuple[float, Rgb, Rgb] | None = None
    for r in visible:
        if r.color is None:
            continue
        for b in bg.colors:
            ratio = contrast_ratio(r.color, b)
            if worst is None or ratio < worst[0]:
                worst = (ratio, r.color, b)
    if not worst or worst[0] >= MIN_CONTRAST:
        return []
    return [_finding(ctx, "warning" if _is_footer_like(ctx, shape, paras) else "error", "low-contrast",
                     f"{shape.label} text {hex_of(worst[1])} on {hex_of(worst[2])} has contrast "
                     f"{worst[0]:.1f}:1 (needs {MIN_CONTRAST:g}:1)", shape)]


def _inset_pt(chain: list, key: str) -> float:
    return next((int(b.get(key)) for b in chain if (b.get(key) or "").isdigit()), 45720) / EMU_PER_PT


def _fit(ctx: SlideContext, shape: Shape, fit: Fit) -> list[Finding]:
    W, H = ctx.deck.width_pt, ctx.deck.height_pt
    label, ratio = shape.label, fit.ratio
    over_h = fit.needed_h - fit.avail_h
    over_w = fit.needed_w - fit.avail_w

    if grows_with_text(ctx, shape):
        # the box grows with its text: only running off the slide matters
        out: list[Finding] = []
        chain = shape.body_pr_chain()
        grown_bottom = shape.y + max(shape.h, fit.needed_h + _inset_pt(chain, "tIns") + _inset_pt(chain, "bIns"))
        if grown_bottom > H + OFF_TOLERANCE_PT and over_h > 0:
            out.append(_finding(ctx, "error", "overflow", f"{label} grows with its text and runs "
                                f"{grown_bottom - H:.0f} pt below the bottom of the slide "
                                f"(needs {fit.needed_h:.0f} pt of height)", shape))
        if over_w > 0 and shape.x + fit.needed_w > W + OFF_TOLERANCE_PT:
            out.append(_finding(ctx, "error", "overflow", f"{label} has a line {over_w:.0f} pt wider than "
                                "its box that runs past the right edge of the slide", shape))
        return out

    sev = "error" if ratio > OVER_ERROR else "warning"
    if over_h >= over_w * (fit.avail_h / max(1.0, fit.avail_w)) and over_h > 0:
        why = f"needs {fit.needed_h:.0f} pt of height, the box has {fit.avail_h:.0f} pt ({ratio - 1:.0%} over)"
    else:
        why = f"a line is {fit.needed_w:.0f} pt wide, the box has {fit.avail_w:.0f} pt ({ratio - 1:.0%} over)"

    if fit.autofit == "norm" and not fit.has_scale and not fit.autofit_explicit:
        if ratio <= 1.0:
            return []
        return [_finding(ctx, sev, "overflow", f"text of {label} does not fit: {why} (its layout asks to "
                         "shrink text on overflow, but PowerPoint only does that once the text is edited)",
                         shape)]
    if fit.autofit == "norm" and not fit.has_scale:
        if ratio > 1.0:
            return [_finding(ctx, sev, "autofit-no-scale", f"text of {label} does not fit: {why}; it is set "
                             "to shrink on overflow but stores no fontScale, so PowerPoint shows it at full "
                             "size until someone edits it", shape)]
        return [_finding(ctx, "warning", "autofit-no-scale", f"{label} is set to shrink text on overflow but "
                         "stores no fontScale; it fits at full size today, but PowerPoint only recomputes "
                         "the shrink when the text is edited", shape)]
    if ratio <= 1.0:
        return []
    shrunk = f" even shrunk to {fit.font_scale:.0%}" if fit.font_scale < 0.999 else ""
    return [_finding(ctx, sev, "overflow", f"text of {label} does not fit{shrunk}: {why}", shape)]
