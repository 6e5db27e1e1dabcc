"""Facilitator accounts: e-mail and a hashed password (werkzeug's scrypt)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from flask_login import UserMixin
from sqlalchemy import String, func, select
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from models.clock import utcnow
from models.errors import (
    AccountExists,
    InvalidInput,
    LastFacilitator,
    OwnerOnly,
    OwnerStays,
    UnknownAccount,
    WeakPassword,
)
from models.session import DbSession
from models.workshops import Workshop, workshop_facilitators
from webapp.extensions import db

MIN_PASSWORD_LENGTH = 10
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class Facilitator(UserMixin, db.Model):  # type: ignore[name-defined,misc]
    """A person who prepares and runs workshops (processledare)."""

    __tablename__ = "facilitators"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str] = mapped_column(String(256))
    # The interface language chosen in Settings; None follows the session (Swedish by default).
    language: Mapped[str | None] = mapped_column(String(5), default=None)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    workshops: Mapped[list[Any]] = relationship(
        "Workshop", secondary=workshop_facilitators, back_populates="facilitators"
    )

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)


def normalise_email(email: str) -> str:
    return email.strip().lower()


def create_facilitator(session: DbSession, email: str, password: str, name: str = "") -> Facilitator:
    """Add an account; the e-mail must be new and the password long enough."""
    email = normalise_email(email)
    if not EMAIL_PATTERN.match(email) or len(email) > 254:
        raise InvalidInput(field="email")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise WeakPassword(min_length=MIN_PASSWORD_LENGTH)
    if find_facilitator(session, email) is not None:
        raise AccountExists()
    facilitator = Facilitator(
        email=email, name=name.strip()[:200], password_hash=generate_password_hash(password)
    )
    session.add(facilitator)
    session.commit()
    return facilitator


def find_facilitator(session: DbSession, email: str) -> Facilitator | None:
    return session.scalar(select(Facilitator).where(Facilitator.email == normalise_email(email)))


def authenticate(session: DbSession, email: str, password: str) -> Facilitator | None:
    """The account for these credentials, or None. Takes as long for an unknown e-mail."""
    facilitator = find_facilitator(session, email)
    if facilitator is None:
        check_password_hash(_DUMMY_HASH, password)
        return None
    return facilitator if facilitator.check_password(password) else None


def add_facilitator(session: DbSession, workshop: Workshop, by: int, email: str) -> Facilitator:
    """A co-facilitator (medprocessledare), by the e-mail of their account: they run the
    workshop with full rights but its facilitators, which its owner (`by`) manages."""
    _owner_only(workshop, by)
    facilitator = find_facilitator(session, email)
    if facilitator is None:
        raise UnknownAccount(field="email")
    if not workshop.is_run_by(facilitator.id):
        workshop.facilitators.append(facilitator)
        session.commit()
    return facilitator


def remove_facilitator(session: DbSession, workshop: Workshop, by: int, facilitator_id: int) -> None:
    """A facilitator leaves the workshop: the owner removes a co-facilitator, or a
    co-facilitator leaves. Nobody removes the owner, who hands the workshop over first."""
    remaining = [f for f in workshop.facilitators if f.id != facilitator_id]
    if len(remaining) == len(workshop.facilitators):
        raise InvalidInput(field="facilitator")
    if workshop.is_owned_by(facilitator_id) and workshop.owner_id is not None:
        raise OwnerStays() if by == facilitator_id else OwnerOnly()
    if by != facilitator_id:
        _owner_only(workshop, by)
    if not remaining:
        raise LastFacilitator()
    workshop.facilitators = remaining
    session.commit()


def hand_over(session: DbSession, workshop: Workshop, by: int, facilitator_id: int) -> None:
    """The owner makes a co-facilitator the owner, and stays on as a co-facilitator."""
    _owner_only(workshop, by)
    if facilitator_id == workshop.owner_id or not workshop.is_run_by(facilitator_id):
        raise InvalidInput(field="facilitator")
    workshop.owner_id = facilitator_id
    session.commit()


def _owner_only(workshop: Workshop, by: int) -> None:
    if not workshop.is_owned_by(by):
        raise OwnerOnly()


def count_facilitators(session: DbSession) -> int:
    return session.scalar(select(func.count(Facilitator.id))) or 0


_DUMMY_HASH = generate_password_hash("not-a-real-password")


def set_language(
    session: DbSession, facilitator: Facilitator, language: str, languages: tuple[str, ...]
) -> None:
    """Keep the facilitator's interface language for every later login."""
    if language not in languages:
        raise InvalidInput(field="language")
    facilitator.language = language
    session.commit()
