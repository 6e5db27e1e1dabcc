"""Socket events of the facilitator's live dashboard that every kind shares (opening and
closing steps), and the few a scribe may send (notes, and input entered on a table
group's behalf). Each kind's own events are in `steps/<kind>/events.py`."""

from __future__ import annotations

from typing import Any

from flask_login import current_user

from models import agenda, notes
from models.errors import InvalidInput
from models.events import Role, lock_workshop
from models.participants import group_proxy
from models.scribes import Scribe
from models.workshops import Workshop
from steps.registry import kind_of, taking
from steps.settings import step_setting
from webapp.broadcast import broadcast
from webapp.extensions import db, socketio
from webapp.sockets import Identity, facilitated_workshop, handler, scribe_of


@socketio.on("open_step")
@handler(Role.FACILITATOR)
def on_open_step(identity: Identity, payload: dict[str, Any]) -> dict[str, Any]:
    """{step_id, exclusive=true}: every screen shows the step; `agenda_changed` to all."""
    step = agenda.find_step(facilitated_workshop(identity), payload.get("step_id"))
    broadcast(agenda.open_step(db.session, step, exclusive=payload.get("exclusive", True) is not False))
    kind_of(step).opened(step)  # e.g. a words step renders its cloud if it is out of date
    return {"ok": True}


@socketio.on("close_step")
@handler(Role.FACILITATOR)
def on_close_step(identity: Identity, payload: dict[str, Any]) -> dict[str, Any]:
    """{step_id}: phones stop taking input for the step; `agenda_changed` to all."""
    step = agenda.find_step(facilitated_workshop(identity), payload.get("step_id"))
    broadcast(agenda.close_step(db.session, step))
    return {"ok": True}


@socketio.on("reveal")
@handler(Role.FACILITATOR)
def on_reveal(identity: Identity, payload: dict[str, Any]) -> dict[str, Any]:
    """{step_id, on: bool}: end a write-first step's writing phase, so that everything
    written appears at once (or bring the phase back): `agenda_changed` (the step's
    settings) and the kind's events that show its input (`StepKind.revealed`)."""
    step = agenda.find_step(facilitated_workshop(identity), payload.get("step_id"))
    if "all_revealed" not in kind_of(step).live_settings or not step_setting(step, "write_first"):
        raise InvalidInput(field="step_id")
    lock_workshop(db.session, step.workshop_id)
    events = [agenda.set_step_setting(db.session, step, "all_revealed", payload.get("on") is True)]
    events += kind_of(step).revealed(db.session, step)
    db.session.commit()
    for event in events:
        broadcast(event)
    return {"ok": True}


def _writer(identity: Identity) -> tuple[Workshop, Scribe | None]:
    """The workshop of a facilitator, or of a scribe (with their link, checked again)."""
    if identity.role is Role.SCRIBE:
        scribe = scribe_of(identity)
        return scribe.workshop, scribe
    return facilitated_workshop(identity), None


@socketio.on("notes")
@handler(Role.FACILITATOR, Role.SCRIBE)
def on_notes(identity: Identity, payload: dict[str, Any]) -> dict[str, Any]:
    """{op: add {category, text} | edit {note_id, category, text} | delete {note_id}}:
    `notes_changed` (every note) to the workshop's facilitators and scribes. A scribe
    changes only their own notes."""
    workshop, scribe = _writer(identity)
    get = payload.get
    if get("op") == "add":
        author = None if scribe else current_user.id
        event = notes.add_note(db.session, workshop, author, get("category"), get("text"), scribe)
    elif get("op") == "edit":
        event = notes.edit_note(db.session, workshop, get("note_id"), get("category"), get("text"), scribe)
    elif get("op") == "delete":
        event = notes.delete_note(db.session, workshop, get("note_id"), scribe)
    else:
        raise InvalidInput(field="op")
    broadcast(event)
    return {"ok": True}


@socketio.on("enter_for_group")
@handler(Role.FACILITATOR, Role.SCRIBE)
def on_enter_for_group(identity: Identity, payload: dict[str, Any]) -> dict[str, Any]:
    """{id, kind: word|card|track, group_id?, step_id, text, category?, level?,
    stakeholder_type?}: input from paper, or for people without a phone, sent as the table
    group's stand-in participant (one per stakeholder type given)
    (a scribe invited for one group always enters for that group). Counted like any
    other input and marked `on_behalf`; a resent id changes nothing."""
    workshop, scribe = _writer(identity)
    agenda.find_step(workshop, payload.get("step_id"))  # another workshop's step: not found
    group_id = scribe.group_id if scribe and scribe.group_id else payload.get("group_id")
    proxy = group_proxy(db.session, workshop, group_id, payload.get("stakeholder_type"))
    kind = taking(str(payload.get("kind")))
    if kind is None:
        raise InvalidInput(field="kind")
    return kind.send(str(payload.get("kind")), proxy, payload)
