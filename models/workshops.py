"""Workshops, their agenda of steps, and who may run them."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from sqlalchemy import JSON, Column, ForeignKey, Integer, Select, String, Table, Text, bindparam, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.clock import utcnow
from models.hot_path import fetch, prebuilt, run
from models.session import DbSession
from webapp.extensions import db

# Codes are read off a projector and typed on a phone: no 0/O, 1/I/L look-alikes.
JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
JOIN_CODE_LENGTH = 6

workshop_facilitators = Table(
    "workshop_facilitators",
    db.metadata,
    Column("workshop_id", ForeignKey("workshops.id", ondelete="CASCADE"), primary_key=True),
    Column("facilitator_id", ForeignKey("facilitators.id", ondelete="CASCADE"), primary_key=True),
)


class Workshop(db.Model):  # type: ignore[name-defined,misc]
    """One live event: its facts, its join code, and its sequence numbers."""

    __tablename__ = "workshops"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    date: Mapped[dt.date | None]
    place: Mapped[str] = mapped_column(String(200), default="")
    organizer: Mapped[str] = mapped_column(String(200), default="")
    join_code: Mapped[str] = mapped_column(String(JOIN_CODE_LENGTH), unique=True)
    projector_token: Mapped[str] = mapped_column(String(64), unique=True)
    seq: Mapped[int] = mapped_column(Integer, default=0)
    projector_seq: Mapped[int] = mapped_column(Integer, default=0)
    participant_seq: Mapped[int] = mapped_column(Integer, default=0)
    scribe_seq: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    ended_at: Mapped[dt.datetime | None]
    # Word cloud review lists, one word or phrase per line (see analysis.words.WordFilter).
    held_words: Mapped[str] = mapped_column(Text, default="")
    allowed_words: Mapped[str] = mapped_column(Text, default="")
    # The categories of the facilitators' notes, one per line (empty: models.notes' defaults).
    note_categories: Mapped[str] = mapped_column(Text, default="", server_default="")
    # The levels a card can be about, one per line (empty: models.levels' defaults).
    levels: Mapped[str] = mapped_column(Text, default="", server_default="")
    # The stakeholder types a participant may choose, one per line (empty: not asked).
    stakeholder_types: Mapped[str] = mapped_column(Text, default="", server_default="")
    # Participants' names and consents are removed this many days after the workshop
    # (None: kept until the workshop is deleted). See models.privacy.
    retention_days: Mapped[int | None]
    # The results page for participants (models.results): open until then (None: not
    # published), the parts it shows (one per line) and the facilitator's summary.
    results_until: Mapped[dt.date | None]
    results_parts: Mapped[str] = mapped_column(Text, default="", server_default="")
    results_summary: Mapped[str] = mapped_column(Text, default="", server_default="")
    # The facilitator who manages the others (the creator, or whom it was handed to).
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("facilitators.id", ondelete="SET NULL"))

    steps: Mapped[list[Step]] = relationship(
        back_populates="workshop",
        order_by="Step.position",
        cascade="all, delete-orphan",
        passive_deletes=True,
        foreign_keys="Step.workshop_id",
    )
    facilitators: Mapped[list[Any]] = relationship(
        "Facilitator", secondary=workshop_facilitators, back_populates="workshops"
    )
    owner: Mapped[Any] = relationship("Facilitator", foreign_keys=[owner_id])

    @property
    def open_steps(self) -> list[Step]:
        return [step for step in self.steps if step.is_open]

    def is_run_by(self, facilitator_id: int | None) -> bool:
        return facilitator_id is not None and any(f.id == facilitator_id for f in self.facilitators)

    def is_owned_by(self, facilitator_id: int | None) -> bool:
        """The owner manages the facilitators; with no owner left, each of them may."""
        if self.owner_id is None:
            return self.is_run_by(facilitator_id)
        return facilitator_id is not None and self.owner_id == facilitator_id


class Step(db.Model):  # type: ignore[name-defined,misc]
    """One item on the agenda: its kind (`steps.registry`), its configuration from the
    editor (`settings`) and what changes while it runs (`state`: voting open, the timer)."""

    __tablename__ = "steps"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    kind: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(200))
    prompt: Mapped[str] = mapped_column(Text, default="")
    settings: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    state: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    based_on_step_id: Mapped[int | None] = mapped_column(ForeignKey("steps.id", ondelete="SET NULL"))
    is_open: Mapped[bool] = mapped_column(default=False)
    opened_at: Mapped[dt.datetime | None]

    workshop: Mapped[Workshop] = relationship(back_populates="steps", foreign_keys=[workshop_id])
    based_on: Mapped[Step | None] = relationship(remote_side=[id])


def new_join_code(session: DbSession) -> str:
    """A random unused join code."""
    while True:
        code = "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))
        if session.scalar(select(Workshop.id).where(Workshop.join_code == code)) is None:
            return code


def clean_join_code(raw: str) -> str:
    """What a person typed, as a code: case, spaces and dashes do not matter."""
    return "".join(ch for ch in raw.upper() if ch.isalnum())


def find_by_join_code(session: DbSession, raw: str) -> Workshop | None:
    code = clean_join_code(raw)
    if len(code) != JOIN_CODE_LENGTH:
        return None
    # Every page of a join storm asks this (the form, the join, the phone page): a statement
    # built once, and the workshop read as `fetch` reads it (models.hot_path).
    workshop_id = run(session, _workshop_by_join_code(), {"code": code}).scalar()
    return None if workshop_id is None else fetch(session, Workshop, workshop_id)


@prebuilt
def _workshop_by_join_code() -> Select[tuple[int]]:
    workshops = Workshop.__table__
    return select(workshops.c.id).where(workshops.c.join_code == bindparam("code"))


def find_by_projector_token(session: DbSession, token: str) -> Workshop | None:
    if not token or len(token) > 64:
        return None
    return session.scalar(select(Workshop).where(Workshop.projector_token == token))


def new_projector_token() -> str:
    return secrets.token_urlsafe(24)
