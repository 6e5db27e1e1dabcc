"""The thematic compilation ("Sammanställning") of one workshop or a whole series: per
theme (matched across meetings as the series synthesis matches them), per level (in the
workshop's order, what holds at every level last), the participants' own words quoted
verbatim with their meeting, the highlighted cards first; a table of themes and levels with
counts; and the method facts first (meetings, dates, places, participants, cards). The
published thematic summary seed 004 leads to, with nothing retyped.

Built from the same report snapshot as every export (export/report.py): as PPTX on the
deck's template, layouts and continuation rules (export/deck.py, export/slides.py), and
as the printable report's page for the PDF (export/templates/compilation.html).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from export.deck import Deck, Options
from export.report import LABELS, BoardStep, Report, ReportCard, SeriesReport
from export.slides import (
    LIST_SIZE,
    Item,
    bodies,
    fill,
    mark_language,
    presentation,
    saved,
    set_title,
    shortened,
)

NO_LEVEL = ""
METHOD_WIDTHS = (0.28, 0.17, 0.25, 0.16, 0.14)  # meeting, date, place, participants, cards
# The table of themes and levels: a level's column as wide as its longest word (at list
# size, a character about 1/60 of the table), the theme's column the rest, at least this.
THEME_WIDTH = 0.22
CHARS_PER_TABLE = 60


@dataclass(frozen=True)
class Quote:
    text: str
    meeting: str
    level: str | None = None
    featured: bool = False  # highlighted on the board: shown first
    category: str = ""  # where a board has several (Hinder, Möjligheter)
    stakeholder: str = ""  # the writer's stakeholder type, where one was given


@dataclass(frozen=True)
class Meeting:
    title: str
    date: str = ""
    place: str = ""
    participants: int = 0
    cards: int = 0


@dataclass(frozen=True)
class CompiledTheme:
    name: str
    parent: str | None
    quotes: list[Quote]

    @property
    def title(self) -> str:
        return f"{self.parent} – {self.name}" if self.parent else self.name

    def by_level(self, levels: list[str]) -> list[tuple[str, list[Quote]]]:
        """The quotes under each level in `levels`' order, those without one last (level
        ""); within a level the featured first, the rest as they came."""
        groups = [
            (level, [q for q in self.quotes if (q.level or NO_LEVEL) == level])
            for level in [*levels, NO_LEVEL]
        ]
        return [(level, sorted(found, key=lambda q: not q.featured)) for level, found in groups if found]


@dataclass(frozen=True)
class Compilation:
    title: str
    meetings: list[Meeting]
    levels: list[str]  # in the order to show, only those in use
    themes: list[CompiledTheme]
    labels: dict[str, str] = field(default_factory=lambda: dict(LABELS))

    def label(self, key: str, **params: object) -> str:
        return (self.labels.get(key) or LABELS[key]).format(**params)

    @property
    def columns(self) -> list[str]:
        """The summary table's level columns: the levels, and "no level" when any quote has none."""
        loose = any(q.level is None for t in self.themes for q in t.quotes)
        return [*self.levels, *([NO_LEVEL] if loose else [])]

    def counts(self) -> list[tuple[str, list[int], int]]:
        """Each theme's quotes per level column, and in all."""
        return [
            (
                t.title,
                [sum(1 for q in t.quotes if (q.level or NO_LEVEL) == c) for c in self.columns],
                len(t.quotes),
            )
            for t in self.themes
        ]

    def level_name(self, level: str) -> str:
        return level or self.label("no_level")


# --- From the report snapshot ----------------------------------------------------------


def compile_workshop(report: Report) -> Compilation:
    """One workshop's compilation: its boards' themes (a step built on another's themes
    adds its cards to the same theme), each card a quote."""
    themes = _themes(report) + _questions([(report, report.title)], report.label("questions"))
    levels = _with_every_level(_levels(report), themes)
    return Compilation(report.title, [_meeting(report, report.title)], levels, themes, dict(report.labels))


def compile_series(series: SeriesReport) -> Compilation:
    """A series' compilation: each synthesis group of themes (as the organizer matched
    them) with the cards of every meeting's theme in it, meeting by meeting."""
    pairs = list(zip(series.reports, series.meetings, strict=True))
    meetings = [_meeting(report, name) for report, name in pairs]
    themes = []
    for row in series.themes:
        quotes: list[Quote] = []
        parent = None
        for (report, name), own in zip(pairs, row.members or [[n] for n in row.names], strict=True):
            for board in report.boards:
                for theme in board.themes:
                    if theme.name in own:
                        parent = parent or theme.parent
                        quotes += [_quote(card, name, board) for card in theme.cards]
        if quotes:
            themes.append(CompiledTheme(row.name, parent, quotes))
    unsorted = [_quote(c, name, b) for report, name in pairs for b in report.boards for c in b.unsorted]
    if unsorted:
        themes.append(CompiledTheme(series.label("unsorted"), None, unsorted))
    themes += _questions(pairs, series.label("questions"))
    levels = _with_every_level([level for level, _counts in series.levels if level], themes)
    return Compilation(series.title, meetings, levels, themes, dict(series.labels))


def _meeting(report: Report, name: str) -> Meeting:
    cards = sum(len(t.cards) for b in report.boards for t in b.themes) + sum(
        len(b.unsorted) for b in report.boards
    )
    people = len(report.participants) + report.anonymous_participants
    return Meeting(name, report.date, report.place, people, cards)


def _levels(report: Report) -> list[str]:
    """The levels the report's boards use, in the workshop's order."""
    used = {level for board in report.boards for level in board.levels}
    return [level for level in report.levels if level in used]


def _with_every_level(levels: list[str], themes: list[CompiledTheme]) -> list[str]:
    """`levels`, then any other a quote has (none is left out of the compilation)."""
    return list(dict.fromkeys([*levels, *(q.level for t in themes for q in t.quotes if q.level)]))


def _themes(report: Report) -> list[CompiledTheme]:
    """The themes of the report's boards by name, in board order (a theme a later step
    builds on gets that step's cards too), the unsorted cards last."""
    found: dict[str, CompiledTheme] = {}
    unsorted: list[Quote] = []
    for board in report.boards:
        for theme in board.themes:
            quotes = [_quote(card, report.title, board) for card in theme.cards]
            known = found.get(theme.name)
            found[theme.name] = (
                CompiledTheme(theme.name, theme.parent, quotes)
                if known is None
                else replace(known, quotes=[*known.quotes, *quotes])
            )
        unsorted += [_quote(card, report.title, board) for card in board.unsorted]
    themes = list(found.values())
    if unsorted:
        themes.append(CompiledTheme(report.label("unsorted"), None, unsorted))
    return themes


def _questions(pairs: list[tuple[Report, str]], name: str) -> list[CompiledTheme]:
    """The participants' questions (as the room saw them, with their meeting) after the
    themes: their own words too, as asked; those marked answered first."""
    quotes = [
        Quote(question.text, meeting, featured=question.answered)
        for report, meeting in pairs
        for step in report.tracks
        if step.kind == "question"
        for question in step.tracks
    ]
    return [CompiledTheme(name, None, quotes)] if quotes else []


def _quote(card: ReportCard, meeting: str, board: BoardStep) -> Quote:
    """A card as quoted: its side (Hinder, Möjligheter) named where its board has several."""
    category = card.category if len(board.categories) > 1 else ""
    return Quote(card.text, meeting, card.level, card.highlight, category, card.stakeholder or "")


# --- As a deck ---------------------------------------------------------------------------


def write_compilation(compilation: Compilation, options: Options | None = None) -> bytes:
    """The compilation as PPTX: title, the method facts, themes and levels, then each theme
    (a divider) with its quotes level by level, long lists continued."""
    options = options or Options()
    prs = presentation(options.template)
    facts = Report(compilation.title, labels=compilation.labels)
    deck = Deck(facts, options, prs)
    label = compilation.label
    slide = deck.add_slide(deck.layouts.title)
    set_title(slide, compilation.title)
    lines = [label("compilation"), ", ".join(m.title for m in compilation.meetings)]
    found = bodies(slide)
    if found:
        fill(found[0], [Item(line, bold=n == 0) for n, line in enumerate(lines)], bullets=False)
    header, rows = method_table(compilation)
    deck.table_slides(label("method"), header, rows, METHOD_WIDTHS, LIST_SIZE)
    header, rows = level_table(compilation)
    deck.table_slides(label("themes_and_levels"), header, rows, level_widths(header), LIST_SIZE)
    for theme in compilation.themes:
        deck.divider(theme.title, label("quotes_count", count=len(theme.quotes)))
        for level, quotes in theme.by_level(compilation.levels):
            title = f"{theme.title}: {compilation.level_name(level)}"
            deck.list_slides(title, [quote_item(compilation, q) for q in quotes])
    mark_language(prs, options.lang)
    return saved(prs)


def quote_line(compilation: Compilation, quote: Quote, text: str | None = None) -> str:
    """”The words” - their side, the writer's stakeholder type, the meeting (of several)."""
    meeting = quote.meeting if len(compilation.meetings) > 1 else ""
    meta = ", ".join(filter(None, (quote.category, quote.stakeholder, meeting)))
    return f"”{text or quote.text}”" + (f" – {meta}" if meta else "")


def quote_item(compilation: Compilation, quote: Quote) -> Item:
    """A quote on a slide: a long one shortened, whole in the notes; featured ones bold."""
    line = quote_line(compilation, quote)
    short = quote_line(compilation, quote, shortened(quote.text))
    return Item(short, bold=quote.featured, full=line if short != line else "")


def method_table(compilation: Compilation) -> tuple[list[str], list[list[str]]]:
    label = compilation.label
    header = [
        label("meeting"),
        label("date"),
        label("place"),
        label("participants_count"),
        label("cards_count"),
    ]
    rows = [[m.title, m.date, m.place, str(m.participants), str(m.cards)] for m in compilation.meetings]
    if len(rows) > 1:
        total = [label("total"), "", "", str(sum(m.participants for m in compilation.meetings))]
        rows.append([*total, str(sum(m.cards for m in compilation.meetings))])
    return header, rows


def level_widths(header: list[str]) -> tuple[float, ...]:
    """Each column's share of the table of themes and levels: a level's name (and the
    total's) never broken inside a word, the theme's column what is left."""
    levels = [(max(len(word) for word in name.split() or [""]) + 2) / CHARS_PER_TABLE for name in header[1:]]
    theme = max(THEME_WIDTH, 1 - sum(levels))
    total = theme + sum(levels)
    return tuple(share / total for share in (theme, *levels))


def level_table(compilation: Compilation) -> tuple[list[str], list[list[str]]]:
    header = [
        compilation.label("theme"),
        *map(compilation.level_name, compilation.columns),
        compilation.label("total"),
    ]
    rows = [
        [name, *(str(n) if n else "–" for n in per_level), str(total)]
        for name, per_level, total in compilation.counts()
    ]
    return header, rows
