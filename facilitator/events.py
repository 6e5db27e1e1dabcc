"""Socket events sent by a facilitator's live dashboard."""

from __future__ import annotations

from typing import Any

from flask_login import current_user

from models import agenda
from models.errors import PermissionDenied
from models.events import Role
from models.workshops import Workshop
from webapp.broadcast import broadcast
from webapp.extensions import db, socketio
from webapp.sockets import Identity, handler


def _workshop(identity: Identity) -> Workshop:
    """The caller's workshop, checked again: a facilitator removed mid-session loses it."""
    workshop = db.session.get(Workshop, identity.workshop_id)
    if workshop is None or not current_user.is_authenticated or not workshop.is_run_by(current_user.id):
        raise PermissionDenied()
    return workshop


@socketio.on("open_step")
@handler(Role.FACILITATOR)
def on_open_step(identity: Identity, payload: dict[str, Any]) -> dict[str, Any]:
    """{step_id, exclusive=true}: every screen shows the step; `agenda_changed` to all."""
    step = agenda.find_step(_workshop(identity), payload.get("step_id"))
    broadcast(agenda.open_step(db.session, step, exclusive=payload.get("exclusive", True) is not False))
    return {"ok": True}


@socketio.on("close_step")
@handler(Role.FACILITATOR)
def on_close_step(identity: Identity, payload: dict[str, Any]) -> dict[str, Any]:
    """{step_id}: phones stop taking input for the step; `agenda_changed` to all."""
    step = agenda.find_step(_workshop(identity), payload.get("step_id"))
    broadcast(agenda.close_step(db.session, step))
    return {"ok": True}
