"""Build Rundabord's own deck template, export/templates/rundabord.pptx, from python-pptx's
default template, the same bytes every time:

    .venv/bin/python tools/deck_template.py        # writes the file
    .venv/bin/python tools/deck_template.py --check  # exits 1 if the file is not what it builds

What it changes:

- 16:9 (13.333 x 7.5 in), every master and layout position widened;
- a calm palette (the theme's colours, so tables and charts use it too) in which every
  text colour meets WCAG AA on its background: slate text on white (14:1), navy titles
  (12:1), white on the teal of table headers and bars (5.5:1);
- titles at 36 pt, left-aligned under a teal rule; body text at 24 pt, its second level
  at 20 pt (the deck writes its lists at 20 pt);
- the title slide and the section dividers on navy, their text white;
- the footer (the deck writes the workshop's name and date there) and the slide number
  in slate at 14 pt;
- a "Statement" layout (in place of the unused "Title and Vertical Text"): the title as on
  a content slide, below it one text place of three lines at 36 pt, centred in the slide's
  height, for a list too short to fill a content slide (a single highlight).
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.enum.dml import MSO_THEME_COLOR
from pptx.enum.shapes import MSO_SHAPE
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.presentation import Presentation as PresentationType
from pptx.util import Emu

TEMPLATE = Path(__file__).resolve().parent.parent / "export" / "templates" / "rundabord.pptx"
WIDE = Emu(12192000)  # 13.333 in
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
NS = {"a": A, "p": P}

COLOURS = {
    "dk1": "1E2A33",  # text: slate
    "lt1": "FFFFFF",
    "dk2": "16365C",  # titles, the title slide and dividers: navy
    "lt2": "EEF2F6",
    "accent1": "1F6F8B",  # teal: the rule under titles, table headers, bars
    "accent2": "C2571A",
    "accent3": "4A7F3B",
    "accent4": "6B4E9B",
    "accent5": "2E7D8C",
    "accent6": "8C6A16",
    "hlink": "1F5FA8",
    "folHlink": "6B4E9B",
}
TITLE_SIZE = 3600  # hundredths of a point
BODY_SIZES = (2400, 2000, 2000, 2000, 2000, 2000, 2000, 2000, 2000)
FOOTER_SIZE = 1400
DARK_LAYOUTS = ("Title Slide", "Section Header")
STATEMENT = "Statement"
STATEMENT_HEIGHT = 1905000  # 150 pt: three lines at 36 pt
STATEMENT_SIZE = 3600


def build() -> bytes:
    prs = Presentation()
    _widen(prs)
    _colours(prs)
    master = prs.slide_masters[0]
    styles = master.element.find("p:txStyles", NS)
    _level(styles.find("p:titleStyle/a:lvl1pPr", NS), TITLE_SIZE, "tx2", align="l")
    for number, size in enumerate(BODY_SIZES, start=1):
        _level(styles.find(f"p:bodyStyle/a:lvl{number}pPr", NS), size, "tx1")
    _rule(prs)
    for shape in list(master.placeholders):  # type: ignore[misc]
        if shape.placeholder_format.type is not None and shape.name.split()[0] in ("Footer", "Slide", "Date"):
            _text_style(shape._element, FOOTER_SIZE, "tx1")
    _footer_place(prs)
    for layout in prs.slide_layouts:
        if layout.name in DARK_LAYOUTS:
            _dark(layout)
    _statement(prs)
    buffer = io.BytesIO()
    prs.save(buffer)
    return _without_dates(buffer.getvalue())


def _without_dates(package: bytes) -> bytes:
    """The same package with every member dated 1980-01-01, so a build is the same bytes
    whenever it runs."""
    source = zipfile.ZipFile(io.BytesIO(package))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            info = zipfile.ZipInfo(member.filename, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, source.read(member.filename))
    return out.getvalue()


def _widen(prs: PresentationType) -> None:
    """The default template is 4:3; projectors and reports today are 16:9. Every position is
    read before any is changed: a layout's placeholder without one of its own inherits the
    master's, which must not be widened twice."""
    factor = WIDE / int(prs.slide_width or WIDE)
    prs.slide_width = WIDE
    boxes = [
        (shape, shape.left, shape.top, shape.width, shape.height)
        for master in prs.slide_masters
        for shape in [*master.shapes, *(s for layout in master.slide_layouts for s in layout.placeholders)]
    ]
    for shape, left, top, width, height in boxes:
        if left is None or top is None or width is None or height is None:
            continue
        shape.left, shape.width = Emu(round(left * factor)), Emu(round(width * factor))
        shape.top, shape.height = top, height


def _footer_place(prs: PresentationType) -> None:
    """The footer wide and left-aligned along the bottom (a workshop's name and date fit on
    one line), the slide number at the right."""
    height = int(prs.slide_height or 6858000)
    width = int(prs.slide_width or WIDE)
    margin, tall = 457200, 369332  # 0.5 in; one line at 14 pt
    top = height - tall - 182880
    masters = list(prs.slide_masters)
    shapes = [
        s for m in masters for s in [*m.placeholders, *(p for la in m.slide_layouts for p in la.placeholders)]
    ]
    for shape in shapes:
        kind = str(shape.placeholder_format.type)
        if "FOOTER" in kind:
            shape.left, shape.top, shape.width, shape.height = margin, top, round(width * 0.7), tall
            _align(shape._element, "l")
        elif "SLIDE_NUMBER" in kind:
            shape.left, shape.top, shape.width, shape.height = width - margin - 914400, top, 914400, tall


def _align(shape: etree._Element, align: str) -> None:
    styles = shape.find("p:txBody/a:lstStyle", NS)
    if styles is None:
        return
    level = styles.find("a:lvl1pPr", NS)
    if level is not None:
        level.set("algn", align)


def _colours(prs: PresentationType) -> None:
    theme = prs.slide_masters[0].part.part_related_by(RT.THEME)
    root = etree.fromstring(theme.blob)
    scheme = root.find(".//a:clrScheme", NS)
    scheme.set("name", "Rundabord")
    for name, value in COLOURS.items():
        slot = scheme.find(f"a:{name}", NS)
        slot.clear()
        etree.SubElement(slot, f"{{{A}}}srgbClr", val=value)
    theme._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _level(level: etree._Element, size: int, colour: str, align: str | None = None) -> None:
    if align:
        level.set("algn", align)
    run = level.find("a:defRPr", NS)
    run.set("sz", str(size))
    for fill in run.findall("a:solidFill", NS):
        run.remove(fill)
    fill = etree.Element(f"{{{A}}}solidFill")
    etree.SubElement(fill, f"{{{A}}}schemeClr", val=colour)
    run.insert(0, fill)


def _text_style(shape: etree._Element, size: int, colour: str) -> None:
    """A placeholder's own first-level text style: its size and colour."""
    body = shape.find("p:txBody", NS)
    styles = body.find("a:lstStyle", NS)
    if styles is None:
        styles = etree.Element(f"{{{A}}}lstStyle")
        body.insert(1, styles)
    level = styles.find("a:lvl1pPr", NS)
    if level is None:
        level = etree.SubElement(styles, f"{{{A}}}lvl1pPr")
    if level.find("a:defRPr", NS) is None:
        etree.SubElement(level, f"{{{A}}}defRPr")
    _level(level, size, colour)


def _rule(prs: PresentationType) -> None:
    """A short teal rule under the master's title."""
    master = prs.slide_masters[0]
    title = next(s for s in list(master.placeholders) if s.placeholder_format.idx == 0)  # type: ignore[misc]
    top = int(title.top or 0) + int(title.height or 0) - 30000
    # A master has no add_shape: the rule is drawn on a scratch slide and moved.
    scratch = prs.slides.add_slide(prs.slide_layouts[6])
    rule = scratch.shapes.add_shape(MSO_SHAPE.RECTANGLE, title.left, Emu(top), Emu(1371600), Emu(54864))
    rule.name = "Rule"
    rule.fill.solid()
    rule.fill.fore_color.theme_color = MSO_THEME_COLOR.ACCENT_1
    rule.line.fill.background()
    master.shapes._spTree.append(rule._element)
    slides = prs.slides._sldIdLst
    prs.part.drop_rel(slides[-1].rId)
    slides.remove(slides[-1])


def _statement(prs: PresentationType) -> None:
    """The vertical-text layout made the "Statement" layout: its text horizontal, centred in
    the space below the title, three lines high."""
    layout = next(la for la in prs.slide_layouts if la.name == "Title and Vertical Text")
    element = layout._element
    element.set("type", "tx")
    element.find("p:cSld", NS).set("name", STATEMENT)
    content = next(la for la in prs.slide_layouts if la.name == "Title and Content")
    place = next(p for p in list(content.placeholders) if p.placeholder_format.idx == 1)  # type: ignore[misc]
    body = next(p for p in list(layout.placeholders) if p.placeholder_format.idx == 1)  # type: ignore[misc]
    top = int(place.top or 0) + (int(place.height or 0) - STATEMENT_HEIGHT) // 2
    body.left, body.top, body.width, body.height = place.left, Emu(top), place.width, Emu(STATEMENT_HEIGHT)
    body.name = "Statement Placeholder 2"
    body._element.find("p:nvSpPr/p:nvPr/p:ph", NS).attrib.pop("orient")
    text = body._element.find("p:txBody/a:bodyPr", NS)
    text.attrib.pop("vert")
    text.set("anchor", "ctr")
    _text_style(body._element, STATEMENT_SIZE, "tx1")


def _dark(layout: object) -> None:
    """Navy behind the layout, its title and text white, and no rule."""
    element = layout._element  # type: ignore[attr-defined]
    data = element.find("p:cSld", NS)
    background = etree.Element(f"{{{P}}}bg")
    properties = etree.SubElement(background, f"{{{P}}}bgPr")
    fill = etree.SubElement(properties, f"{{{A}}}solidFill")
    etree.SubElement(fill, f"{{{A}}}schemeClr", val="tx2")
    etree.SubElement(properties, f"{{{A}}}effectLst")
    data.insert(0, background)
    element.set("showMasterSp", "0")  # no rule on navy
    for shape in layout.placeholders:  # type: ignore[attr-defined]
        kind = shape.placeholder_format.type
        size = TITLE_SIZE + 800 if kind is not None and "TITLE" in str(kind) else 2400
        if "FOOTER" in str(kind) or "SLIDE_NUMBER" in str(kind) or "DATE" in str(kind):
            size = FOOTER_SIZE
        _text_style(shape._element, size, "bg1")


def main() -> int:
    built = build()
    if "--check" in sys.argv[1:]:
        same = TEMPLATE.exists() and TEMPLATE.read_bytes() == built
        print(
            "template is up to date"
            if same
            else f"{TEMPLATE} differs from what tools/deck_template.py builds"
        )
        return 0 if same else 1
    TEMPLATE.parent.mkdir(parents=True, exist_ok=True)
    TEMPLATE.write_bytes(built)
    print(f"wrote {TEMPLATE} ({len(built)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
