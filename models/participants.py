"""Participants: anonymous by default, known to the server by a random token that
lives in the phone's signed session cookie."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable

from sqlalchemy import ForeignKey, String, select
from sqlalchemy.orm import Mapped, mapped_column

from models.clock import utcnow
from models.errors import TextTooLong, UnknownJoinCode, WorkshopEnded
from models.groups import find_group
from models.session import DbSession
from models.workshops import Workshop, find_by_join_code
from webapp.extensions import db

MAX_NAME_LENGTH = 80


class Participant(db.Model):  # type: ignore[name-defined,misc]
    """One phone in one workshop (deltagare)."""

    __tablename__ = "participants"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), index=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(MAX_NAME_LENGTH), default="")
    # The table group the participant sits in; their input carries it.
    group_id: Mapped[int | None] = mapped_column(ForeignKey("table_groups.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


def participant_public(participant: Participant) -> dict[str, object]:
    """What facilitators see of a participant."""
    return {"id": participant.id, "name": participant.display_name, "group_id": participant.group_id}


def participant_names(session: DbSession, participant_ids: Iterable[int | None]) -> dict[int, str]:
    """The names of these participants (empty for the anonymous), by id, in one query."""
    ids = {pid for pid in participant_ids if pid is not None}
    if not ids:
        return {}
    rows = session.execute(select(Participant.id, Participant.display_name).where(Participant.id.in_(ids)))
    return {pid: name for pid, name in rows}


def workshop_for_code(session: DbSession, code: str) -> Workshop:
    """The workshop a join code opens, or a domain error the phone can show."""
    workshop = find_by_join_code(session, code)
    if workshop is None:
        raise UnknownJoinCode()
    if workshop.ended_at is not None:
        raise WorkshopEnded()
    return workshop


def join_workshop(
    session: DbSession, workshop: Workshop, display_name: str = "", group_id: object = None
) -> Participant:
    """Make a new participant in an open workshop, in a table group if they chose one."""

    if workshop.ended_at is not None:
        raise WorkshopEnded()
    name = " ".join(display_name.split())
    if len(name) > MAX_NAME_LENGTH:
        raise TextTooLong(limit=MAX_NAME_LENGTH)
    group = find_group(session, workshop.id, group_id)
    participant = Participant(
        workshop_id=workshop.id,
        token=secrets.token_urlsafe(24),
        display_name=name,
        group_id=group.id if group else None,
    )
    session.add(participant)
    session.commit()
    return participant


def find_participant(session: DbSession, workshop_id: int, token: str | None) -> Participant | None:
    if not token:
        return None
    return session.scalar(
        select(Participant).where(Participant.token == token, Participant.workshop_id == workshop_id)
    )
