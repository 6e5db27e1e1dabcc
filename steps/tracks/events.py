"""Socket events of a Tracks step: what phones send (a track, its edit or withdrawal,
dots) and the facilitator's changes to the tracks and the voting."""

from __future__ import annotations

from typing import Any

from models import agenda
from models.errors import InvalidInput
from models.events import Role
from models.participants import Participant
from participant_ui.events import sent
from steps.rankings import voted
from steps.tracks import curation
from steps.tracks.tracks import edit_track, propose_track, vote, withdraw_track
from webapp.broadcast import broadcast
from webapp.extensions import db, socketio
from webapp.sockets import Identity, facilitated_workshop, handler, participant_of


def send_track(participant: Participant, payload: dict[str, Any]) -> dict[str, Any]:
    """A track from a phone, or entered for a table group (`StepKind.send`)."""
    return sent(propose_track(db.session, participant, payload))


@socketio.on("propose_track")
@handler(Role.PARTICIPANT, batched=True)
def on_propose_track(identity: Identity, payload: dict[str, Any]) -> dict[str, Any]:
    """{id, step_id, text} → ack {ok, track}; `tracks_changed` to every screen."""
    return send_track(participant_of(identity), payload)


@socketio.on("edit_track")
@handler(Role.PARTICIPANT)
def on_edit_track(identity: Identity, payload: dict[str, Any]) -> dict[str, Any]:
    """{id, track_id, text} → ack {ok, track}; own track, nobody has voted on it yet."""
    return sent(edit_track(db.session, participant_of(identity), payload))


@socketio.on("withdraw_track")
@handler(Role.PARTICIPANT)
def on_withdraw_track(identity: Identity, payload: dict[str, Any]) -> dict[str, Any]:
    """{id, track_id} → ack {ok, withdrawn, step_id}; own track, nobody has voted on it yet."""
    return sent(withdraw_track(db.session, participant_of(identity), payload))


@socketio.on("vote")
@handler(Role.PARTICIPANT, batched=True)
def on_vote(identity: Identity, payload: dict[str, Any]) -> dict[str, Any]:
    """{id, step_id, track_id, dots, n} → ack {ok, step_id, votes: {track_id: dots}, left};
    `tracks_changed` (the totals) to facilitators and the projector, batched."""
    return voted(vote(db.session, participant_of(identity), payload))


@socketio.on("tracks")
@handler(Role.FACILITATOR)
def on_tracks(identity: Identity, payload: dict[str, Any]) -> dict[str, Any]:
    """{step_id, op, ...}: one change to a Tracks step; `tracks_changed` to every screen
    (phones only when the list changed), `agenda_changed` too when the phase changes.

    ops: add_track {text?, source_kind? (card|theme), source_id?} · rename_track {track_id,
    text} · hide_track / highlight_track {track_id, on: bool} · merge_tracks {track_id,
    target_id} · phase {name: voting|revealed, on: bool}
    """
    step = agenda.find_step(facilitated_workshop(identity), payload.get("step_id"))
    get = payload.get
    operations = {
        "add_track": lambda: [
            curation.add_track(db.session, step, get("text"), get("source_kind"), get("source_id"))
        ],
        "rename_track": lambda: [curation.rename_track(db.session, step, get("track_id"), get("text"))],
        "hide_track": lambda: [
            curation.set_track_flag(db.session, step, get("track_id"), "hidden", get("on"))
        ],
        "highlight_track": lambda: [
            curation.set_track_flag(db.session, step, get("track_id"), "highlight", get("on"))
        ],
        "merge_tracks": lambda: [curation.merge_tracks(db.session, step, get("track_id"), get("target_id"))],
        "phase": lambda: curation.set_phase(db.session, step, get("name"), get("on")),
    }
    operation = operations.get(str(get("op")))
    if operation is None:
        raise InvalidInput(field="op")
    for event in operation():
        broadcast(event)
    return {"ok": True}
