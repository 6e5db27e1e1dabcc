"""A series of workshops (seed 004: six regional dialogue meetings, then a synthesis).

The organizer groups workshops they run into a series. The synthesis puts the themes of
all meetings side by side: similar names are matched (`analysis.clustering.match_names`)
and the organizer can correct the matching, theme by theme; the correction is stored.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Column, ForeignKey, Integer, String, Table, func, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from analysis.clustering import match_names
from models.clock import utcnow
from models.errors import InvalidInput, NotFound
from models.session import DbSession
from models.workshops import Workshop
from steps.cards.cards import Card, Theme, theme_step_id
from steps.registry import kind_of
from webapp.extensions import db

MAX_SERIES_TITLE = 200
MAX_GROUP_NAME = 120

series_workshops = Table(
    "series_workshops",
    db.metadata,
    Column("series_id", ForeignKey("series.id", ondelete="CASCADE"), primary_key=True),
    Column("workshop_id", ForeignKey("workshops.id", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, nullable=False, default=0),
)


class Series(db.Model):  # type: ignore[name-defined,misc]
    __tablename__ = "series"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(MAX_SERIES_TITLE))
    owner_id: Mapped[int] = mapped_column(ForeignKey("facilitators.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    workshops: Mapped[list[Workshop]] = relationship(
        secondary=series_workshops, order_by=series_workshops.c.position
    )


class SeriesTheme(db.Model):  # type: ignore[name-defined,misc]
    """The organizer's correction: this theme belongs to that synthesis group."""

    __tablename__ = "series_themes"

    series_id: Mapped[int] = mapped_column(ForeignKey("series.id", ondelete="CASCADE"), primary_key=True)
    theme_id: Mapped[int] = mapped_column(ForeignKey("themes.id", ondelete="CASCADE"), primary_key=True)
    group_name: Mapped[str] = mapped_column(String(MAX_GROUP_NAME))


def _title(title: str) -> str:
    clean = " ".join(title.split())
    if not clean or len(clean) > MAX_SERIES_TITLE:
        raise InvalidInput(field="title")
    return clean


def _own_workshops(session: DbSession, owner_id: int, workshop_ids: list[int]) -> list[Workshop]:
    found = []
    for workshop_id in dict.fromkeys(workshop_ids):
        workshop = session.get(Workshop, workshop_id)
        if workshop is None or not workshop.is_run_by(owner_id):
            raise InvalidInput(field="workshops")
        found.append(workshop)
    return found


def create_series(session: DbSession, owner_id: int, title: str, workshop_ids: list[int]) -> Series:
    series = Series(title=_title(title), owner_id=owner_id)
    session.add(series)
    session.flush()
    set_workshops(session, series, workshop_ids)
    return series


def set_workshops(session: DbSession, series: Series, workshop_ids: list[int]) -> None:
    """The series' workshops, in this order; only workshops its owner runs."""
    workshops = _own_workshops(session, series.owner_id, workshop_ids)
    session.execute(series_workshops.delete().where(series_workshops.c.series_id == series.id))
    for position, workshop in enumerate(workshops):
        session.execute(
            series_workshops.insert().values(series_id=series.id, workshop_id=workshop.id, position=position)
        )
    session.commit()
    session.refresh(series)


def rename_series(session: DbSession, series: Series, title: str) -> None:
    series.title = _title(title)
    session.commit()


def series_of(session: DbSession, owner_id: int) -> list[Series]:
    return list(
        session.scalars(select(Series).where(Series.owner_id == owner_id).order_by(Series.created_at.desc()))
    )


def own_series(session: DbSession, owner_id: int, series_id: int) -> Series:
    series = session.get(Series, series_id)
    if series is None or series.owner_id != owner_id:
        raise NotFound()
    return series


@dataclass(frozen=True)
class ThemeInSeries:
    """One theme of one meeting, with its cards counted, and the synthesis group it is in."""

    theme_id: int
    workshop_id: int
    name: str
    cards: int
    suggested: str  # the group matching proposes
    group: str  # the group it is in: the organizer's choice, or the suggestion


def themes_in_series(session: DbSession, series: Series) -> list[ThemeInSeries]:
    """Every theme of every meeting that holds cards, in meeting and board order, matched
    into synthesis groups."""
    found: list[tuple[int, Theme, int]] = []
    for workshop in series.workshops:
        step_ids = {theme_step_id(step) for step in workshop.steps if kind_of(step).builds_on_themes}
        themes = list(
            session.scalars(
                select(Theme)
                .where(Theme.step_id.in_(step_ids))
                .order_by(Theme.step_id, Theme.position, Theme.id)
            )
        )
        shown = (  # the shown cards of every theme, in one query per meeting
            select(Card.theme_id, func.count(Card.id))
            .where(
                Card.theme_id.in_([t.id for t in themes]),
                Card.withdrawn_at.is_(None),
                Card.hidden_at.is_(None),
            )
            .group_by(Card.theme_id)
        )
        counted = {theme_id: count for theme_id, count in session.execute(shown)}
        for theme in themes:
            if counted.get(theme.id):  # an empty theme (or a dimension above themes) says nothing here
                found.append((workshop.id, theme, int(counted[theme.id])))
    numbers = match_names([theme.name for _, theme, _ in found])
    members: dict[int, list[str]] = {}
    for number, (_, theme, _) in zip(numbers, found, strict=True):
        members.setdefault(number, []).append(theme.name)
    suggested = {number: _group_name(names) for number, names in members.items()}
    chosen = {
        row.theme_id: row.group_name
        for row in session.scalars(select(SeriesTheme).where(SeriesTheme.series_id == series.id))
    }
    # One group per name whatever its case and spacing ("målbild" typed for "Målbild"),
    # spelled as matching suggested it, else as it was first typed.
    spelling: dict[str, str] = {}
    for name in [*suggested.values(), *chosen.values()]:
        spelling.setdefault(group_key(name), name)
    return [
        ThemeInSeries(
            theme.id,
            workshop_id,
            theme.name,
            cards,
            suggested[number],
            spelling[group_key(chosen.get(theme.id, suggested[number]))],
        )
        for number, (workshop_id, theme, cards) in zip(numbers, found, strict=True)
    ]


def group_key(name: str) -> str:
    """What makes two synthesis group names the same group: the words, in any case."""
    return " ".join(name.split()).casefold()


def _group_name(names: list[str]) -> str:
    """The name most meetings used; on a tie the shortest, then the first."""
    counts: dict[str, int] = {}
    for name in names:
        counts[name] = counts.get(name, 0) + 1
    return min(counts, key=lambda n: (-counts[n], len(n), names.index(n)))


def set_theme_groups(session: DbSession, series: Series, groups: dict[int, str]) -> None:
    """The organizer's matching: theme id -> group name (empty: back to the suggestion)."""
    known = {t.theme_id: t for t in themes_in_series(session, series)}
    for theme_id, name in groups.items():
        if theme_id not in known:
            raise InvalidInput(field="themes")
        clean = " ".join(name.split())
        if len(clean) > MAX_GROUP_NAME:
            raise InvalidInput(field="themes")
        row = session.get(SeriesTheme, (series.id, theme_id))
        if not clean or group_key(clean) == group_key(known[theme_id].suggested):
            if row is not None:
                session.delete(row)
        elif row is None:
            session.add(SeriesTheme(series_id=series.id, theme_id=theme_id, group_name=clean))
        else:
            row.group_name = clean
    session.commit()
