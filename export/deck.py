"""The summary deck (PPTX) in the structure organizers publish (seed 002): title, highlights
of the day, the participants' words, one slide per theme, colliding views, tracks for
further development, scribes' reflections, points from the final discussion, the
participants. Every text is real text in the layout's placeholders, so the deck stays
editable and searchable; a long list continues on further slides instead of overflowing,
and no slide is left nearly empty (small themes are gathered, a single line is a statement).

The organizer's own .pptx can be the template: its masters, layouts and fonts are used
and its slides are dropped. Without one, Rundabord's own (export/templates/rundabord.pptx,
built by tools/deck_template.py): 16:9, a palette that meets WCAG AA, the workshop's name
and date in the footer, slide numbers.

About 460 lines: one deck in seed 002's order and the series' synthesis; the rules for
what goes on which slide read best in one place. How things are placed on a slide is in
export/slides.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from pptx.presentation import Presentation as PresentationType
from pptx.slide import Slide, SlideLayout
from pptx.util import Emu, Pt

from export import slides
from export.charts import (
    CHART_BARS,
    MIN_CHART_BARS,
    series_track_bars,
    short,
    theme_bars,
    top_words,
    track_bars,
    word_bars,
)
from export.report import (
    BoardStep,
    Comparison,
    MatrixStep,
    Report,
    ReportCard,
    ReportTheme,
    ReportTrack,
    SeriesReport,
    TracksStep,
    WordsStep,
)
from export.slides import CHARS_PER_LINE, CONTENT_TOP, LINES_PER_SLIDE, LIST_SIZE, Item, text_item

SECTIONS = ("title", "highlights", "words", "themes", "notes", "tracks", "participants")
TABLE_SIZE = Pt(14)
ROWS_PER_TABLE = 12
RANKING_WIDTHS = (0.16, 0.64, 0.2)  # rank, track, votes
SERIES_RANKING_WIDTHS = (0.14, 0.5, 0.22, 0.14)  # rank, track, meeting, votes
MATRIX_WIDTHS = (0.07, 0.5, 0.16, 0.15, 0.12)  # number, option, the two scales, people
# A table at list size, measured in half lines of its text: a row takes its lines and its
# cells' margins, about half a line more (a one-line row is 32 pt at 20 pt: LibreOffice's
# rendering, PowerPoint's a little less); 33 half lines fit between the title's rule and the
# footer, the header's row included. Cells have no bullets' indent, so a column holds more
# characters than its share.
TABLE_HALF_LINES = 33
TABLE_CHARS = 1.1
# A content slide whose text takes fewer lines of LIST_SIZE than this (set as large as it
# fits) fills less than a quarter of its body: its list is gathered, or set as a statement
# (the "Statement" layout's text place holds STATEMENT_LINES of LIST_SIZE).
SPARSE_LINES = 4
STATEMENT_LINES = 5
STATEMENT_SIZES = (40, 36, 32, 28, 24)


@dataclass
class Options:
    """What the organizer chose to include, and their template (.pptx bytes), if any."""

    sections: set[str] = field(default_factory=lambda: set(SECTIONS))
    draft: bool = True
    template: bytes | None = None
    lang: str = "sv"  # the language every text is marked with (screen readers, spelling)


def write_deck(report: Report, options: Options | None = None) -> bytes:
    options = options or Options()
    deck = Deck(report, options)
    deck.build()
    slides.mark_language(deck.prs, options.lang)
    return slides.saved(deck.prs)


def write_series_deck(series: SeriesReport, options: Options | None = None) -> bytes:
    """The synthesis of a series (themes side by side, tracks across meetings, the words of
    all, cards per level), then each meeting's own deck, its title slide as divider."""
    options = options or Options()
    prs = slides.presentation(options.template)
    synthesis = Deck(Report(series.title, labels=series.labels), options, prs)
    synthesis.series_slides(series)
    for report, meeting in zip(series.reports, series.meetings, strict=True):
        start = len(prs.slides)
        Deck(report, Options(options.sections | {"title"}, draft=False), prs).build()
        # After its title slide, each meeting's titles name the meeting: every title its own.
        for slide in list(prs.slides)[start + 1 :]:
            title = slide.shapes.title
            if title is not None and title.text_frame.text:
                slides.set_title(slide, f"{meeting}: {title.text_frame.text}")
    slides.mark_language(prs, options.lang)
    return slides.saved(prs)


class Deck:
    def __init__(self, report: Report, options: Options, prs: PresentationType | None = None) -> None:
        self.report = report
        self.options = options
        self.prs = prs if prs is not None else slides.presentation(options.template)
        self.layouts = slides.Layouts(self.prs)
        self.footer = " · ".join(filter(None, (report.title, report.date)))

    def add_slide(self, layout: SlideLayout) -> Slide:
        """A new slide of `layout`; all but a title slide with the footer and the slide's
        number, where the layout has places for them."""
        slide = self.prs.slides.add_slide(layout)
        if layout is not self.layouts.title:
            slides.footer(slide, self.footer)
        return slide

    def series_slides(self, series: SeriesReport) -> None:
        label = series.label
        slide = self.add_slide(self.layouts.title)
        slides.set_title(slide, series.title)
        lines = [label("draft")] if self.options.draft else []
        lines += [label("series_subtitle", count=len(series.meetings)), ", ".join(series.meetings)]
        bodies = slides.bodies(slide)
        if bodies:
            slides.fill(
                bodies[0], [Item(line, bold=n == 0 and self.options.draft) for n, line in enumerate(lines)]
            )
        header = [label("theme"), *series.meetings, label("total")]
        rows = [[t.name, *(str(c) if c else "–" for c in t.cards), str(sum(t.cards))] for t in series.themes]
        self.table_slides(label("synthesis_themes"), header, rows, _meeting_widths(series), LIST_SIZE)
        self.meetings_chart(
            label("synthesis_themes_chart"), [(t.name, t.cards) for t in series.themes], series
        )
        if series.words is not None:
            if series.words.cloud_png:
                slide = self.add_slide(self.layouts.title_only)
                slides.set_title(slide, label("synthesis_words"))
                alt = label("cloud_alt", words=top_words(series.words))
                slides.picture(self.prs, slide, series.words.cloud_png, alt)
            items = [Item(f"{w.text} ({w.count})") for w in series.words.words]
            self.list_slides(label("synthesis_words"), items, columns=2)
        rows = [[self.rank(t), t.text, t.meeting, str(t.dots)] for t in series.tracks]
        header = [label("rank"), label("track"), label("meeting"), label("votes")]
        self.table_slides(label("synthesis_tracks"), header, rows, SERIES_RANKING_WIDTHS, LIST_SIZE)
        bars = series_track_bars(series.tracks, self.rank)
        if bars:  # the votes across the meetings, as bars, each track with its meeting
            slide = self.add_slide(self.layouts.title_only)
            chart_title = label("synthesis_tracks_chart")
            slides.set_title(slide, chart_title)
            slides.bar_chart(self.prs, slide, chart_title, bars)
            slides.notes(slide, ["\t".join(row) for row in rows[: len(bars)]])
        if series.levels:
            rows = [
                [level or label("no_level"), *map(str, counts), str(sum(counts))]
                for level, counts in series.levels
            ]
            header = [" ", *series.meetings, label("total")]
            self.table_slides(label("synthesis_levels"), header, rows, _meeting_widths(series), LIST_SIZE)
            levels = [(row[0], counts) for row, (_level, counts) in zip(rows, series.levels, strict=True)]
            self.meetings_chart(label("synthesis_levels_chart"), levels, series)
        if series.priorities:
            rows = [[text, *map(str, points), str(sum(points))] for text, points in series.priorities]
            header = [label("priority"), *series.meetings, label("total")]
            self.table_slides(label("synthesis_priorities"), header, rows, _meeting_widths(series), LIST_SIZE)
            self.meetings_chart(label("synthesis_priorities"), series.priorities, series)
        if series.placements:
            title = label("synthesis_placements", x=series.axes[0], y=series.axes[1])
            rows = [[text, *places] for text, places in series.placements]
            widths = _text_and_figures(len(series.meetings))
            self.table_slides(title, [label("priority"), *series.meetings], rows, widths, LIST_SIZE)

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
        one, a page holds the rows whose lines fit the slide under the header's."""
        if not rows:
            return
        width, height = slides.slide_size(self.prs)
        pages = [rows[start : start + ROWS_PER_TABLE] for start in range(0, len(rows), ROWS_PER_TABLE)]
        if size > TABLE_SIZE:  # a row takes the lines of its longest cell for its column
            shares = widths or (1 / len(header),) * len(header)
            chars = [max(1, round(CHARS_PER_LINE * share * TABLE_CHARS)) for share in shares]

            def half_lines(row: list[str]) -> int:
                lines = max(slides.line_count(Item(v), c) for v, c in zip(row, chars, strict=True))
                return 2 * lines + 1

            pages = slides.pages(rows, half_lines, TABLE_HALF_LINES - half_lines(header))
        for number, page in enumerate(pages):
            slide = self.add_slide(self.layouts.title_only)
            slides.set_title(slide, self.continued(title, number))
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
            slides.notes(slide, ["\t".join(values) for values in [header, *page]])

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
                self.board_slides(board)
                if board.unsorted:
                    self.theme_slides(board, ReportTheme(report.label("unsorted"), board.unsorted))
        if "notes" in wanted and second_notes:
            self.list_slides(second_notes[0], _items(second_notes[1]))
        if "tracks" in wanted:
            for tracks in report.tracks:
                if tracks.tracks:
                    self.divider(tracks.title, tracks.prompt)
                self.ranking_slides(tracks)
                self.comparison_slides(tracks.comparisons)
            for matrix in report.matrices:
                self.divider(matrix.title, matrix.prompt)
                self.matrix_slides(matrix)
                self.comparison_slides(matrix.comparisons)
        if "notes" in wanted:
            for category, texts in notes:
                self.list_slides(category, _items(texts))
        if "participants" in wanted and (report.participants or report.anonymous_participants):
            people = [
                Item(", ".join(filter(None, (p.name, p.role, p.organisation)))) for p in report.participants
            ]
            if report.anonymous_participants:
                key = "anonymous_others" if people else "anonymous_only"
                people.append(Item(report.label(key, count=report.anonymous_participants)))
            self.list_slides(report.label("participants"), people)
        if "participants" in wanted and report.stakeholders:
            self.counts_chart(report.label("stakeholders"), report.stakeholders)

    # Slides ---------------------------------------------------------------------------

    def title_slide(self) -> None:
        report = self.report
        slide = self.add_slide(self.layouts.title)
        slides.set_title(slide, report.title)
        lines = [report.label("draft")] if self.options.draft else []
        lines.append(", ".join(filter(None, (report.date, report.place))))
        lines.append(report.organizer)
        body = slides.bodies(slide)
        if body:
            slides.fill(
                body[0],
                [Item(line, bold=i == 0 and self.options.draft) for i, line in enumerate(lines) if line],
            )

    def divider(self, title: str, text: str = "") -> None:
        """A section's divider: a part of the day (a step) by its title, and its question."""
        if self.layouts.section is None:
            return
        slide = self.add_slide(self.layouts.section)
        slides.set_title(slide, title)
        bodies = slides.bodies(slide)  # body and subtitle places only: never the footer
        if bodies and text:
            slides.fill(bodies[0], [Item(text)], bullets=False)

    def list_slides(self, title: str, items: list[Item], columns: int = 1) -> None:
        """A titled list, in two columns (short items: words) only when one does not hold
        it; when it is longer than a slide holds, it continues on the next. A list too
        short to fill a slide is set as a statement."""
        if not items:
            return
        if (
            columns == 2
            and sum(slides.line_count(it, CHARS_PER_LINE // 2) for it in items) <= LINES_PER_SLIDE
        ):
            columns = 1
        two = columns == 2 and self.layouts.two_content is not self.layouts.content
        if not two and self.sparse([items]) and self.statement(title, items):
            return
        width = CHARS_PER_LINE // 2 if two else CHARS_PER_LINE
        for number, page in enumerate(slides.paginate(items, width, LINES_PER_SLIDE * (2 if two else 1))):
            slide = self.add_slide(self.layouts.two_content if two else self.layouts.content)
            slides.set_title(slide, self.continued(title, number))
            slides.notes(slide, [item.said for item in page])
            if not two:
                slides.fill(
                    slides.body(self.prs, slide), page, size=slides.roomy(page, width, LINES_PER_SLIDE)
                )
                continue
            # The first column takes the first half, by lines, so the columns end level.
            split = next(
                i
                for i in range(len(page) + 1)
                if 2 * sum(slides.line_count(it, width) for it in page[:i])
                >= sum(slides.line_count(it, width) for it in page)
            )
            size = min(
                slides.roomy(half, width, LINES_PER_SLIDE) for half in (page[:split], page[split:]) if half
            )
            for body, half in zip(slides.bodies(slide), (page[:split], page[split:]), strict=False):
                slides.fill(body, half, size=size)

    def words_slides(self, step: WordsStep) -> None:
        title = step.prompt or step.title
        items = [Item(f"{w.text} ({w.count})") for w in step.words]
        if step.cloud_png:
            slide = self.add_slide(self.layouts.title_only)
            slides.set_title(slide, title)
            alt = self.report.label("cloud_alt", words=top_words(step))
            width, _height = slides.slide_size(self.prs)
            bars = word_bars(step)
            if bars:  # the cloud, and beside it its commonest words as bars
                slides.picture(self.prs, slide, step.cloud_png, alt, right=round(width * 0.42))
                label = self.report.label("top_words")
                slides.bar_chart(self.prs, slide, label, bars, left=round(width * 0.6), show_name=True)
            else:
                slides.picture(self.prs, slide, step.cloud_png, alt)
            slides.notes(slide, [item.said for item in items])  # every word with its count
            if len(bars) == len(items):  # the chart beside the cloud shows every word
                return
        self.list_slides(f"{self.report.label('words')}: {step.title}", items, columns=2)

    def themes_chart(self, board: BoardStep) -> None:
        """How many cards each theme of a board got, as bars, before its themes' slides."""
        counts = theme_bars(board)
        if counts:
            self.counts_chart(self.report.label("cards_per_theme", step=board.title), counts)

    def counts_chart(self, title: str, counts: list[tuple[str, int]]) -> None:
        """Counts by name as a bar chart on a slide of its own, with the figures in its notes."""
        slide = self.add_slide(self.layouts.title_only)
        slides.set_title(slide, title)
        slides.bar_chart(self.prs, slide, title, counts)
        slides.notes(slide, [f"{name}: {count}" for name, count in counts])

    def meetings_chart(self, title: str, rows: list[tuple[str, list[int]]], series: SeriesReport) -> None:
        """A row's cards (a theme's, a level's) per meeting, as bars split by meeting."""
        rows = [(name, counts) for name, counts in rows if sum(counts)][:CHART_BARS]
        if len(rows) < MIN_CHART_BARS:
            return
        slide = self.add_slide(self.layouts.title_only)
        slides.set_title(slide, title)
        # A meeting without cards in a row has no segment there (not a "0" at its edge).
        by_meeting = [
            (meeting, [counts[n] or None for _name, counts in rows])
            for n, meeting in enumerate(series.meetings)
        ]
        slides.stacked_chart(self.prs, slide, [short(name) for name, _c in rows], by_meeting)
        slides.notes(
            slide,
            [
                f"{name}: " + ", ".join(f"{m} {c}" for m, c in zip(series.meetings, counts, strict=True))
                for name, counts in rows
            ],
        )

    def ranking_slides(self, step: TracksStep) -> None:
        """The tracks (or questions) as a table, best first: the rank in a column of its own
        ("3 (delad)"), the text, its votes; a long ranking continues on the next slide."""
        label = self.report.label
        tracks = step.tracks
        rows = [[self.rank(t), _answered(t, label), str(t.dots)] for t in tracks]
        header = [label("rank"), label(step.kind), label(step.unit)]
        self.table_slides(label(step.section), header, rows, widths=RANKING_WIDTHS, size=LIST_SIZE)
        bars = track_bars(tracks, self.rank)
        if bars:  # the same ranking to look at: the votes as bars
            slide = self.add_slide(self.layouts.title_only)
            chart_title = label(step.chart)
            slides.set_title(slide, chart_title)
            slides.bar_chart(self.prs, slide, chart_title, bars)
            slides.notes(slide, ["\t".join(row) for row in rows[: len(bars)]])

    def comparison_slides(self, comparisons: list[Comparison]) -> None:
        """A prioritisation compared across table groups or stakeholder types: a table each."""
        for comparison in comparisons:
            header = [self.report.label("priority"), *comparison.columns]
            rows = [[item, *values] for item, values in comparison.rows]
            widths = _text_and_figures(len(comparison.columns))
            self.table_slides(comparison.title, header, rows, widths, LIST_SIZE)

    def matrix_slides(self, matrix: MatrixStep) -> None:
        """Options placed on two scales: a table of their mean places and how many placed
        them, then the same as a 2 by 2 chart, each point numbered as in the table."""
        label = self.report.label
        rows = [
            [str(n), item.text, _mean(item.x), _mean(item.y), str(item.people)]
            for n, item in enumerate(matrix.items, 1)
        ]
        header = ["", label("priority"), *matrix.axes, label("people")]
        self.table_slides(label("priorities"), header, rows, MATRIX_WIDTHS, LIST_SIZE)
        placed = [
            (str(n), i.text, i.x, i.y)
            for n, i in enumerate(matrix.items, 1)
            if i.x is not None and i.y is not None
        ]
        if placed:
            slide = self.add_slide(self.layouts.title_only)
            slides.set_title(slide, label("matrix_chart"))
            slides.scatter_chart(self.prs, slide, matrix.axes, placed)  # type: ignore[arg-type]
            slides.notes(slide, ["\t".join(row) for row in rows])

    def board_slides(self, board: BoardStep) -> None:
        """A slide for each theme with enough on it; the themes too small to fill a slide of
        their own (a card or two) gathered after them on one list, under their names."""
        small = [t for t in board.themes if t.cards and self.sparse(self.theme_columns(board, t))]
        for theme in board.themes:
            if not any(theme is s for s in small) or len(small) == 1:
                self.theme_slides(board, theme)
        if len(small) > 1:
            key = "more_themes" if len(small) < len([t for t in board.themes if t.cards]) else "themes"
            items = [
                item
                for theme in small
                for item in (Item(_theme_name(theme), bold=True), *self.theme_items(board, theme, level=1))
            ]
            self.list_slides(self.board_title(board, self.report.label(key)), items)

    def theme_slides(self, board: BoardStep, theme: ReportTheme) -> None:
        title = self.board_title(board, _theme_name(theme))
        columns = self.theme_columns(board, theme)
        if len(columns) == 2:
            self.two_columns(title, columns)
        else:
            self.list_slides(title, columns[0])

    def theme_columns(self, board: BoardStep, theme: ReportTheme) -> list[list[Item]]:
        """A theme's slide body: its two sides (obstacles and opportunities) each under its
        heading when the board sets them side by side and both have cards enough to fill
        the slide, else one list."""
        if board.side_by_side and len(board.categories) == 2:
            sides = [
                self.card_items(board, [c for c in theme.cards if c.category == k]) for k in board.categories
            ]
            columns = [[Item(k, bold=True), *side] for k, side in zip(board.categories, sides, strict=True)]
            if all(sides) and not self.sparse(columns):  # else one list fills its slide better
                return columns
        return [self.theme_items(board, theme)]

    def theme_items(self, board: BoardStep, theme: ReportTheme, level: int = 0) -> list[Item]:
        """A theme's cards as one list; on a board of several categories each category's
        cards under its name (an empty category gets no heading)."""
        several = len(board.categories) > 1
        items: list[Item] = []
        for category in board.categories or [""]:
            cards = [c for c in theme.cards if c.category == category or not board.categories]
            if several and cards:
                items.append(Item(category, level=level, bold=True))
            items += self.card_items(board, cards, level + several)
        return items

    def card_items(self, board: BoardStep, cards: list[ReportCard], indent: int = 0) -> list[Item]:
        """Cards as list items; under a heading for each level when the board's cards have
        levels (in the workshop's order, cards without one last)."""
        if not board.levels:
            return [text_item(c.text, level=indent) for c in cards]
        label = self.report.label
        return [
            item
            for level, group in board.by_level(cards)
            for item in (
                Item(level or label("no_level"), level=indent, bold=True),
                *(text_item(c.text, level=indent + 1) for c in group),
            )
        ]

    def board_title(self, board: BoardStep, name: str) -> str:
        return f"{board.title}: {name}" if len(self.report.boards) > 1 else name

    def sparse(self, columns: list[list[Item]]) -> bool:
        """Whether a slide of these columns, set as large as they allow, would fill less
        than a quarter of its body."""
        width = CHARS_PER_LINE // len(columns)
        return all(slides.used(items, width) < SPARSE_LINES for items in columns)

    def two_columns(self, title: str, columns: list[list[Item]]) -> None:
        """Two lists side by side (obstacles and opportunities), each under its heading (its
        first item, repeated on a continuation); both continue on further slides together."""
        headings = [column[0] for column in columns]
        pages = [
            list(slides.paginate(column[1:], CHARS_PER_LINE // 2, LINES_PER_SLIDE - 1)) or [[]]
            for column in columns
        ]
        for number in range(max(len(p) for p in pages)):
            shown = [column[number] if number < len(column) else [] for column in pages]
            filled = [[h, *page] for h, page in zip(headings, shown, strict=True)]
            slide = self.add_slide(self.layouts.two_content)
            slides.set_title(slide, self.continued(title, number))
            slides.notes(
                slide,
                [f"{h.text}: {item.said}" for h, page in zip(headings, shown, strict=True) for item in page],
            )
            size = min(slides.roomy(items, CHARS_PER_LINE // 2, LINES_PER_SLIDE) for items in filled)
            for body, items in zip(slides.bodies(slide), filled, strict=False):
                slides.fill(body, items, size=size)

    def statement(self, title: str, items: list[Item]) -> bool:
        """A list too short to fill a quarter of a content slide (a single highlight, a
        theme of one card) set large on the template's "Statement" layout instead; False
        where the template has none or the list is too long for it."""
        if (
            self.layouts.statement is None
            or sum(slides.line_count(it, CHARS_PER_LINE) for it in items) > STATEMENT_LINES
        ):
            return False
        slide = self.add_slide(self.layouts.statement)
        slides.set_title(slide, title)
        slides.notes(slide, [item.said for item in items])
        size = slides.roomy(items, CHARS_PER_LINE, STATEMENT_LINES, STATEMENT_SIZES)
        slides.fill(slides.body(self.prs, slide), items, bullets=len(items) > 1, size=size)
        return True

    def rank(self, track: ReportTrack) -> str:
        """A track's place: "3", or "3 (delad)" when others share it."""
        return self.report.label("rank_shared", rank=track.rank) if track.tied else str(track.rank)

    def continued(self, title: str, number: int) -> str:
        """A continuation's title: "(forts.)", then "(forts. 2)", so every title is its own."""
        if not number:
            return title
        more = self.report.label("continued")
        return f"{title} ({more})" if number == 1 else f"{title} ({more} {number})"


def _theme_name(theme: ReportTheme) -> str:
    return f"{theme.parent} – {theme.name}" if theme.parent else theme.name


def _text_and_figures(figures: int) -> tuple[float, ...]:
    """A table of a text and `figures` columns of figures beside it (places, points): the
    figures as narrow as they read, the text the rest."""
    each = min(0.14, 0.7 / figures)
    return (1 - each * figures, *([each] * figures))


def _meeting_widths(series: SeriesReport) -> tuple[float, ...]:
    """A synthesis table's columns: the name, then each meeting and the total alike."""
    each = 0.7 / (len(series.meetings) + 1)
    return (0.3, *([each] * (len(series.meetings) + 1)))


def _items(texts: Iterable[str]) -> list[Item]:
    return [Item(text) for text in texts]


def _mean(value: float | None) -> str:
    """A mean place on a scale, one decimal; a dash where nobody placed it."""
    return "–" if value is None else f"{value:.1f}"


def _answered(track: ReportTrack, label: Callable[..., str]) -> str:
    """A ranked item's text, a question marked as answered saying so."""
    return f"{track.text} ({label('answered')})" if track.answered else track.text
