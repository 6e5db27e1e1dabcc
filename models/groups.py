"""Table groups (bordsgrupper): the small groups a workshop works in.

The facilitator names them; a participant picks one when joining, or scans the
table's own QR code. Every input carries the group its sender was in when it was
sent, so the dashboard and the export can compare groups.
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, Integer, String, func, select
from sqlalchemy.orm import Mapped, mapped_column

from models.errors import GroupInUse, InvalidInput
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


def set_groups(session: DbSession, workshop: Workshop, text: str) -> list[TableGroup]:
    """The workshop's groups, as the facilitator lists them, one per line.

    Line n renames group n, so inputs keep their group through a rename; new lines
    add groups; a group left out is removed only if no participant is in it (input entered
    on its behalf keeps no group then).
    """
    from models.participants import Participant

    names = parse_group_names(text)
    groups = groups_of(session, workshop.id)
    for position, name in enumerate(names):
        if position < len(groups):
            groups[position].name = name
        else:
            session.add(TableGroup(workshop_id=workshop.id, name=name, position=position))
    for group in groups[len(names) :]:
        members = session.scalar(
            select(func.count(Participant.id)).where(
                Participant.group_id == group.id, Participant.on_behalf.is_(False)
            )
        )
        if members:
            session.rollback()
            raise GroupInUse(name=group.name)
        session.delete(group)
    session.commit()
    return groups_of(session, workshop.id)
