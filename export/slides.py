"""Placing text, pictures and charts on python-pptx slides, for the deck (export/deck.py)
and the compilation: the template's layouts found by their placeholders, lists set as
large as they fit, items in pages of lines, native bar charts, the footer, speaker notes,
and the language every text is marked with.

About 330 lines: the measuring rules (lines, pages, sizes) and the placing helpers that
use them belong together; export/deck.py decides what goes on which slide.
"""

from __future__ import annotations

import copy
import io
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar, cast

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.opc.packuri import PackURI
from pptx.oxml.ns import qn
from pptx.parts.chart import ChartPart
from pptx.presentation import Presentation as PresentationType
from pptx.slide import Slide, SlideLayout
from pptx.util import Emu, Pt

from export.charts import point_labels

T = TypeVar("T")

TEMPLATE = Path(__file__).resolve().parent / "templates" / "rundabord.pptx"  # tools/deck_template.py
BODY_TYPES = {PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT}
TITLE_TYPES = {PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE}
WIDE = Emu(12192000)  # 13.333 in: 16:9 at the default template's 7.5 in height
TALL = Emu(6858000)
LIST_SIZE = Pt(20)
ROOMY_SIZES = (32, 28, 24)  # a short list takes the largest that fits, else LIST_SIZE
CHART_SIZE = Pt(16)
CONTENT_TOP = 0.25  # of the slide's height: tables, charts and text boxes start below the title's rule
CHART_LABEL_SIZE = Pt(14)  # a bar's label: long ones (a track) must fit beside it
LONG_TITLE = 40  # characters; longer titles get TITLE_SIZE_LONG
TITLE_SIZE_LONG = Pt(32)  # the template's titles are 36 pt
# What fits in one body placeholder at LIST_SIZE (16:9, default template): a budget of
# lines, and characters per line (half as many in one of two columns).
LINES_PER_SLIDE = 11
CHARS_PER_LINE = 72
SLIDE_TEXT = 320  # characters of a long card a slide shows; its notes hold all of it
LANGUAGES = {"sv": "sv-SE", "en": "en-GB"}


@dataclass(frozen=True)
class Item:
    """One paragraph of a list: its text, how deep it is indented, and whether bold; a long
    card's whole text in `full` where the slide shows it shortened (`text_item`)."""

    text: str
    level: int = 0
    bold: bool = False
    full: str = ""

    @property
    def said(self) -> str:
        """What the speaker notes give of it: all of it."""
        return self.full or self.text


def shortened(text: str, limit: int = SLIDE_TEXT) -> str:
    """A long text cut at a word boundary before `limit` characters, with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:.-–")
    return f"{cut}…"


def text_item(text: str, level: int = 0, bold: bool = False) -> Item:
    """A participant's text as a list item: a long card (a reflection, a transcribed quote)
    shortened on the slide, whole in the notes (and in the report)."""
    short = shortened(text)
    return Item(short, level, bold, full=text if short != text else "")


def mark_language(prs: PresentationType, lang: str) -> None:
    """Every run of text in the deck (titles, lists, tables, notes, charts) marked with
    `lang`, and each chart's own language (straight in the XML: python-pptx's objects take a
    third of a second for a big deck)."""
    tag = LANGUAGES.get(lang, "sv-SE")
    trees = []
    for slide in prs.slides:
        trees.append(slide._element)
        if slide.has_notes_slide:
            trees.append(slide.notes_slide._element)
    for part in prs.part.package.iter_parts():
        if isinstance(part, ChartPart):
            chart = part._element
            trees.append(chart)
            language = chart.find(qn("c:lang"))
            if language is None:  # in the schema's order: after date1904
                language = chart.makeelement(qn("c:lang"), {})
                chart.insert(1 if chart.find(qn("c:date1904")) is not None else 0, language)
            language.set("val", tag)
    for tree in trees:
        for run in tree.iter(qn("a:r")):
            properties = run.find(qn("a:rPr"))
            if properties is None:
                properties = run.makeelement(qn("a:rPr"), {})
                run.insert(0, properties)
            properties.set("lang", tag)
        for properties in tree.iter(qn("a:endParaRPr"), qn("a:defRPr")):
            if properties.get("lang") is not None or tree.tag == qn("c:chartSpace"):
                properties.set("lang", tag)


def saved(prs: PresentationType) -> bytes:
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()


class Layouts:
    """The template's layouts for each kind of slide, found by their placeholders, so an
    organizer's own template works whatever order its layouts are in."""

    def __init__(self, prs: PresentationType) -> None:
        layouts = list(prs.slide_layouts)
        self.title = _find(layouts, lambda t, b: PP_PLACEHOLDER.CENTER_TITLE in t and b >= 1) or layouts[0]
        self.content = (
            _find(layouts, lambda t, b: PP_PLACEHOLDER.TITLE in t and b == 1)
            or layouts[min(1, len(layouts) - 1)]
        )
        self.two_content = _find(layouts, lambda t, b: PP_PLACEHOLDER.TITLE in t and b == 2) or self.content
        self.title_only = _find(layouts, lambda t, b: PP_PLACEHOLDER.TITLE in t and b == 0) or self.content
        # A section divider where the template has one (by its name; PowerPoint's Swedish too).
        self.section = next(
            (la for la in layouts if any(n in la.name for n in ("Section Header", "Avsnittsrubrik"))), None
        )
        self.statement = next((la for la in layouts if la.name == "Statement"), None)  # Rundabord's


def _find(layouts: list[SlideLayout], test: Callable[[set[object], int], bool]) -> SlideLayout | None:
    for layout in layouts:
        kinds: set[object] = {p.placeholder_format.type for p in list(layout.placeholders)}
        bodies = len([p for p in list(layout.placeholders) if p.placeholder_format.type in BODY_TYPES])
        if test(kinds, bodies):
            return layout
    return None


def slide_size(prs: PresentationType) -> tuple[int, int]:
    return int(prs.slide_width or WIDE), int(prs.slide_height or TALL)


def presentation(template: bytes | None) -> PresentationType:
    """The organizer's template, or Rundabord's own (tools/deck_template.py), without slides."""
    prs = Presentation(io.BytesIO(template if template is not None else TEMPLATE.read_bytes()))
    slide_ids = prs.slides._sldIdLst
    for slide_id in list(slide_ids):
        prs.part.drop_rel(slide_id.rId)
        slide_ids.remove(slide_id)
    _quick_partnames(prs)
    return prs


def _quick_partnames(prs: PresentationType) -> None:
    """python-pptx finds each new part's name (a slide, its notes) by walking every part of
    the package, which makes a deck of a hundred slides with notes take seconds: here the
    names in use are read once and each one handed out is remembered."""
    package: Any = prs.part.package
    used = {str(part.partname) for part in package.iter_parts()}

    def next_partname(template: str) -> PackURI:
        number = 1
        while template % number in used:
            number += 1
        used.add(template % number)
        return PackURI(template % number)

    package.next_partname = next_partname


def set_title(slide: Slide, text: str) -> None:
    """The slide's title; a long one in a smaller size, so it stays within its box."""
    for shape in slide.placeholders:
        if shape.placeholder_format.type in TITLE_TYPES:
            shape.text_frame.text = text
            if len(text) > LONG_TITLE and shape.placeholder_format.type == PP_PLACEHOLDER.TITLE:
                for run in shape.text_frame.paragraphs[0].runs:
                    run.font.size = TITLE_SIZE_LONG
            return


def bodies(slide: Slide) -> list[object]:
    return sorted(
        (
            p
            for p in slide.placeholders
            if p.placeholder_format.type in BODY_TYPES | {PP_PLACEHOLDER.SUBTITLE}
        ),
        key=lambda p: p.left or 0,
    )


def body(prs: PresentationType, slide: Slide) -> object:
    """The slide's body placeholder; a text box where the layout has none."""
    found = bodies(slide)
    if found:
        return found[0]
    width, height = slide_size(prs)
    margin, top = round(width * 0.06), round(height * CONTENT_TOP)
    return slide.shapes.add_textbox(
        Emu(margin), Emu(top), Emu(width - 2 * margin), Emu(height - top - margin)
    )


def roomy(items: list[Item], width: int, budget: int, sizes: Sequence[int] = ROOMY_SIZES) -> Pt:
    """The largest of `sizes` at which `items` (measured at LIST_SIZE in `width` characters
    and `budget` lines) still fit: a short list is set large enough to read from the back of
    the room and to fill its slide."""
    for size in sizes:
        scale = size / LIST_SIZE.pt
        if sum(line_count(item, round(width / scale)) for item in items) * scale <= budget:
            return Pt(size)
    return LIST_SIZE


def used(items: list[Item], width: int) -> float:
    """The lines of LIST_SIZE that `items` take on a slide, set as large as they fit."""
    scale = roomy(items, width, LINES_PER_SLIDE).pt / LIST_SIZE.pt
    return sum(line_count(item, round(width / scale)) for item in items) * scale


def fill(placeholder: object, items: list[Item], bullets: bool = True, size: Pt = LIST_SIZE) -> None:
    frame = placeholder.text_frame  # type: ignore[attr-defined]
    frame.word_wrap = True
    for number, item in enumerate(items):
        paragraph = frame.paragraphs[0] if number == 0 else frame.add_paragraph()
        paragraph.level = item.level
        run = paragraph.add_run()
        run.text = item.text
        run.font.size = size
        if item.bold:
            run.font.bold = True
        if not bullets:
            paragraph._p.get_or_add_pPr().insert(0, paragraph._p.makeelement(qn("a:buNone"), {}))


def picture(prs: PresentationType, slide: Slide, png: bytes, alt: str, right: int = 0) -> None:
    """The image below the title, as large as fits, keeping its proportions: centred, or
    leaving `right` free for something beside it. `alt`: its alternative text."""
    from PIL import Image

    with Image.open(io.BytesIO(png)) as image:
        ratio = image.width / image.height
    slide_width, slide_height = slide_size(prs)
    room = slide_width - right
    top = round(slide_height * 0.24)
    height = round(slide_height * 0.72)
    width = round(height * ratio)
    if width > room * 0.94:
        width = round(room * 0.94)
        height = round(width / ratio)
    left = (room - width) // 2 if not right else round(slide_width * 0.04)
    picture = slide.shapes.add_picture(io.BytesIO(png), Emu(left), Emu(top), Emu(width), Emu(height))
    element: Any = picture._element
    element.nvPicPr.cNvPr.set("descr", alt)


def bar_chart(
    prs: PresentationType,
    slide: Slide,
    name: str,
    bars: list[tuple[str, int]],
    left: int = 0,
    show_name: bool = False,
) -> None:
    """Horizontal bars below the title, the first at the top, each with its value: a
    native chart, so it stays editable in PowerPoint. From `left`, else centred wide."""
    _chart(prs, slide, name, [label for label, _v in bars], [(name, [v for _l, v in bars])], left, show_name)


Bars = Sequence[tuple[str, Sequence[int | None]]]  # each series' name and its values


def stacked_chart(
    prs: PresentationType,
    slide: Slide,
    categories: list[str],
    series: Bars,
) -> None:
    """Horizontal bars, each split by series (a meeting) in the palette's colours, with a
    legend: how a theme's cards, or a level's, came from the meetings."""
    _chart(prs, slide, "", categories, series, stacked=True)


def _chart(
    prs: PresentationType,
    slide: Slide,
    name: str,
    categories: list[str],
    series: Bars,
    left: int = 0,
    show_name: bool = False,
    stacked: bool = False,
) -> None:
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION

    width, height = slide_size(prs)
    left = left or round(width * 0.08)
    right = round(width * 0.04) if left > width * 0.3 else left
    data = CategoryChartData()
    data.categories = categories
    for series_name, values in series:
        data.add_series(series_name, values)
    top = round(height * CONTENT_TOP)
    frame: Any = slide.shapes.add_chart(  # a graphic frame, whatever the stubs say
        XL_CHART_TYPE.BAR_STACKED if stacked else XL_CHART_TYPE.BAR_CLUSTERED,
        Emu(left),
        Emu(top),
        Emu(width - left - right),
        Emu(round(height * 0.86) - top),  # above the footer
        cast(Any, data),
    )
    chart = frame.chart
    chart.has_legend = stacked
    if stacked:
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
        chart.legend.font.size = CHART_LABEL_SIZE
    chart.has_title = show_name  # not where the slide's title says it already
    if show_name:
        chart.chart_title.text_frame.text = name
    chart.font.size = CHART_SIZE
    chart.category_axis.tick_labels.font.size = CHART_LABEL_SIZE
    chart.category_axis.reverse_order = True  # the first bar at the top, as the list reads
    chart.value_axis.visible = False
    chart.value_axis.has_major_gridlines = False
    plot = chart.plots[0]
    plot.gap_width = 60
    plot.has_data_labels = True
    if stacked:
        plot.overlap = 100
        plot.data_labels.position = XL_LABEL_POSITION.CENTER
        plot.data_labels.font.size = CHART_LABEL_SIZE
        plot.data_labels.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)  # on the palette's dark bars
    else:
        plot.data_labels.position = XL_LABEL_POSITION.OUTSIDE_END
        plot.data_labels.font.size = CHART_SIZE


def scatter_chart(
    prs: PresentationType, slide: Slide, axes: tuple[str, str], points: list[tuple[str, str, float, float]]
) -> None:
    """Options placed on two scales of 1 to 5 (a 2 by 2): a native XY chart, a point per
    option labelled with its number, the scales named on the axes; beside it the key, each
    number with its option, so the room reads the chart without the table before it."""
    from pptx.chart.data import XyChartData
    from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_MARKER_STYLE
    from pptx.enum.dml import MSO_THEME_COLOR

    width, height = slide_size(prs)
    top = round(height * CONTENT_TOP)
    side = round(height * 0.86) - top
    left = round(width * 0.04)
    data = XyChartData()
    series = data.add_series(axes[1])
    for _number, _text, x, y in points:
        series.add_data_point(x, y)
    frame: Any = slide.shapes.add_chart(
        XL_CHART_TYPE.XY_SCATTER, Emu(left), Emu(top), Emu(side), Emu(side), cast(Any, data)
    )
    chart = frame.chart
    chart.has_legend = False
    chart.font.size = CHART_LABEL_SIZE
    for axis, name in ((chart.category_axis, axes[0]), (chart.value_axis, axes[1])):
        axis.minimum_scale, axis.maximum_scale, axis.major_unit = 1, 5, 1
        axis.has_title = True
        axis.axis_title.text_frame.text = name
        axis.has_major_gridlines = True
    plot = chart.plots[0]
    marker = plot.series[0].marker  # large dots in the palette's first colour, to read from afar
    marker.style, marker.size = XL_MARKER_STYLE.CIRCLE, 14
    marker.format.fill.solid()
    marker.format.fill.fore_color.theme_color = MSO_THEME_COLOR.ACCENT_1
    labels = point_labels([(number, x, y) for number, _text, x, y in points])
    for index, (text, on_left) in enumerate(labels):
        point_label = plot.series[0].points[index].data_label
        if not text:  # its number is beside a point near it: no label (an empty one shows the value)
            label = point_label._get_or_add_dLbl()
            for child in list(label)[1:]:  # all but its c:idx
                label.remove(child)
            label.append(label.makeelement(qn("c:delete"), {"val": "1"}))
            continue
        point_label.has_text_frame = True
        point_label.text_frame.text = text
        point_label.position = XL_LABEL_POSITION.LEFT if on_left else XL_LABEL_POSITION.RIGHT
    key_left = left + side + round(width * 0.03)
    _key(
        slide,
        [(number, text) for number, text, _x, _y in points],
        key_left,
        top,
        width - key_left - left,
        side,
    )


KEY_SIZES = (20, 18, 16, 14, 12)  # the largest at which a chart's key fits beside it
KEY_COLUMN = 16  # entries a column of the key holds before it takes two


def _key(slide: Slide, entries: list[tuple[str, str]], left: int, top: int, width: int, height: int) -> None:
    """A chart's key: each number with its text, one line each (a long text shortened), as
    large as it fits; many entries in two columns of a text box each."""
    columns = 1 if len(entries) <= KEY_COLUMN else 2
    rows = math.ceil(len(entries) / columns)
    sizes = KEY_SIZES if columns == 1 else KEY_SIZES[3:]  # two columns: room for their texts
    size = next((s for s in sizes if rows * s * 1.25 <= height / Pt(1)), sizes[-1])
    column_width = width // columns
    # A character takes about 0.58 of the size; the box's margins and the number come first.
    chars = max(12, round((column_width / Pt(1) - 14) / (size * 0.58)) - 4)
    for column in range(columns):
        box = slide.shapes.add_textbox(
            Emu(left + column * column_width), Emu(top), Emu(column_width), Emu(height)
        )
        frame = box.text_frame
        frame.word_wrap = True
        for index, (number, text) in enumerate(entries[column * rows : (column + 1) * rows]):
            paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
            for part, bold in ((f"{number}  ", True), (shortened(text, chars), False)):
                run = paragraph.add_run()
                run.text, run.font.size, run.font.bold = part, Pt(size), bold


def footer(slide: Slide, text: str) -> None:
    """The layout's footer (with `text`) and slide number on the slide: python-pptx leaves
    them out of a new slide. The number is a field, so it follows when slides move."""
    for shape in list(slide.slide_layout.placeholders):  # type: ignore[misc]
        kind = shape.placeholder_format.type
        if kind in (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER):
            element = copy.deepcopy(shape._element)
            slide.shapes._spTree.append(element)
            if kind == PP_PLACEHOLDER.FOOTER:
                added = next(p for p in slide.placeholders if p._element is element)
                added.text_frame.text = text


def notes(slide: Slide, lines: list[str]) -> None:
    """The speaker notes: what the slide shows, in full, one line each, for the presenter."""
    frame = slide.notes_slide.notes_text_frame if lines else None
    if frame is not None:
        frame.text = "\n".join(lines)


def line_count(item: Item, width: int) -> int:
    """Lines a paragraph takes, each paragraph of a multi-line text on its own lines."""
    return sum(max(1, math.ceil(len(part) / width)) for part in item.text.split("\n"))


def pages(items: list[T], lines: Callable[[T], int], budget: int) -> list[list[T]]:
    """Items in pages of at most `budget` lines, as few pages as that takes, and as even as
    they can be: a list that must continue never leaves a last slide nearly empty."""

    def filled(limit: int) -> list[list[T]]:
        pages: list[list[T]] = []
        used = 0
        for item in items:
            if not pages or (pages[-1] and used + lines(item) > limit):
                pages.append([])
                used = 0
            pages[-1].append(item)
            used += lines(item)
        return pages

    greedy = filled(budget)
    if len(greedy) < 2:
        return greedy
    even = math.ceil(sum(lines(item) for item in items) / len(greedy))
    return next(p for limit in range(even, budget + 1) if len(p := filled(limit)) == len(greedy))


def paginate(items: list[Item], width: int, budget: int) -> list[list[Item]]:
    """Pages of at most `budget` lines of `width` characters (a two-column slide holds
    twice as many)."""
    return pages(items, lambda item: line_count(item, width), budget)
