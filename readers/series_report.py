"""A series as the exports see it (`export.report.SeriesReport`): each meeting's report,
and the synthesis across them: the matched themes side by side, the tracks of all
meetings ranked by their dots, the words of all meetings together, cards per level."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import func, select

from analysis import words as word_analysis
from export.report import Report, ReportWord, SeriesReport, SeriesTrack, ThemeRow, WordsStep
from models.levels import levels_of, ordered_levels
from models.series import Series, themes_in_series
from models.session import DbSession
from readers.workshop_report import workshop_report
from steps.cards.cards import Card
from steps.words.in_report import cloud_png


def series_report(session: DbSession, series: Series, labels: dict[str, str] | None = None) -> SeriesReport:
    workshops = list(series.workshops)
    meetings = (
        [w.place or w.title for w in workshops]
        if len({w.place for w in workshops}) == len(workshops)
        else [w.title for w in workshops]
    )
    reports = [workshop_report(session, w.id, labels) for w in workshops]
    position = {w.id: n for n, w in enumerate(workshops)}

    groups: dict[str, ThemeRow] = {}
    for theme in themes_in_series(session, series):
        row = groups.setdefault(
            theme.group,
            ThemeRow(theme.group, [0] * len(workshops), [""] * len(workshops), [[] for _ in workshops]),
        )
        column = position[theme.workshop_id]
        row.cards[column] += theme.cards
        row.names[column] = ", ".join(filter(None, [row.names[column], theme.name]))
        row.members[column].append(theme.name)
    themes = sorted(groups.values(), key=lambda r: (-sum(1 for c in r.cards if c), -sum(r.cards), r.name))

    every = [
        (t.text, t.dots, meetings[n])
        for n, report in enumerate(reports)
        for step in report.tracks
        if step.kind == "track"  # questions stay a meeting's own; priorities compare below
        for t in step.tracks
    ]
    every.sort(key=lambda t: -t[1])
    sharing = Counter(dots for _, dots, _ in every)
    tracks: list[SeriesTrack] = []
    for index, (text, dots, meeting) in enumerate(every):
        rank = tracks[-1].rank if tracks and tracks[-1].dots == dots else index + 1
        tracks.append(SeriesTrack(text, dots, rank, tied=sharing[dots] > 1, meeting=meeting))

    counts: Counter[str] = Counter()
    shown: dict[str, Counter[str]] = {}
    for report in reports:
        for step in report.words:
            for word in step.words:
                key = word_analysis.key(word.text)
                counts[key] += word.count
                shown.setdefault(key, Counter())[word.text] += word.count
    words = [ReportWord(shown[key].most_common(1)[0][0], count) for key, count in counts.most_common()]
    merged = WordsStep(
        "",
        "",
        words,
        cloud_png([(key, shown[key].most_common(1)[0][0], n) for key, n in counts.most_common()]),
    )

    levels: list[tuple[str, list[int]]] = []
    by_level = session.execute(
        select(Card.workshop_id, Card.level, func.count(Card.id))
        .where(Card.workshop_id.in_(list(position)), Card.withdrawn_at.is_(None), Card.hidden_at.is_(None))
        .group_by(Card.workshop_id, Card.level)
    ).all()
    if any(level for _, level, _ in by_level):
        listed = [level for workshop in workshops for level in levels_of(workshop)]
        for level in [*ordered_levels(listed, (found for _, found, _ in by_level)), None]:
            per_meeting = [0] * len(workshops)
            for workshop_id, found, count in by_level:
                if found == level:
                    per_meeting[position[workshop_id]] += count
            if any(per_meeting):
                levels.append((level or "", per_meeting))

    result = SeriesReport(
        series.title,
        meetings,
        themes,
        tracks,
        merged if words else None,
        levels,
        reports,
        priorities=priorities_by_meeting(reports),
        placements=placements_by_meeting(reports),
        axes=next((m.axes for r in reports for m in r.matrices), ("", "")),
    )
    if labels:
        result.labels.update(labels)
    return result


def priorities_by_meeting(reports: list[Report]) -> list[tuple[str, list[int]]]:
    """The options the meetings prioritised with points (breakout, then plenary: the same
    options met again), each with its points in every meeting, most points first."""
    points: dict[str, list[int]] = {}
    for n, report in enumerate(reports):
        for step in report.tracks:
            if step.kind != "priority":
                continue
            for option in step.tracks:
                points.setdefault(option.text, [0] * len(reports))[n] += option.dots
    return sorted(((text, per) for text, per in points.items() if any(per)), key=lambda row: -sum(row[1]))


def placements_by_meeting(reports: list[Report]) -> list[tuple[str, list[str]]]:
    """The options the meetings placed on two scales, each with its mean place in every
    meeting ("4.5 · 2.0"; a dash where that meeting did not place it)."""
    places: dict[str, list[str]] = {}
    for n, report in enumerate(reports):
        for matrix in report.matrices:
            for item in matrix.items:
                if item.x is not None and item.y is not None:
                    places.setdefault(item.text, ["–"] * len(reports))[n] = f"{item.x:.1f} · {item.y:.1f}"
    return list(places.items())
