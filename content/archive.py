"""A workshop's tables as an archive (`export.archive`), and an archive as a new workshop.

Rows are written in the order they were made, each with a `ref` (its place in its
table, from 1) instead of its database id; a reference to another row names its ref.
Credentials (join code, projector and scribe links, phones' tokens), the facilitators'
accounts, receipts and rendered clouds are not archived: an imported workshop gets
new ones, and its clouds are drawn again.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Date, DateTime, Table, select, update

from export.archive import ArchiveError, read_archive_file, write_archive, write_archive_zip
from models.accounts import Facilitator
from models.agenda import MAX_FACT_LENGTH
from models.clock import utcnow
from models.groups import TableGroup
from models.notes import Note
from models.participants import Participant
from models.session import DbSession
from models.workshops import Step, Workshop, new_join_code, new_projector_token
from steps.kind import ArchivedTable
from steps.registry import kinds
from steps.settings import split_settings

WORKSHOP_FIELDS = (
    "title",
    "date",
    "place",
    "organizer",
    "held_words",
    "allowed_words",
    "note_categories",
    "levels",
    "stakeholder_types",
    "retention_days",
    "created_at",
    "ended_at",
)


def _specs() -> list[ArchivedTable]:
    """The shared tables, then each kind's own (`StepKind.archived_tables`), then the notes."""
    t = lambda model: model.__table__  # noqa: E731
    return [
        ArchivedTable("table_groups", t(TableGroup)),
        ArchivedTable("steps", t(Step), {"based_on_step_id": "steps"}),
        ArchivedTable("participants", t(Participant), {"group_id": "table_groups"}, drop=("token",)),
        *(spec for kind in kinds().values() for spec in kind.archived_tables()),
        ArchivedTable("notes", t(Note), {"group_id": "table_groups"}, drop=("author_id", "scribe_id")),
    ]


def archive_tables(
    session: DbSession, workshop: Workshop
) -> tuple[dict[str, Any], dict[str, list[dict[str, Any]]]]:
    """The workshop's facts and its tables, as the archive writes them."""
    facts = {name: getattr(workshop, name) for name in WORKSHOP_FIELDS}
    step_ids = [s.id for s in workshop.steps]
    ids: dict[str, dict[int, int]] = {}  # table -> database id -> ref
    rows_by_table: dict[str, list[dict[str, Any]]] = {}
    for spec in _specs():
        owner = (
            spec.table.c.step_id.in_(step_ids) if spec.by_step else spec.table.c.workshop_id == workshop.id
        )
        rows = session.execute(select(spec.table).where(owner).order_by(spec.table.c.id)).mappings().all()
        ids[spec.name] = {row["id"]: ref for ref, row in enumerate(rows, start=1)}
        rows_by_table[spec.name] = [dict(row) for row in rows]
    tables: dict[str, list[dict[str, Any]]] = {}
    for spec in _specs():
        out = []
        for row in rows_by_table[spec.name]:
            item: dict[str, Any] = {"ref": ids[spec.name][row["id"]]}
            for column, value in row.items():
                if column in ("id", "workshop_id", *spec.drop):
                    continue
                target = spec.refs.get(column)
                item[column] = ids[target].get(value) if target and value is not None else value
            if spec.remap:
                spec.remap(item, lambda table, value: ids[table].get(value))
            out.append(item)
        tables[spec.name] = out
    return facts, tables


@dataclass(frozen=True)
class Imported:
    """The new workshop, and the titles of its steps that came without a file of their own
    (an information step's film: the archive holds rows, not files), to be told."""

    workshop: Workshop
    without_files: list[str]


def import_tables(
    session: DbSession,
    data: dict[str, Any],
    owner: Facilitator,
    mark: str = "",
    files: Mapping[str, bytes] | None = None,
) -> Imported:
    """A new workshop, run by `owner`, holding everything in the archive, its title
    followed by `mark` (such as "(importerad 2026-12-01)") so that it is not taken for the
    original, and every step closed: no phone is sent into it before its facilitator
    opens a step. Each step's files of its own come from `files` (what an archive with
    files carried) or are copied where this server has them (`StepKind.imported`).
    Nothing is stored unless all of it is (one transaction), and files copied for a
    workshop that was not stored are removed; a broken archive raises ArchiveError."""
    brought: list[Step] = []  # each step as it was once its files were copied
    try:
        return _store(session, data, owner, mark, files or {}, brought)
    except BaseException:
        for step in brought:
            kinds()[step.kind].deleted(step)
        raise


def _store(
    session: DbSession,
    data: dict[str, Any],
    owner: Facilitator,
    mark: str,
    files: Mapping[str, bytes],
    brought: list[Step],
) -> Imported:
    facts = data["workshop"]
    try:
        values = {
            name: _value(Workshop.__table__, name, facts.get(name))
            for name in WORKSHOP_FIELDS
            if name in facts
        }
        if not values.get("title"):
            raise ArchiveError("incomplete")
        if mark:
            keep = MAX_FACT_LENGTH - len(mark) - 1
            values["title"] = f"{str(values['title'])[:keep].rstrip()} {mark}"
        workshop = Workshop(**values, join_code=new_join_code(session), projector_token=new_projector_token())
        workshop.created_at = workshop.created_at or utcnow()
        workshop.facilitators.append(owner)
        workshop.owner = owner
        session.add(workshop)
        session.flush()
        new_ids: dict[str, dict[int, int]] = {}
        for spec in _specs():
            new_ids[spec.name] = {}
            later: list[tuple[int, str, int]] = []  # (row's ref, column, ref in the same table)
            for row in data["tables"].get(spec.name, []):
                values = _row_values(spec, row, new_ids, workshop.id)
                if spec.upgrade:
                    spec.upgrade(values, int(data.get("version") or 1))
                for column, target in spec.refs.items():
                    if target == spec.name and row.get(column) is not None:
                        later.append((int(row["ref"]), column, int(row[column])))
                inserted = session.execute(spec.table.insert().values(**values).returning(spec.table.c.id))
                new_ids[spec.name][int(row["ref"])] = int(inserted.scalar_one())
            # A row may name one made after it (a theme's parent, a merged track): set now.
            for ref, column, target_ref in later:
                own = new_ids[spec.name]
                session.execute(
                    update(spec.table).where(spec.table.c.id == own[ref]).values({column: own[target_ref]})
                )
        session.execute(update(Step).where(Step.workshop_id == workshop.id).values(is_open=False))
        steps = session.scalars(select(Step).where(Step.workshop_id == workshop.id).order_by(Step.position))
        without_files = []
        for step in steps:
            if not kinds()[step.kind].imported(step, files):
                without_files.append(step.title)
            # A copy outside the session: a failed commit expires the step itself.
            brought.append(
                Step(kind=step.kind, settings=dict(step.settings or {}), state=dict(step.state or {}))
            )
    except ArchiveError:
        session.rollback()
        raise
    except (KeyError, TypeError, ValueError, AttributeError):
        session.rollback()
        raise ArchiveError("broken_rows") from None
    session.commit()
    return Imported(workshop, without_files)


def _row_values(
    spec: ArchivedTable, row: dict[str, Any], new_ids: dict[str, dict[int, int]], workshop_id: int
) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for column in spec.table.columns:
        name = column.name
        if name == "id" or name in spec.drop or name not in row:
            continue
        value = row[name]
        target = spec.refs.get(name)
        if target == spec.name:
            value = None  # set once every row of the table is in
        elif target and value is not None:
            value = new_ids[target][int(value)]
        values[name] = _value(spec.table, name, value)
    if spec.remap:
        spec.remap(values, lambda table, ref: new_ids[table][int(ref)])
    if spec.name == "steps" and "state" not in row:
        # An archive from before run-time state had its own column: it was in settings.
        values["settings"], values["state"] = split_settings(values["kind"], values.get("settings") or {})
    if "workshop_id" in spec.table.c:
        values["workshop_id"] = workshop_id
    if "token" in spec.drop:
        values["token"] = secrets.token_urlsafe(24)
    return values


def _value(table: Table, name: str, value: Any) -> Any:
    """An archived value back in its column's type (dates and times are ISO strings)."""
    if value is None:
        return None
    kind = table.c[name].type
    if isinstance(kind, DateTime):
        return dt.datetime.fromisoformat(value)
    if isinstance(kind, Date):
        return dt.date.fromisoformat(value)
    return value


def export_archive(session: DbSession, workshop: Workshop) -> bytes:
    facts, tables = archive_tables(session, workshop)
    return write_archive(facts, tables, utcnow())


def own_files(workshop: Workshop) -> dict[str, Path]:
    """The files of the workshop's steps' own on this server (films), by name."""
    return {
        name: path for step in workshop.steps for name, path in kinds()[step.kind].own_files(step).items()
    }


def export_archive_with_files(session: DbSession, workshop: Workshop) -> bytes:
    """The archive and its steps' files in one ZIP, to import on another server."""
    return write_archive_zip(export_archive(session, workshop), own_files(workshop))


def import_archive(session: DbSession, raw: bytes, owner: Facilitator, mark: str = "") -> Imported:
    """An archive file (.json, or .zip with its files) as a new workshop run by `owner`
    (see import_tables); ArchiveError says what is wrong."""
    data, files = read_archive_file(raw)
    return import_tables(session, data, owner, mark, files)
