"""Table groups (bordsgrupper): the small groups a workshop works in.

The facilitator names them; a participant picks one when joining, or scans the
table's own QR code. Every input carries the group its sender was in when it was
sent, so the dashboard and the export can compare groups.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ForeignKey, Integer, Select, String, Table, bindparam, func, select, update
from sqlalchemy.orm import Mapped, mapped_column

from models.errors import (
    DuplicateGroupName,
    GroupHasScribe,
    GroupNameRequired,
    GroupNeedsDestination,
    InvalidInput,
)
from models.hot_path import prebuilt, run
from models.session import DbSession
from models.workshops import Workshop
from webapp.extensions import db

MAX_GROUP_NAME_LENGTH = 60
MAX_GROUPS = 60


class TableGroup(db.Model):  # type: ignore[name-defined,misc]
    """One table or small group of a workshop."""

    __tablename__ = "table_groups"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(MAX_GROUP_NAME_LENGTH))
    position: Mapped[int] = mapped_column(Integer, default=0)


def groups_of(session: DbSession, workshop_id: int) -> list[TableGroup]:
    return list(
        session.scalars(
            select(TableGroup).where(TableGroup.workshop_id == workshop_id).order_by(TableGroup.position)
        )
    )


def group_names(session: DbSession, workshop_id: int) -> tuple[tuple[int, str], ...]:
    """The workshop's groups' ids and names, in order: what the join form offers, read with a
    statement built once (every phone of a join storm asks)."""
    return tuple((id_, name) for id_, name in run(session, _group_names(), {"workshop_id": workshop_id}))


@prebuilt
def _group_names() -> Select[tuple[int, str]]:
    groups = TableGroup.__table__
    query = select(groups.c.id, groups.c.name).where(groups.c.workshop_id == bindparam("workshop_id"))
    return query.order_by(groups.c.position)


def group_public(group: TableGroup) -> dict[str, object]:
    return {"id": group.id, "name": group.name}


def find_group(session: DbSession, workshop_id: int, group_id: object) -> TableGroup | None:
    """The workshop's group with this id; None for no group; InvalidInput for any other id."""
    if group_id in (None, "", 0, "0"):
        return None
    try:
        number = int(str(group_id))
    except ValueError:
        raise InvalidInput(field="group") from None
    group = session.get(TableGroup, number)
    if group is None or group.workshop_id != workshop_id:
        raise InvalidInput(field="group")
    return group


def parse_group_names(text: str) -> list[str]:
    """One group per line; blank lines are skipped and a repeated name counts once."""
    names: list[str] = []
    for line in text.splitlines():
        name = " ".join(line.split())
        if not name or name.casefold() in (n.casefold() for n in names):
            continue
        if len(name) > MAX_GROUP_NAME_LENGTH:
            raise InvalidInput(field="groups")
        names.append(name)
    if len(names) > MAX_GROUPS:
        raise InvalidInput(field="groups")
    return names


@dataclass(frozen=True)
class GroupLine:
    """One line of the editor's list: an existing group by its id (renamed in place, or
    removed, its people and input going to `move_to`: a group's id, or None for no group),
    or a new group (id None). The lines' order is the groups' order."""

    id: int | None
    name: str
    remove: bool = False
    move_chosen: bool = False
    move_to: int | None = None


def add_groups(session: DbSession, workshop: Workshop, text: str) -> list[TableGroup]:
    """New groups after the workshop's own, one per line (a name it has already is skipped)."""
    kept = [GroupLine(g.id, g.name) for g in groups_of(session, workshop.id)]
    return save_groups(session, workshop, [*kept, *(GroupLine(None, n) for n in parse_group_names(text))])


def save_groups(session: DbSession, workshop: Workshop, lines: list[GroupLine]) -> list[TableGroup]:
    """The workshop's groups as the editor lists them. A group is known by its id, never by
    its place in the list: renaming, reordering and removing a line changes nobody's group
    but that line's. A group that someone sits in, or that input carries, is removed only
    with a destination for them (GroupNeedsDestination names what is in it)."""
    existing = {g.id: g for g in groups_of(session, workshop.id)}
    if any(line.id is not None and line.id not in existing for line in lines):
        raise InvalidInput(field="groups")
    listed = {line.id for line in lines}
    lines = [*lines, *(GroupLine(g.id, g.name) for gid, g in existing.items() if gid not in listed)]
    kept = [line for line in lines if not line.remove and (line.id is not None or line.name.strip())]
    names = [_group_name(line, existing) for line in kept]
    folded = [n.casefold() for n in names]
    if len(set(folded)) < len(folded):
        raise DuplicateGroupName(name=next(n for n in names if folded.count(n.casefold()) > 1))
    if len(kept) > MAX_GROUPS:
        raise InvalidInput(field="groups")
    kept_ids = {line.id for line in kept if line.id is not None}
    for line in lines:
        if line.remove and line.id is not None:
            _remove_group(session, existing[line.id], line, kept_ids)
    for position, (line, name) in enumerate(zip(kept, names, strict=True)):
        if line.id is None:
            session.add(TableGroup(workshop_id=workshop.id, name=name, position=position))
        else:
            existing[line.id].name, existing[line.id].position = name, position
    session.commit()
    return groups_of(session, workshop.id)


def _group_name(line: GroupLine, existing: dict[int, TableGroup]) -> str:
    name = " ".join(line.name.split())
    if not name:
        raise GroupNameRequired(name=existing[line.id].name if line.id else "")
    if len(name) > MAX_GROUP_NAME_LENGTH:
        raise InvalidInput(field="groups")
    return name


def group_contents(session: DbSession, group_id: int) -> tuple[int, int]:
    """How many participants sit in the group (phones, not stand-ins), and how many inputs
    and notes carry it."""
    return contents_of_groups(session, [group_id])[group_id]


def contents_of_groups(session: DbSession, group_ids: list[int]) -> dict[int, tuple[int, int]]:
    """`group_contents` of several groups at once: one query per table, not per group."""
    from models.participants import Participant

    people: dict[int, int] = dict.fromkeys(group_ids, 0)
    inputs: dict[int, int] = dict.fromkeys(group_ids, 0)
    phones = (
        select(Participant.group_id, func.count(Participant.id))
        .where(Participant.group_id.in_(group_ids), Participant.on_behalf.is_(False))
        .group_by(Participant.group_id)
    )
    for group_id, count in session.execute(phones):
        people[group_id] = count
    for table in _tables_carrying_groups():
        if table.name in ("participants", "scribes"):
            continue
        counted = (
            select(table.c.group_id, func.count())
            .where(table.c.group_id.in_(group_ids))
            .group_by(table.c.group_id)
        )
        for group_id, count in session.execute(counted):
            inputs[group_id] += count
    return {gid: (people[gid], inputs[gid]) for gid in group_ids}


def _tables_carrying_groups() -> list[Table]:
    """Every table with a table group column (participants, scribes, every kind's input,
    notes): asked of the metadata, so that a new kind of input is moved too."""
    return [
        table
        for table in db.metadata.sorted_tables
        if "group_id" in table.c
        and any(fk.column.table.name == TableGroup.__tablename__ for fk in table.c.group_id.foreign_keys)
    ]


def has_scribe(session: DbSession, group_id: int) -> bool:
    """Whether a scribe link (not revoked) writes for the group."""
    return group_id in groups_with_scribes(session, [group_id])


def groups_with_scribes(session: DbSession, group_ids: list[int]) -> set[int]:
    """Which of these groups a scribe link (not revoked) writes for."""
    from models.scribes import Scribe

    return set(
        session.scalars(
            select(Scribe.group_id).where(Scribe.group_id.in_(group_ids), Scribe.revoked_at.is_(None))
        )
    )


def _remove_group(session: DbSession, group: TableGroup, line: GroupLine, kept_ids: set[int]) -> None:
    people, inputs = group_contents(session, group.id)
    if (people or inputs) and not line.move_chosen:
        session.rollback()
        raise GroupNeedsDestination(name=group.name, people=people, inputs=inputs)
    if line.move_to is not None and line.move_to not in kept_ids:
        session.rollback()
        raise InvalidInput(field="groups")
    if line.move_to is None and has_scribe(session, group.id):
        session.rollback()  # the table's scribe would become the whole workshop's
        raise GroupHasScribe(name=group.name)
    for table in _tables_carrying_groups():
        session.execute(update(table).where(table.c.group_id == group.id).values(group_id=line.move_to))
    session.delete(group)
