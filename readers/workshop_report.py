"""A workshop as the exports see it: `export.report.Report`, read from the store in one
consistent snapshot. Hidden and withdrawn input stays out of the deck; the raw rows
list everything with its flags. Names appear only for participants who agreed to be
on the participant list."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import or_, select

from export.report import Person, Report, Row
from models.groups import groups_of
from models.levels import levels_of, ordered_levels
from models.notes import Note, note_categories
from models.participants import Participant, joined_by_type, participant_list
from models.session import DbSession
from models.workshops import Workshop
from readers.highlights import highlights_of
from readers.snapshots import begin_consistent_read
from steps.registry import kind_of


def workshop_report(
    session: DbSession, workshop_id: int, labels: dict[str, str] | None = None, date_format: str = "%Y-%m-%d"
) -> Report:
    begin_consistent_read(session)
    workshop = session.get(Workshop, workshop_id, populate_existing=True)
    assert workshop is not None
    listed, anonymous = participant_list(session, workshop.id)
    names = {p.id: p.display_name for p in listed}
    groups = {g.id: g.name for g in groups_of(session, workshop.id)}
    on_behalf: set[int] = set()
    types: dict[int, str] = {}
    for participant_id, stand_in, kind in session.execute(
        select(Participant.id, Participant.on_behalf, Participant.stakeholder_type).where(
            Participant.workshop_id == workshop.id,
            or_(Participant.on_behalf.is_(True), Participant.stakeholder_type.is_not(None)),
        )
    ):
        if stand_in:
            on_behalf.add(participant_id)
        if kind:
            types[participant_id] = kind
    rows = ReportRows(names, groups, on_behalf, types)
    report = Report(
        title=workshop.title,
        date=workshop.date.strftime(date_format) if workshop.date else "",
        place=workshop.place,
        organizer=workshop.organizer,
        highlights=[h["text"] for h in highlights_of(session, workshop)],
        notes=_notes(session, workshop, rows),
        participants=[Person(p.display_name, p.role_title, p.organisation) for p in listed],
        anonymous_participants=anonymous,
        stakeholders=joined_by_type(session, workshop),
        levels=ordered_levels(levels_of(workshop), levels_of(workshop)),
    )
    if labels:
        report.labels.update(labels)
    finish = [kind_of(step).add_to_report(session, step, report, rows) for step in workshop.steps]
    report.rows.extend(rows.rows)
    # Everything is read: the connection goes back to the pool before the clouds are
    # drawn, which takes longer than all the reading.
    session.rollback()
    for then in finish:
        if then is not None:
            then()
    return report


class ReportRows:
    """The raw data, one row per input, collected while the report is read."""

    def __init__(
        self, names: dict[int, str], groups: dict[int, str], on_behalf: set[int], types: dict[int, str]
    ) -> None:
        self.names, self.groups, self.on_behalf, self.types = names, groups, on_behalf, types
        self.rows: list[Row] = []

    def add(self, step: str, kind: str, item: Any, **fields: Any) -> None:
        participant_id = getattr(item, "participant_id", None)
        group_id = getattr(item, "group_id", None)
        self.rows.append(
            Row(
                step=step,
                kind=kind,
                text=item.text,
                group=self.groups.get(group_id, "") if group_id else "",
                on_behalf=participant_id in self.on_behalf,
                stakeholder=self.types.get(participant_id, "") if participant_id else "",
                name=self.names.get(participant_id, "") if participant_id else "",
                time=_iso(item.created_at),
                **fields,
            )
        )


def _iso(moment: dt.datetime) -> str:
    return moment.replace(tzinfo=dt.UTC).isoformat(timespec="seconds")


def _notes(session: DbSession, workshop: Workshop, rows: ReportRows) -> list[tuple[str, list[str]]]:
    notes = list(
        session.scalars(
            select(Note).where(Note.workshop_id == workshop.id, Note.deleted_at.is_(None)).order_by(Note.id)
        )
    )
    categories = note_categories(workshop)
    extra = [n.category for n in notes if n.category not in categories]
    for note in notes:
        rows.add("", "note", note, category=note.category)
    return [(c, [n.text for n in notes if n.category == c]) for c in dict.fromkeys([*categories, *extra])]
