"""Personal data: deleting a workshop with everything in it, and the retention setting that
removes participants' names and consent records some days after the workshop.

Nothing else identifying is stored: participants are known by a random token in their
own cookie, and no IP address is written anywhere (rate limits count addresses in memory
or Redis only, for a minute at a time)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, select, update

from models.clock import utcnow
from models.errors import InvalidInput
from models.participants import Participant
from models.session import DbSession
from models.workshops import Workshop
from steps.registry import kind_of

MAX_RETENTION_DAYS = 3650


def delete_workshop(session: DbSession, workshop: Workshop) -> None:
    """The workshop and everything in it: steps (and their files), input, votes, notes,
    participants, scribes' links; the database's cascades remove each row that belongs
    to it."""
    for step in workshop.steps:
        kind_of(step).deleted(step)
    workshop_id = workshop.id
    session.expunge(workshop)
    session.execute(delete(Workshop).where(Workshop.id == workshop_id))
    session.commit()


def set_retention(session: DbSession, workshop: Workshop, days: int | None) -> None:
    """Remove participants' names and consent records `days` after the workshop (None: keep)."""
    if days is not None and not 1 <= days <= MAX_RETENTION_DAYS:
        raise InvalidInput(field="retention_days")
    workshop.retention_days = days
    session.commit()


def retention_due(workshop: Workshop) -> dt.datetime | None:
    """When the workshop's names go: N days after its date (or after it was made)."""
    if workshop.retention_days is None:
        return None
    start = dt.datetime.combine(workshop.date, dt.time()) if workshop.date else workshop.created_at
    return start + dt.timedelta(days=workshop.retention_days)


def apply_retention(session: DbSession, now: dt.datetime | None = None) -> int:
    """Blank the names, roles, organisations and consents that are due; how many people."""
    now = now or utcnow()
    blanked = 0
    for workshop in session.scalars(select(Workshop).where(Workshop.retention_days.is_not(None))):
        due = retention_due(workshop)
        if due is None or due > now:
            continue
        result = session.execute(
            update(Participant)
            .where(Participant.workshop_id == workshop.id, Participant.consent_at.is_not(None))
            .values(display_name="", role_title="", organisation="", consent_at=None)
        )
        blanked += result.rowcount or 0  # type: ignore[attr-defined]
    session.commit()
    return blanked
