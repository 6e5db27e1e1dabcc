"""Snapshots: the whole state a client needs, read consistently with its sequence number.

A client applies a snapshot, then every event whose `seq` is greater than the
snapshot's. The data and the number come from one database snapshot, so no event
is applied twice and none is missed.
"""

from __future__ import annotations

from typing import Any

from models.agenda import workshop_public
from models.events import Role, role_seqs
from models.groups import group_public, groups_of
from models.notes import notes_view
from models.participants import Participant
from models.scribes import Scribe
from models.session import DbSession
from models.workshops import Step, Workshop
from steps.registry import kind_of
from steps.settings import step_public


def begin_consistent_read(session: DbSession) -> None:
    """Start a fresh transaction that sees one snapshot of the database throughout."""
    session.rollback()  # end any transaction the caller's lookups began
    if session.get_bind().dialect.name == "postgresql":
        session.connection(execution_options={"isolation_level": "REPEATABLE READ"})


def snapshot(
    session: DbSession,
    workshop_id: int,
    role: Role,
    participant: Participant | None = None,
    scribe: Scribe | None = None,
) -> dict[str, Any]:
    """The state of a workshop as `role` sees it (a participant sees their own input; a
    scribe the projector's view, the notes and who they are)."""
    begin_consistent_read(session)
    workshop = session.get(Workshop, workshop_id, populate_existing=True)
    if workshop is None:
        return {"ok": False, "error": "not_found"}
    seq = role_seqs(workshop)[role]
    data: dict[str, Any] = {"ok": True, "seq": seq, "workshop": workshop_public(workshop)}
    if role is not Role.PROJECTOR:
        data["groups"] = [group_public(g) for g in groups_of(session, workshop_id)]
    if role is Role.FACILITATOR:
        data["steps"] = [_facilitator_step(session, step) for step in workshop.steps]
        data["notes"] = notes_view(session, workshop)
    elif role in (Role.PROJECTOR, Role.SCRIBE):
        data["open_steps"] = [_projector_step(session, step) for step in workshop.open_steps]
        if scribe is not None:
            data["notes"] = notes_view(session, workshop)
            data["me"] = scribe.public()
    else:
        assert participant is not None
        data["open_steps"] = [_participant_step(session, step, participant) for step in workshop.open_steps]
        data["me"] = {"name": participant.display_name, "group_id": participant.group_id}
    return data


def _facilitator_step(session: DbSession, step: Step) -> dict[str, Any]:
    return {**step_public(step), **kind_of(step).facilitator_view(session, step)}


def _projector_step(session: DbSession, step: Step) -> dict[str, Any]:
    return {**step_public(step), **kind_of(step).projector_view(session, step)}


def _participant_step(session: DbSession, step: Step, participant: Participant) -> dict[str, Any]:
    return {**step_public(step), **kind_of(step).participant_view(session, step, participant)}
