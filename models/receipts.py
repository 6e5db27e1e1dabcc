"""Receipts make phone submissions idempotent.

A phone names every submission with an id it made itself and resends it until it
gets an acknowledgement. The first time, the operation runs and its acknowledgement
is stored under that id in the same transaction; every resend is answered with the
stored acknowledgement and changes nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column

from models.clock import utcnow
from models.errors import DomainError, InvalidInput
from models.events import Event
from models.group_commit import commit
from models.hot_path import insert_row, run, stored_ack
from models.session import DbSession
from webapp.extensions import db

CLIENT_ID_PATTERN = re.compile(r"^[A-Za-z0-9_-]{8,64}$")


class Receipt(db.Model):  # type: ignore[name-defined,misc]
    """The stored acknowledgement of one submission from one participant."""

    __tablename__ = "receipts"
    __table_args__ = (UniqueConstraint("participant_id", "client_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"), index=True)
    client_id: Mapped[str] = mapped_column(String(64))
    ack: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


@dataclass(frozen=True)
class Outcome:
    """What a submission returns: the acknowledgement, and the event if it changed anything."""

    ack: dict[str, Any]
    event: Event | None
    ranking_step: int | None = None  # a step whose totals changed (sent batched: steps.rankings)
    resent: bool = False  # answered from the receipt: nothing changed

    def with_totals_of(self, changed: list[int]) -> Outcome:
        """A vote's outcome, naming the step whose totals it changed (`changed`: filled by
        the write when it changed them), unless it was refused or a resend (a resend runs
        the write again, then rolls it back)."""
        if changed and not self.resent and self.ack.get("ok"):
            return replace(self, ranking_step=changed[0])
        return self


def check_client_id(client_id: object) -> str:
    if not isinstance(client_id, str) or not CLIENT_ID_PATTERN.match(client_id):
        raise InvalidInput(field="id")
    return client_id


def _stored_ack(session: DbSession, participant_id: int, client_id: str) -> dict[str, Any] | None:
    stored: dict[str, Any] | None = run(
        session, stored_ack(), {"participant_id": participant_id, "client_id": client_id}
    ).scalar()
    return stored


def resent_ack(session: DbSession, participant_id: int, client_id: object) -> dict[str, Any] | None:
    """The stored acknowledgement of a submission the phone says it sent before, if the
    server has one: a resend is then answered with one read, and no write is tried.
    (Without the phone's word `once` still answers it, after trying the write.)"""
    if not isinstance(client_id, str) or not CLIENT_ID_PATTERN.match(client_id):
        return None
    return _stored_ack(session, participant_id, client_id)


def once(
    session: DbSession,
    participant_id: int,
    client_id: object,
    operation: Callable[[], tuple[dict[str, Any], Event | None]],
) -> Outcome:
    """Run `operation` at most once for this participant's submission id.

    `operation` validates and writes without committing and returns the
    acknowledgement and the event; this commits both with the receipt.

    The receipt is not looked up first: most submissions are new, and a phone marks what
    it sends again (`resent_ack` answers those before this runs). A resend that gets here
    anyway (unmarked, or both copies at once) runs, fails on the receipt's unique key or
    on a check the first copy made fail (the step's limit, say), is rolled back and is
    answered with the stored acknowledgement. Only the first copy's transaction commits.
    """
    client_id = check_client_id(client_id)
    try:
        ack, event = operation()
        insert_row(
            session, Receipt.__table__, {"participant_id": participant_id, "client_id": client_id, "ack": ack}
        )
        commit(session)  # alone, or with the submissions that arrived with it
    except (DomainError, IntegrityError):
        session.rollback()
        stored = _stored_ack(session, participant_id, client_id)
        if stored is None:
            raise
        return Outcome(stored, None, resent=True)
    except BaseException:
        session.rollback()
        raise
    return Outcome(ack, event)
