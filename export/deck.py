"""The summary deck (PPTX) in the structure organizers publish (seed 002): title, highlights
of the day, the participants' words, one slide per theme, colliding views, tracks for
further development, scribes' reflections, points from the final discussion, the
participants. Every text is real text in the layout's placeholders, so the deck stays
editable and searchable; a long list continues on further slides instead of overflowing.

The organizer's own .pptx can be the template: its masters, layouts and fonts are used
and its slides are dropped. Without one, Rundabord's own (export/templates/rundabord.pptx,
built by tools/deck_template.py): 16:9, a palette that meets WCAG AA, the workshop's name
and date in the footer, slide numbers.

About 410 lines: one deck in seed 002's order; every slide kind uses the same
layout helpers and continuation rules, so they read best in one place.
"""

from __future__ import annotations

import copy
import io
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar, cast

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.opc.packuri import PackURI
from pptx.oxml.ns import qn
from pptx.presentation import Presentation as PresentationType
from pptx.slide import Slide, SlideLayout
from pptx.util import Emu, Pt

from export.charts import CHART_BARS, MIN_CHART_BARS, short, theme_bars, top_words, track_bars, word_bars
from export.report import BoardStep, Report, ReportTheme, ReportTrack, SeriesReport, WordsStep

T = TypeVar("T")

TEMPLATE = Path(__file__).resolve().parent / "templates" / "rundabord.pptx"  # tools/deck_template.py
SECTIONS = ("title", "highlights", "words", "themes", "notes", "tracks", "participants")
BODY_TYPES = {PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT}
TITLE_TYPES = {PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE}
WIDE = Emu(12192000)  # 13.333 in: 16:9 at the default template's 7.5 in height
TALL = Emu(6858000)
LIST_SIZE = Pt(20)
ROOMY_SIZES = (32, 28, 24)  # a short list takes the largest that fits, else LIST_SIZE
TABLE_SIZE = Pt(14)
ROWS_PER_TABLE = 12
CHART_SIZE = Pt(16)
CONTENT_TOP = 0.25  # of the slide's height: tables, charts and text boxes start below the title's rule
CHART_LABEL_SIZE = Pt(14)  # a bar's label: long ones (a track) must fit beside it
RANKING_WIDTHS = (0.16, 0.64, 0.2)  # rank, track, votes
SERIES_RANKING_WIDTHS = (0.14, 0.5, 0.22, 0.14)  # rank, track, meeting, votes
# A table at list size: the lines of rows below its header that fit (the title is above,
# cells have no bullets' indent, so a column holds more characters than its share).
TABLE_LINES = 14
TABLE_CHARS = 1.1
LONG_TITLE = 40  # characters; longer titles get TITLE_SIZE_LONG
TITLE_SIZE_LONG = Pt(30)
# What fits in one body placeholder at LIST_SIZE (16:9, default template): a budget of
# lines, and characters per line (half as many in one of two columns).
LINES_PER_SLIDE = 11
CHARS_PER_LINE = 72


@dataclass
class Options:
    """What the organizer chose to include, and their template (.pptx bytes), if any."""

    sections: set[str] = field(default_factory=lambda: set(SECTIONS))
    draft: bool = True
    template: bytes | None = None
    lang: str = "sv"  # the language every text is marked with (screen readers, spelling)


@dataclass(frozen=True)
class Item:
    """One paragraph of a list: its text, how deep it is indented, and whether bold."""

    text: str
    level: int = 0
    bold: bool = False


def write_deck(report: Report, options: Options | None = None) -> bytes:
    options = options or Options()
    deck = Deck(report, options)
    deck.build()
    _mark_language(deck.prs, options.lang)
    return _saved(deck.prs)


def write_series_deck(series: SeriesReport, options: Options | None = None) -> bytes:
    """The synthesis of a series (themes side by side, tracks across meetings, the words of
    all, cards per level), then each meeting's own deck, its title slide as divider."""
    options = options or Options()
    prs = _presentation(options.template)
    synthesis = Deck(Report(series.title, labels=series.labels), options, prs)
    synthesis.series_slides(series)
    for report in series.reports:
        Deck(report, Options(options.sections | {"title"}, draft=False), prs).build()
    _mark_language(prs, options.lang)
    return _saved(prs)


LANGUAGES = {"sv": "sv-SE", "en": "en-GB"}


def _mark_language(prs: PresentationType, lang: str) -> None:
    """Every run of text in the deck (titles, lists, tables, notes) marked with `lang`
    (straight in the XML: python-pptx's objects take a third of a second for a big deck)."""
    tag = LANGUAGES.get(lang, "sv-SE")
    for slide in prs.slides:
        trees = [slide._element]
        if slide.has_notes_slide:
            trees.append(slide.notes_slide._element)
        for tree in trees:
            for run in tree.iter(qn("a:r")):
                properties = run.find(qn("a:rPr"))
                if properties is None:
                    properties = run.makeelement(qn("a:rPr"), {})
                    run.insert(0, properties)
                properties.set("lang", tag)


def _saved(prs: PresentationType) -> bytes:
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()


class Deck:
    def __init__(self, report: Report, options: Options, prs: PresentationType | None = None) -> None:
        self.report = report
        self.options = options
        self.prs = prs if prs is not None else _presentation(options.template)
        self.layouts = _Layouts(self.prs)
        self.footer = " · ".join(filter(None, (report.title, report.date)))

    def add_slide(self, layout: SlideLayout) -> Slide:
        """A new slide of `layout`; all but a title slide with the footer and the slide's
        number, where the layout has places for them."""
        slide = self.prs.slides.add_slide(layout)
        if layout is not self.layouts.title:
            _footer(slide, self.footer)
        return slide

    def series_slides(self, series: SeriesReport) -> None:
        label = series.label
        slide = self.add_slide(self.layouts.title)
        _set_title(slide, series.title)
        lines = [label("draft")] if self.options.draft else []
        lines += [label("series_subtitle", count=len(series.meetings)), ", ".join(series.meetings)]
        bodies = _bodies(slide)
        if bodies:
            _fill(bodies[0], [Item(line, bold=n == 0 and self.options.draft) for n, line in enumerate(lines)])
        header = [label("theme"), *series.meetings, label("total")]
        rows = [[t.name, *(str(c) if c else "–" for c in t.cards), str(sum(t.cards))] for t in series.themes]
        self.table_slides(label("synthesis_themes"), header, rows, _meeting_widths(series), LIST_SIZE)
        self.meetings_chart(
            label("synthesis_themes_chart"), [(t.name, t.cards) for t in series.themes], series
        )
        if series.words is not None:
            if series.words.cloud_png:
                slide = self.add_slide(self.layouts.title_only)
                _set_title(slide, label("synthesis_words"))
                alt = label("cloud_alt", words=top_words(series.words))
                _picture(self.prs, slide, series.words.cloud_png, alt)
            items = [Item(f"{w.text} ({w.count})") for w in series.words.words]
            self.list_slides(label("synthesis_words"), items, columns=2)
        rows = [[self.rank(t), t.text, t.meeting, str(t.dots)] for t in series.tracks]
        header = [label("rank"), label("track"), label("meeting"), label("votes")]
        self.table_slides(label("synthesis_tracks"), header, rows, SERIES_RANKING_WIDTHS, LIST_SIZE)
        if series.levels:
            rows = [
                [label(f"level_{level}") if level else label("no_level"), *map(str, counts), str(sum(counts))]
                for level, counts in series.levels
            ]
            header = [" ", *series.meetings, label("total")]
            self.table_slides(label("synthesis_levels"), header, rows, _meeting_widths(series), LIST_SIZE)
            levels = [(row[0], counts) for row, (_level, counts) in zip(rows, series.levels, strict=True)]
            self.meetings_chart(label("synthesis_levels_chart"), levels, series)

    def table_slides(
        self,
        title: str,
        header: list[str],
        rows: list[list[str]],
        widths: tuple[float, ...] = (),
        size: Pt = TABLE_SIZE,
    ) -> None:
        """A table under a title; a long one continues, its header repeated. `widths`:
        each column's share of the table (else equal); at `size` above the tables' usual
        one, a page holds the rows whose lines fit the slide."""
        if not rows:
            return
        width, height = _size(self.prs)
        pages = [rows[start : start + ROWS_PER_TABLE] for start in range(0, len(rows), ROWS_PER_TABLE)]
        if widths and size > TABLE_SIZE:  # the widest column's text decides a row's lines
            wide = max(range(len(widths)), key=widths.__getitem__)
            chars = round(CHARS_PER_LINE * widths[wide] * TABLE_CHARS)
            pages = _pages(rows, lambda row: _lines(Item(row[wide]), chars), TABLE_LINES)
        for number, page in enumerate(pages):
            slide = self.add_slide(self.layouts.title_only)
            _set_title(slide, self.continued(title, number))
            left, top = round(width * 0.05), round(height * CONTENT_TOP)
            shape = slide.shapes.add_table(
                len(page) + 1,
                len(header),
                Emu(left),
                Emu(top),
                Emu(width - 2 * left),
                Emu(round(height * 0.06) * (len(page) + 1)),
            )
            if widths:
                columns: list[Any] = list(shape.table.columns)  # type: ignore[call-overload]
                for column, share in zip(columns, widths, strict=True):
                    column.width = Emu(round((width - 2 * left) * share))
            for row_number, values in enumerate([header, *page]):
                for column, value in enumerate(values):
                    cell = shape.table.cell(row_number, column)
                    cell.text = value
                    for paragraph in cell.text_frame.paragraphs:
                        for run in paragraph.runs:
                            run.font.size = size
            _notes(slide, ["\t".join(values) for values in [header, *page]])

    def build(self) -> None:
        report, wanted = self.report, self.options.sections
        notes = list(report.notes)
        first_notes = notes.pop(0) if notes else None
        second_notes = notes.pop(0) if notes else None
        if "title" in wanted:
            self.title_slide()
        if "highlights" in wanted:
            items = [*report.highlights, *(first_notes[1] if first_notes else [])]
            self.list_slides(first_notes[0] if first_notes else report.label("highlights"), _items(items))
        if "words" in wanted:
            for step in report.words:
                if step.words:  # a part with nothing in it is left out, divider and all
                    self.divider(step.title, step.prompt)
                self.words_slides(step)
        if "themes" in wanted:
            for board in report.boards:
                if board.unsorted or any(theme.cards for theme in board.themes):
                    self.divider(board.title, board.prompt)
                self.themes_chart(board)
                for theme in board.themes:
                    self.theme_slides(board, theme)
                if board.unsorted:
                    self.theme_slides(board, ReportTheme(report.label("unsorted"), board.unsorted))
        if "notes" in wanted and second_notes:
            self.list_slides(second_notes[0], _items(second_notes[1]))
        if "tracks" in wanted:
            for tracks in report.tracks:
                if tracks.tracks:
                    self.divider(tracks.title, tracks.prompt)
                self.ranking_slides(report.label("tracks"), tracks.tracks)
        if "notes" in wanted:
            for category, texts in notes:
                self.list_slides(category, _items(texts))
        if "participants" in wanted and (report.participants or report.anonymous_participants):
            people = [
                Item(", ".join(filter(None, (p.name, p.role, p.organisation)))) for p in report.participants
            ]
            if report.anonymous_participants:
                people.append(Item(report.label("anonymous_others", count=report.anonymous_participants)))
            self.list_slides(report.label("participants"), people)

    # Slides ---------------------------------------------------------------------------

    def title_slide(self) -> None:
        report = self.report
        slide = self.add_slide(self.layouts.title)
        _set_title(slide, report.title)
        lines = [report.label("draft")] if self.options.draft else []
        lines.append(", ".join(filter(None, (report.date, report.place))))
        lines.append(report.organizer)
        body = _bodies(slide)
        if body:
            _fill(
                body[0],
                [Item(line, bold=i == 0 and self.options.draft) for i, line in enumerate(lines) if line],
            )

    def divider(self, title: str, text: str = "") -> None:
        """A section's divider: a part of the day (a step) by its title, and its question."""
        if self.layouts.section is None:
            return
        slide = self.add_slide(self.layouts.section)
        _set_title(slide, title)
        bodies = _bodies(slide)  # body and subtitle places only: never the footer
        if bodies and text:
            _fill(bodies[0], [Item(text)], bullets=False)

    def list_slides(self, title: str, items: list[Item], columns: int = 1) -> None:
        """A titled list, in one column or two (short items: words); when it is longer
        than a slide holds, it continues on the next."""
        if not items:
            return
        two = columns == 2 and self.layouts.two_content is not self.layouts.content
        width = CHARS_PER_LINE // 2 if two else CHARS_PER_LINE
        for number, page in enumerate(_paginate(items, width, LINES_PER_SLIDE * (2 if two else 1))):
            slide = self.add_slide(self.layouts.two_content if two else self.layouts.content)
            _set_title(slide, self.continued(title, number))
            _notes(slide, [item.text for item in page])
            if not two:
                _fill(_body(self.prs, slide), page, size=_roomy(page, width, LINES_PER_SLIDE))
                continue
            # The first column takes the first half, by lines, so the columns end level.
            split = next(
                i
                for i in range(len(page) + 1)
                if 2 * sum(_lines(it, width) for it in page[:i]) >= sum(_lines(it, width) for it in page)
            )
            size = min(_roomy(half, width, LINES_PER_SLIDE) for half in (page[:split], page[split:]) if half)
            for body, half in zip(_bodies(slide), (page[:split], page[split:]), strict=False):
                _fill(body, half, size=size)

    def words_slides(self, step: WordsStep) -> None:
        title = step.prompt or step.title
        items = [Item(f"{w.text} ({w.count})") for w in step.words]
        if step.cloud_png:
            slide = self.add_slide(self.layouts.title_only)
            _set_title(slide, title)
            alt = self.report.label("cloud_alt", words=top_words(step))
            width, _height = _size(self.prs)
            bars = word_bars(step)
            if bars:  # the cloud, and beside it its commonest words as bars
                _picture(self.prs, slide, step.cloud_png, alt, right=round(width * 0.42))
                label = self.report.label("top_words")
                _bar_chart(self.prs, slide, label, bars, left=round(width * 0.6), show_name=True)
            else:
                _picture(self.prs, slide, step.cloud_png, alt)
            _notes(slide, [item.text for item in items])  # every word with its count
        self.list_slides(f"{self.report.label('words')}: {step.title}", items, columns=2)

    def themes_chart(self, board: BoardStep) -> None:
        """How many cards each theme of a board got, as bars, before its themes' slides."""
        counts = theme_bars(board)
        if not counts:
            return
        title = self.report.label("cards_per_theme", step=board.title)
        slide = self.add_slide(self.layouts.title_only)
        _set_title(slide, title)
        _bar_chart(self.prs, slide, title, counts)
        _notes(slide, [f"{name}: {count}" for name, count in counts])

    def meetings_chart(self, title: str, rows: list[tuple[str, list[int]]], series: SeriesReport) -> None:
        """A row's cards (a theme's, a level's) per meeting, as bars split by meeting."""
        rows = [(name, counts) for name, counts in rows if sum(counts)][:CHART_BARS]
        if len(rows) < MIN_CHART_BARS:
            return
        slide = self.add_slide(self.layouts.title_only)
        _set_title(slide, title)
        # A meeting without cards in a row has no segment there (not a "0" at its edge).
        by_meeting = [
            (meeting, [counts[n] or None for _name, counts in rows])
            for n, meeting in enumerate(series.meetings)
        ]
        _stacked_chart(self.prs, slide, [short(name) for name, _c in rows], by_meeting)
        _notes(
            slide,
            [
                f"{name}: " + ", ".join(f"{m} {c}" for m, c in zip(series.meetings, counts, strict=True))
                for name, counts in rows
            ],
        )

    def ranking_slides(self, title: str, tracks: list[ReportTrack]) -> None:
        """The tracks as a table, best first: the rank in a column of its own ("3 (delad)"),
        the track, its votes; a long ranking continues on the next slide."""
        label = self.report.label
        rows = [[self.rank(t), t.text, str(t.dots)] for t in tracks]
        header = [label("rank"), label("track"), label("votes")]
        self.table_slides(title, header, rows, widths=RANKING_WIDTHS, size=LIST_SIZE)
        bars = track_bars(tracks, self.rank)
        if bars:  # the same ranking to look at: the votes as bars
            slide = self.add_slide(self.layouts.title_only)
            chart_title = label("tracks_by_votes")
            _set_title(slide, chart_title)
            _bar_chart(self.prs, slide, chart_title, bars)
            _notes(slide, ["\t".join(row) for row in rows[: len(bars)]])

    def theme_slides(self, board: BoardStep, theme: ReportTheme) -> None:
        name = f"{theme.parent} – {theme.name}" if theme.parent else theme.name
        title = f"{board.title}: {name}" if len(self.report.boards) > 1 else name
        if board.side_by_side and len(board.categories) == 2:
            columns = [[Item(c.text) for c in theme.cards if c.category == k] for k in board.categories]
            filled = [(k, column) for k, column in zip(board.categories, columns, strict=True) if column]
            if len(filled) == 2:
                self.two_columns(title, board.categories, columns)
            else:  # an empty side gets no heading of its own
                self.list_slides(
                    title, [item for k, column in filled for item in (Item(k, bold=True), *column)]
                )
            return
        items: list[Item] = []
        for category in board.categories or [""]:
            cards = [c for c in theme.cards if c.category == category or not board.categories]
            if len(board.categories) > 1 and cards:
                items.append(Item(category, bold=True))
            items += [Item(c.text, level=1 if len(board.categories) > 1 else 0) for c in cards]
        self.list_slides(title, items)

    def two_columns(self, title: str, headings: list[str], columns: list[list[Item]]) -> None:
        """Two lists side by side (obstacles and opportunities), under their headings; both
        continue on further slides together."""
        pages = [list(_paginate(col, CHARS_PER_LINE // 2, LINES_PER_SLIDE - 1)) or [[]] for col in columns]
        for number in range(max(len(p) for p in pages)):
            slide = self.add_slide(self.layouts.two_content)
            _set_title(slide, self.continued(title, number))
            shown = [column[number] if number < len(column) else [] for column in pages]
            _notes(
                slide, [f"{h}: {item.text}" for h, page in zip(headings, shown, strict=True) for item in page]
            )
            filled = [[Item(h, bold=True), *page] for h, page in zip(headings, shown, strict=True)]
            size = min(_roomy(items, CHARS_PER_LINE // 2, LINES_PER_SLIDE) for items in filled)
            for body, items in zip(_bodies(slide), filled, strict=False):
                _fill(body, items, size=size)

    def rank(self, track: ReportTrack) -> str:
        """A track's place: "3", or "3 (delad)" when others share it."""
        return self.report.label("rank_shared", rank=track.rank) if track.tied else str(track.rank)

    def continued(self, title: str, number: int) -> str:
        return f"{title} ({self.report.label('continued')})" if number else title


class _Layouts:
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


def _find(layouts: list[SlideLayout], test: Callable[[set[object], int], bool]) -> SlideLayout | None:
    for layout in layouts:
        kinds: set[object] = {p.placeholder_format.type for p in list(layout.placeholders)}
        bodies = len([p for p in list(layout.placeholders) if p.placeholder_format.type in BODY_TYPES])
        if test(kinds, bodies):
            return layout
    return None


def _size(prs: PresentationType) -> tuple[int, int]:
    return int(prs.slide_width or WIDE), int(prs.slide_height or TALL)


def _presentation(template: bytes | None) -> PresentationType:
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


def _set_title(slide: Slide, text: str) -> None:
    """The slide's title; a long one in a smaller size, so it stays within its box."""
    for shape in slide.placeholders:
        if shape.placeholder_format.type in TITLE_TYPES:
            shape.text_frame.text = text
            if len(text) > LONG_TITLE and shape.placeholder_format.type == PP_PLACEHOLDER.TITLE:
                for run in shape.text_frame.paragraphs[0].runs:
                    run.font.size = TITLE_SIZE_LONG
            return


def _bodies(slide: Slide) -> list[object]:
    return sorted(
        (
            p
            for p in slide.placeholders
            if p.placeholder_format.type in BODY_TYPES | {PP_PLACEHOLDER.SUBTITLE}
        ),
        key=lambda p: p.left or 0,
    )


def _body(prs: PresentationType, slide: Slide) -> object:
    """The slide's body placeholder; a text box where the layout has none."""
    bodies = _bodies(slide)
    if bodies:
        return bodies[0]
    width, height = _size(prs)
    margin, top = round(width * 0.06), round(height * CONTENT_TOP)
    return slide.shapes.add_textbox(
        Emu(margin), Emu(top), Emu(width - 2 * margin), Emu(height - top - margin)
    )


def _roomy(items: list[Item], width: int, budget: int) -> Pt:
    """The largest of the list sizes at which `items` (measured at LIST_SIZE in `width`
    characters and `budget` lines) still fit: a short list is set large enough to read from
    the back of the room and to fill its slide."""
    for size in ROOMY_SIZES:
        scale = size / LIST_SIZE.pt
        if sum(_lines(item, round(width / scale)) for item in items) * scale <= budget:
            return Pt(size)
    return LIST_SIZE


def _fill(placeholder: object, items: list[Item], bullets: bool = True, size: Pt = LIST_SIZE) -> None:
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


def _picture(prs: PresentationType, slide: Slide, png: bytes, alt: str, right: int = 0) -> None:
    """The image below the title, as large as fits, keeping its proportions: centred, or
    leaving `right` free for something beside it. `alt`: its alternative text."""
    from PIL import Image

    with Image.open(io.BytesIO(png)) as image:
        ratio = image.width / image.height
    slide_width, slide_height = _size(prs)
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


def _bar_chart(
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


def _stacked_chart(
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

    width, height = _size(prs)
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


def _meeting_widths(series: SeriesReport) -> tuple[float, ...]:
    """A synthesis table's columns: the name, then each meeting and the total alike."""
    each = 0.7 / (len(series.meetings) + 1)
    return (0.3, *([each] * (len(series.meetings) + 1)))


def _footer(slide: Slide, text: str) -> None:
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


def _notes(slide: Slide, lines: list[str]) -> None:
    """The speaker notes: what the slide shows, in full, one line each, for the presenter."""
    frame = slide.notes_slide.notes_text_frame if lines else None
    if frame is not None:
        frame.text = "\n".join(lines)


def _items(texts: Iterable[str]) -> list[Item]:
    return [Item(text) for text in texts]


def _lines(item: Item, width: int) -> int:
    """Lines a paragraph takes, each paragraph of a multi-line text on its own lines."""
    return sum(max(1, math.ceil(len(part) / width)) for part in item.text.split("\n"))


def _pages(items: list[T], lines: Callable[[T], int], budget: int) -> list[list[T]]:
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


def _paginate(items: list[Item], width: int, budget: int) -> list[list[Item]]:
    """Pages of at most `budget` lines of `width` characters (a two-column slide holds
    twice as many)."""
    return _pages(items, lambda item: _lines(item, width), budget)
