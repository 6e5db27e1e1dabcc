"""Socket events sent by participants' phones."""

from __future__ import annotations

from typing import Any

from models.events import Role
from models.words import submit_word
from webapp.broadcast import broadcast
from webapp.extensions import db, socketio
from webapp.sockets import Identity, handler, participant_of


@socketio.on("submit_word")
@handler(Role.PARTICIPANT)
def on_submit_word(identity: Identity, payload: dict[str, Any]) -> dict[str, Any]:
    """A phone sends {id, step_id, text}. Ack {ok, word}; facilitators and the
    projector receive `word_added`. A resent id gets the same ack and no event."""
    participant = participant_of(identity)
    outcome = submit_word(
        db.session, participant, payload.get("step_id"), payload.get("id"), payload.get("text")
    )
    broadcast(outcome.event)
    return outcome.ack
