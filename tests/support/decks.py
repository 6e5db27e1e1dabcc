"""How much of its body a deck's slide fills, estimated from the placeholders' sizes and
the text's font sizes alone (independent of how export/deck.py decides its layouts)."""

from __future__ import annotations

import io
import math

from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.util import Pt

BODY_TYPES = {PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT}
EXEMPT_LAYOUTS = ("Title Slide", "Section Header")  # title and divider slides
CHAR_WIDTH = 0.6  # of the font size: a generous average for a sans-serif font
LINE_HEIGHT = 1.2  # of the font size
INDENT = Pt(20)  # a bullet's or a level's indent


def fills(deck: bytes) -> list[tuple[str, float]]:
    """Each content slide's title and the share of its fullest body placeholder that its
    text takes (0 for a body left empty); title, divider and picture/chart/table slides
    (no body placeholder) are not listed."""
    found = []
    for slide in Presentation(io.BytesIO(deck)).slides:
        if slide.slide_layout.name in EXEMPT_LAYOUTS:
            continue
        bodies = [p for p in slide.placeholders if p.placeholder_format.type in BODY_TYPES]
        if not bodies:
            continue
        title = slide.shapes.title.text_frame.text if slide.shapes.title is not None else ""
        found.append((title, max(_fill(body) for body in bodies)))
    return found


def _fill(body: object) -> float:
    width, height = body.width, body.height  # type: ignore[attr-defined]
    used = 0.0
    for paragraph in body.text_frame.paragraphs:  # type: ignore[attr-defined]
        if not paragraph.text:
            continue
        size = next((run.font.size for run in paragraph.runs if run.font.size), Pt(20))
        room = width - INDENT * (1 + paragraph.level)
        chars = max(1, int(room / (size * CHAR_WIDTH)))
        lines = sum(max(1, math.ceil(len(part) / chars)) for part in paragraph.text.split("\n"))
        used += lines * size * LINE_HEIGHT
    return used / height
