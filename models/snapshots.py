"""Snapshots: the whole state a client needs, read consistently with its sequence number.

A client applies a snapshot, then every event whose `seq` is greater than the
snapshot's. The data and the number come from one database snapshot, so no event
is applied twice and none is missed.
"""

from __future__ import annotations

from typing import Any

from models.agenda import workshop_public
from models.cards import facilitator_board_view, participant_cards_view, projector_board_view
from models.clouds import cloud_public, stored_cloud
from models.events import Role, role_seqs
from models.groups import group_public, groups_of
from models.notes import notes_view
from models.participants import Participant
from models.scribes import Scribe
from models.session import DbSession
from models.steps import step_public, takes_cards
from models.tracks import facilitator_tracks_view, participant_tracks_view, projector_tracks_view
from models.words import facilitator_words_view, projector_words_view, words_of_participant
from models.workshops import Step, Workshop


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
    view = step_public(step)
    if step.kind == "words":
        view.update(facilitator_words_view(session, step.id))
        view["cloud"] = cloud_public(stored_cloud(session, step.id))
    elif takes_cards(step):
        view.update(facilitator_board_view(session, step))
    elif step.kind == "tracks":
        view.update(facilitator_tracks_view(session, step))
    return view


def _projector_step(session: DbSession, step: Step) -> dict[str, Any]:
    view = step_public(step)
    if step.kind == "words":
        view.update(projector_words_view(session, step.id))
        view["cloud"] = cloud_public(stored_cloud(session, step.id))
    elif step.kind == "cards":
        view.update(projector_board_view(session, step))
    elif step.kind == "tracks":
        view.update(projector_tracks_view(session, step))
    return view


def _participant_step(session: DbSession, step: Step, participant: Participant) -> dict[str, Any]:
    view = step_public(step)
    if step.kind == "words":
        view["mine"] = words_of_participant(session, step.id, participant.id)
    elif takes_cards(step):
        view.update(participant_cards_view(session, step, participant.id))
    elif step.kind == "tracks":
        view.update(participant_tracks_view(session, step, participant.id))
    return view
