"""Workshop events and their sequence numbers.

Every change raises the workshop's sequence number in the same transaction that
makes it. Clients receive only the events meant for their role, so each role also
keeps the number of the last event it was sent: an event carries `seq` and `prev`,
the previous event of that role, and a client that sees `prev` differ from the last
`seq` it applied has missed something and fetches a snapshot. Participants do not
receive each other's submissions, so the cost of an event does not grow with the
number of phones in the room.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm.attributes import set_committed_value

from models.errors import NotFound
from models.hot_path import advance_workshop, fetch, run
from models.session import DbSession, plain_session
from models.workshops import Workshop


class Role(enum.StrEnum):
    """Who a socket room is for. Facilitators see every event; scribes see what the
    projector shows, and the notes."""

    FACILITATOR = "facilitator"
    PROJECTOR = "projector"
    PARTICIPANT = "participant"
    SCRIBE = "scribe"


@dataclass(frozen=True)
class Event:
    """A change to broadcast: one payload per role that may see it."""

    name: str
    workshop_id: int
    seq: int
    payloads: dict[Role, dict[str, Any]]
    prev: dict[Role, int] = field(default_factory=dict)
    reply: dict[str, Any] = field(default_factory=dict)  # for the caller's ack, e.g. a new id

    def message(self, role: Role) -> dict[str, Any] | None:
        """The message for one role's room, or None when the role does not see it."""
        payload = self.payloads.get(role)
        if payload is None:
            return None
        return {**payload, "seq": self.seq, "prev": self.prev[role]}


_LOCKED = "rundabord_locked_workshops"  # session.info: (transaction, {id: workshop it locked})


def lock_workshop(session: DbSession, workshop_id: int) -> Workshop:
    """Take the workshop's write lock before reading what a change depends on (an order of
    cards, say), so two facilitators' changes apply one after the other, never interleaved.
    On SQLite every write transaction already holds the database's lock (BEGIN IMMEDIATE).

    On PostgreSQL the lock is FOR NO KEY UPDATE: a transaction that has already inserted a
    row referring to the workshop holds FOR KEY SHARE on it, and a plain FOR UPDATE from two
    such transactions at once would wait on each other (a deadlock).

    A second call in the same transaction (a change that locked first, then allocates its
    sequence number) takes the row it already holds instead of reading it again."""
    plain = plain_session(session)
    held: tuple[object, dict[int, Workshop]] | None = session.info.get(_LOCKED)
    if held is not None and held[0] is plain.get_transaction() and workshop_id in held[1]:
        return held[1][workshop_id]
    workshop = fetch(session, Workshop, workshop_id, lock=True)
    if workshop is None:
        raise NotFound()
    transaction = plain.get_transaction()  # begun by the read, if not before
    if held is None or held[0] is not transaction:
        held = session.info[_LOCKED] = (transaction, {})
    held[1][workshop_id] = workshop  # held here too: the identity map would let it go
    return workshop


def upcoming_seq(session: DbSession, workshop_id: int) -> int:
    """The number the next event of this transaction will get, for a row that records it
    (a word's, a card's `seq`) before that event is made: the workshop's lock, taken here,
    keeps it from changing meanwhile. Saves writing the row twice."""
    return lock_workshop(session, workshop_id).seq + 1


def next_seq(session: DbSession, workshop_id: int, roles: set[Role]) -> tuple[int, dict[Role, int]]:
    """Raise the workshop's sequence number for a change seen by `roles`.

    Locks the workshop row (PostgreSQL) or runs inside the write transaction
    (SQLite, BEGIN IMMEDIATE), so numbers are unique and gapless per workshop.
    Returns the new number and, per role, the number of that role's previous event.
    """
    workshop = lock_workshop(session, workshop_id)
    prev = role_seqs(workshop)
    seq = workshop.seq + 1
    roles = roles | {Role.FACILITATOR}
    values = {_SEQ_COLUMNS[role]: seq for role in roles}
    # Written at once with a statement built once, and set on the object as its stored
    # state: the unit of work would cost more than the rest of a submission's writes.
    run(session, advance_workshop(), {**values, "workshop_id": workshop_id})
    for name, value in values.items():
        set_committed_value(workshop, name, value)
    return seq, {role: prev[role] for role in roles}


# The column holding the number of the last event each role was sent.
_SEQ_COLUMNS = {
    Role.FACILITATOR: "seq",
    Role.PROJECTOR: "projector_seq",
    Role.PARTICIPANT: "participant_seq",
    Role.SCRIBE: "scribe_seq",
}


def role_seqs(workshop: Workshop) -> dict[Role, int]:
    """The number of the last event each role was sent."""
    return {role: getattr(workshop, column) for role, column in _SEQ_COLUMNS.items()}


def make_event(
    session: DbSession, workshop_id: int, name: str, payloads: dict[Role, dict[str, Any]]
) -> Event:
    """Allocate the sequence number for a change and wrap its payloads in an Event.

    Facilitators see every event; without a payload of their own they get the
    first one given. Scribes read the board as the projector shows it.
    """
    payloads = {Role.FACILITATOR: next(iter(payloads.values())), **payloads}
    if Role.PROJECTOR in payloads:
        payloads.setdefault(Role.SCRIBE, payloads[Role.PROJECTOR])
    seq, prev = next_seq(session, workshop_id, set(payloads))
    return Event(name=name, workshop_id=workshop_id, seq=seq, payloads=payloads, prev=prev)
