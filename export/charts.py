"""The bar charts of the deck and the printable report, from the plain report: which bars
each chart has (the same in both), and the geometry of the report's SVG version."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from export.report import BoardStep, MatrixStep, ReportTrack, SeriesTrack, WordsStep

CHART_BARS = 10  # a chart shows at most this many bars
MIN_CHART_BARS = 3  # and is left out with fewer
Bar = tuple[str, int]


def short(text: str, limit: int = 40) -> str:
    """A bar's label: the text, cut at a word with an ellipsis when long."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",.;:–- ") + "…"


def _enough(bars: list[Bar]) -> list[Bar]:
    return bars[:CHART_BARS] if len(bars) >= MIN_CHART_BARS else []


def top_words(step: WordsStep) -> str:
    """The commonest words with their counts, for a cloud's alternative text."""
    return ", ".join(f"{w.text} {w.count}" for w in step.words[:CHART_BARS])


def word_bars(step: WordsStep) -> list[Bar]:
    """The commonest words and how many wrote them."""
    return _enough([(w.text, w.count) for w in step.words])


def theme_bars(board: BoardStep) -> list[Bar]:
    """How many cards each theme of a board got (themes with none left out)."""
    return _enough([(theme.name, len(theme.cards)) for theme in board.themes if theme.cards])


def track_bars(tracks: Sequence[ReportTrack], rank: Callable[[ReportTrack], str]) -> list[Bar]:
    """The tracks with votes, best first, each labelled by its rank and the start of its text."""
    return _enough([(f"{rank(t)}. {short(t.text)}", t.dots) for t in tracks if t.dots])


def series_track_bars(tracks: Sequence[SeriesTrack], rank: Callable[[ReportTrack], str]) -> list[Bar]:
    """The votes across a series' meetings: as `track_bars`, each track with its meeting."""
    voted = [t for t in tracks if t.dots]
    return [
        (f"{text} ({t.meeting})", n) for (text, n), t in zip(track_bars(voted, rank), voted, strict=False)
    ]


@dataclass(frozen=True)
class SvgBar:
    label: str
    value: int
    y: float
    width: float


LABEL_WIDTH = 300  # px of the SVG given to the labels, right-aligned against the bars
BAR_ROOM = 320
ROW = 28


def svg_bars(bars: list[Bar]) -> tuple[list[SvgBar], int]:
    """The report's SVG chart: each bar's place and length, and the chart's height."""
    top = max((value for _label, value in bars), default=0) or 1
    rows = [
        SvgBar(short(label), value, n * ROW, BAR_ROOM * value / top) for n, (label, value) in enumerate(bars)
    ]
    return rows, ROW * len(bars)


NEAR = 0.2  # places nearer than this on both scales would print their numbers over each other
RIGHT_EDGE = 4.5  # a label from here on goes left of its point, inside the chart


def point_labels(points: Sequence[tuple[str, float, float]]) -> list[tuple[str, bool]]:
    """Each point's label on a 2 by 2 (number, x, y), and whether it is printed left of the
    point (near the right edge, to stay inside the chart) rather than right of it: its
    number. Points so near each other that their numbers would overlap (options placed
    alike: a room that agrees) share one label, "2, 5", beside the outermost of them on the
    side it is printed, clear of the others; those others have none."""
    groups: list[list[int]] = []  # indexes of the points near the group's first
    for index, (_number, x, y) in enumerate(points):
        near = (g for g in groups if abs(points[g[0]][1] - x) < NEAR and abs(points[g[0]][2] - y) < NEAR)
        group = next(near, None)
        if group is None:
            groups.append([index])
        else:
            group.append(index)
    labels = [("", False)] * len(points)
    for group in groups:
        left = max(points[index][1] for index in group) >= RIGHT_EDGE
        owner = (min if left else max)(group, key=lambda index: points[index][1])
        labels[owner] = (", ".join(points[index][0] for index in group), left)
    return labels


@dataclass(frozen=True)
class SvgPoint:
    number: str
    text: str  # the option, and its place, for the chart's text alternative
    x: float  # its mean place on the first scale, 1 to 5
    y: float
    label: str  # printed beside it (`point_labels`)
    label_left: bool


def svg_points(matrix: MatrixStep) -> list[SvgPoint]:
    """The report's 2 by 2: each placed option's number at its mean place on the two
    scales, numbered as in the table above it (the template places them on its square)."""
    placed = [
        (str(n), item.text, item.x, item.y)
        for n, item in enumerate(matrix.items, 1)
        if item.x is not None and item.y is not None
    ]
    labels = point_labels([(number, x, y) for number, _text, x, y in placed])
    return [
        SvgPoint(number, f"{text} {x:.1f} · {y:.1f}", x, y, label, left)
        for (number, text, x, y), (label, left) in zip(placed, labels, strict=True)
    ]
