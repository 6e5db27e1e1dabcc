"""Scribes (skribenter): people the facilitator invites with a link or QR code, without
an account. A scribe writes and edits their own notes, optionally for one table group,
enters input on a group's behalf, and reads the board as the projector shows it;
nothing else. The link is the credential: revoking it shuts the scribe out at once.
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from sqlalchemy import ForeignKey, String, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.clock import utcnow
from models.errors import NotFound, TextTooLong
from models.groups import TableGroup, find_group
from models.session import DbSession
from models.workshops import Workshop
from webapp.extensions import db

MAX_SCRIBE_NAME_LENGTH = 80


class Scribe(db.Model):  # type: ignore[name-defined,misc]
    """One scribe's invitation to one workshop."""

    __tablename__ = "scribes"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), index=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(MAX_SCRIBE_NAME_LENGTH), default="")
    # The table group the scribe writes for (None: the whole workshop).
    group_id: Mapped[int | None] = mapped_column(ForeignKey("table_groups.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[dt.datetime | None]

    workshop: Mapped[Workshop] = relationship()

    def public(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "group_id": self.group_id}


def invite_scribe(session: DbSession, workshop: Workshop, name: str, group_id: object = None) -> Scribe:
    """A new scribe link for the workshop, for one table group if `group_id` is given."""
    clean = " ".join(name.split())
    if len(clean) > MAX_SCRIBE_NAME_LENGTH:
        raise TextTooLong(limit=MAX_SCRIBE_NAME_LENGTH)
    group = find_group(session, workshop.id, group_id)
    scribe = Scribe(
        workshop_id=workshop.id,
        token=secrets.token_urlsafe(24),
        name=clean,
        group_id=group.id if group else None,
    )
    session.add(scribe)
    session.commit()
    return scribe


def revoke_scribe(session: DbSession, workshop: Workshop, scribe_id: int) -> None:
    """The scribe's link stops working; the notes they wrote stay."""
    scribe = session.get(Scribe, scribe_id)
    if scribe is None or scribe.workshop_id != workshop.id or scribe.revoked_at is not None:
        raise NotFound()
    scribe.revoked_at = utcnow()
    session.commit()


def scribes_of(session: DbSession, workshop_id: int) -> list[Scribe]:
    """The workshop's scribes whose links still work, oldest first."""
    return list(
        session.scalars(
            select(Scribe)
            .where(Scribe.workshop_id == workshop_id, Scribe.revoked_at.is_(None))
            .order_by(Scribe.id)
        )
    )


def was_revoked(session: DbSession, token: str | None) -> bool:
    """Whether this is the link of a scribe whose link was revoked (they are told so)."""
    if not token or len(token) > 64:
        return False
    return (
        session.scalar(select(Scribe.id).where(Scribe.token == token, Scribe.revoked_at.is_not(None)))
        is not None
    )


def find_scribe(session: DbSession, token: str | None, workshop_id: int | None = None) -> Scribe | None:
    """The scribe this link belongs to, while it has not been revoked."""
    if not token or len(token) > 64:
        return None
    scribe = session.scalar(select(Scribe).where(Scribe.token == token, Scribe.revoked_at.is_(None)))
    if scribe is None or (workshop_id is not None and scribe.workshop_id != workshop_id):
        return None
    return scribe


def scribe_group(session: DbSession, scribe: Scribe) -> TableGroup | None:
    return session.get(TableGroup, scribe.group_id) if scribe.group_id else None
