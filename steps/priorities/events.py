"""Socket events of a Prioritisation step: what phones send (points on an option)."""

from __future__ import annotations

from typing import Any

from models.events import Role
from steps.priorities.priorities import allocate
from steps.rankings import voted
from webapp.extensions import db, socketio
from webapp.sockets import Identity, handler, participant_of


@socketio.on("allocate")
@handler(Role.PARTICIPANT, batched=True)
def on_allocate(identity: Identity, payload: dict[str, Any]) -> dict[str, Any]:
    """{id, step_id, option, points, n} → ack {ok, step_id, votes: {option: points}, left};
    `priorities_changed` (the totals) to facilitators and the projector, batched."""
    return voted(allocate(db.session, participant_of(identity), payload))
