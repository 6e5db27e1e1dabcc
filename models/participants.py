"""Participants: anonymous by default, known to the server by a random token that
lives in the phone's signed session cookie.

A participant may give a name, a role and an organisation, and only together with an
explicit consent to be on the participant list: without consent nothing identifying
is stored, so nothing identifying can be shown anywhere."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable

from sqlalchemy import ForeignKey, String, false, func, inspect, select
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.orm.util import identity_key

from models.clock import utcnow
from models.errors import ConsentRequired, TextTooLong, UnknownJoinCode, WorkshopEnded
from models.events import lock_workshop
from models.groups import find_group
from models.session import DbSession
from models.stakeholders import in_list_order, stakeholder_types_of, valid_stakeholder_type
from models.workshops import Workshop, find_by_join_code
from webapp.extensions import db

MAX_NAME_LENGTH = 80
MAX_ROLE_LENGTH = 120
MAX_ORGANISATION_LENGTH = 200


class Participant(db.Model):  # type: ignore[name-defined,misc]
    """One phone in one workshop (deltagare)."""

    __tablename__ = "participants"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), index=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(MAX_NAME_LENGTH), default="")
    role_title: Mapped[str] = mapped_column(String(MAX_ROLE_LENGTH), default="", server_default="")
    organisation: Mapped[str] = mapped_column(String(MAX_ORGANISATION_LENGTH), default="", server_default="")
    # When the participant agreed to be on the participant list (None: anonymous).
    consent_at: Mapped[dt.datetime | None]
    # The table group the participant sits in; their input carries it.
    group_id: Mapped[int | None] = mapped_column(ForeignKey("table_groups.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    # Not a phone: the stand-in a scribe or facilitator enters a group's input through
    # (from paper, or for people without a phone). One per group; its input is marked.
    on_behalf: Mapped[bool] = mapped_column(default=False, server_default=false())
    # One of the workshop's stakeholder types, or None (models.stakeholders): anonymous.
    stakeholder_type: Mapped[str | None] = mapped_column(String(60))


def participant_public(participant: Participant) -> dict[str, object]:
    """What facilitators see of a participant."""
    return {"id": participant.id, "name": participant.display_name, "group_id": participant.group_id}


class Senders:
    """Who sent each of a list of inputs, as facilitators see it: a name (empty for the
    anonymous), and whether it was entered on a table group's behalf. At most one query:
    participants the session has loaded already (the sender of a submission) need none."""

    def __init__(self, session: DbSession, participant_ids: Iterable[int | None]) -> None:
        self._by_id: dict[int, tuple[str, bool]] = {}
        missing = set()
        for pid in {pid for pid in participant_ids if pid is not None}:
            loaded = session.identity_map.get(identity_key(Participant, pid))
            if loaded is not None and not {"display_name", "on_behalf"} & inspect(loaded).unloaded:
                self._by_id[pid] = (loaded.display_name, loaded.on_behalf)
            else:
                missing.add(pid)
        if missing:
            query = select(Participant.id, Participant.display_name, Participant.on_behalf)
            rows = session.execute(query.where(Participant.id.in_(missing)))
            self._by_id.update({pid: (name, on_behalf) for pid, name, on_behalf in rows})

    def of(self, participant_id: int | None) -> dict[str, object]:
        name, on_behalf = self._by_id.get(participant_id or 0, ("", False))
        return {"id": participant_id, "name": name, "on_behalf": on_behalf}


def group_proxy(
    session: DbSession, workshop: Workshop, group_id: object, stakeholder_type: object = None
) -> Participant:
    """The stand-in participant that input entered on behalf of a table group (or, with no
    group, of people without a phone) is sent as, one per stakeholder type given; made the
    first time it is needed."""
    group = find_group(session, workshop.id, group_id)
    kind = valid_stakeholder_type(workshop, stakeholder_type)
    lock_workshop(session, workshop.id)  # two scribes of one table make one stand-in
    proxy, made = _stand_in(session, workshop.id, group.id if group else None, kind)
    if made:
        session.commit()
    return proxy


def stand_in(
    session: DbSession, workshop_id: int, group_id: int | None, stakeholder_type: str | None = None
) -> Participant:
    """A group's stand-in (see `group_proxy`), made within the caller's transaction, which
    holds the workshop's lock."""
    return _stand_in(session, workshop_id, group_id, stakeholder_type)[0]


def _stand_in(
    session: DbSession, workshop_id: int, group_id: int | None, stakeholder_type: str | None
) -> tuple[Participant, bool]:
    proxy = session.scalar(
        select(Participant)
        .where(
            Participant.workshop_id == workshop_id,
            Participant.on_behalf.is_(True),
            Participant.group_id == group_id if group_id else Participant.group_id.is_(None),
            Participant.stakeholder_type == stakeholder_type
            if stakeholder_type
            else Participant.stakeholder_type.is_(None),
        )
        .order_by(Participant.id)
        .limit(1)
    )
    if proxy is not None:
        return proxy, False
    proxy = Participant(
        workshop_id=workshop_id,
        token=secrets.token_urlsafe(24),
        group_id=group_id,
        on_behalf=True,
        stakeholder_type=stakeholder_type,
    )
    session.add(proxy)
    session.flush()
    return proxy, True


def workshop_for_code(session: DbSession, code: str) -> Workshop:
    """The workshop a join code opens, or a domain error the phone can show."""
    workshop = find_by_join_code(session, code)
    if workshop is None:
        raise UnknownJoinCode()
    if workshop.ended_at is not None:
        raise WorkshopEnded()
    return workshop


def _line(value: str, limit: int) -> str:
    text = " ".join(value.split())
    if len(text) > limit:
        raise TextTooLong(limit=limit)
    return text


def join_workshop(
    session: DbSession,
    workshop: Workshop,
    display_name: str = "",
    group_id: object = None,
    role_title: str = "",
    organisation: str = "",
    consent: bool | None = None,
    stakeholder_type: object = None,
) -> Participant:
    """Make a new participant in an open workshop, in a table group if they chose one.

    A name, role or organisation needs `consent` (to be on the participant list);
    without it they are refused, never stored. `consent=None` (scripts and tests) means
    consent when any of them is given. A stakeholder type (one of the workshop's) is
    anonymous and needs none."""
    if workshop.ended_at is not None:
        raise WorkshopEnded()
    name = _line(display_name, MAX_NAME_LENGTH)
    role = _line(role_title, MAX_ROLE_LENGTH)
    org = _line(organisation, MAX_ORGANISATION_LENGTH)
    identifying = bool(name or role or org)
    if consent is None:
        consent = identifying
    if identifying and not consent:
        raise ConsentRequired()
    group = find_group(session, workshop.id, group_id)
    participant = Participant(
        workshop_id=workshop.id,
        token=secrets.token_urlsafe(24),
        stakeholder_type=valid_stakeholder_type(workshop, stakeholder_type),
        display_name=name,
        role_title=role,
        organisation=org,
        consent_at=utcnow() if consent and identifying else None,
        group_id=group.id if group else None,
    )
    session.add(participant)
    session.commit()
    return participant


def joined_by_type(session: DbSession, workshop: Workshop) -> list[tuple[str, int]]:
    """How many people joined as each of the workshop's stakeholder types, in its order
    (a group's stand-in is not a person; those who gave no type are not counted)."""
    rows = session.execute(
        select(Participant.stakeholder_type, func.count())
        .where(
            Participant.workshop_id == workshop.id,
            Participant.on_behalf.is_(False),
            Participant.stakeholder_type.is_not(None),
        )
        .group_by(Participant.stakeholder_type)
    )
    return in_list_order({kind: count for kind, count in rows}, stakeholder_types_of(workshop))


def participant_list(session: DbSession, workshop_id: int) -> tuple[list[Participant], int]:
    """The participants who agreed to be listed, by name, and how many others took part."""
    everyone = list(
        session.scalars(
            select(Participant)
            .where(Participant.workshop_id == workshop_id, Participant.on_behalf.is_(False))
            .order_by(Participant.id)
        )
    )
    listed = sorted(
        (p for p in everyone if p.consent_at is not None), key=lambda p: p.display_name.casefold()
    )
    return listed, len(everyone) - len(listed)


def find_participant(session: DbSession, workshop_id: int, token: str | None) -> Participant | None:
    if not token:
        return None
    return session.scalar(
        select(Participant).where(
            Participant.token == token,
            Participant.workshop_id == workshop_id,
            Participant.on_behalf.is_(False),
        )
    )
