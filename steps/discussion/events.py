"""Socket events of a Discussion step: the facilitator shows a question (or all) and runs
the timer. Its answers are cards (`steps.cards.events`)."""

from __future__ import annotations

from typing import Any

from models import agenda
from models.errors import InvalidInput
from models.events import Role
from steps.discussion import timer as discussion
from webapp.broadcast import broadcast
from webapp.extensions import db, socketio
from webapp.sockets import Identity, facilitated_workshop, handler


@socketio.on("discussion")
@handler(Role.FACILITATOR)
def on_discussion(identity: Identity, payload: dict[str, Any]) -> dict[str, Any]:
    """{step_id, op: question {index: -1 for all} | timer {action: start|pause|extend|reset,
    seconds?}}: every screen shows the change (`agenda_changed`, the step's settings)."""
    step = agenda.find_step(facilitated_workshop(identity), payload.get("step_id"))
    get = payload.get
    if get("op") == "question":
        broadcast(discussion.show_question(db.session, step, get("index")))
    elif get("op") == "timer":
        broadcast(discussion.control_timer(db.session, step, get("action"), get("seconds", 0)))
    else:
        raise InvalidInput(field="op")
    return {"ok": True}
