"""Socket events of a Words step: what phones send (a word, its edit, its withdrawal) and
what the facilitator's review does (decisions, undo, the projector's list or cloud)."""

from __future__ import annotations

from typing import Any

from flask_login import current_user

from models import agenda
from models.events import Role
from models.participants import Participant
from models.receipts import Outcome
from participant_ui.events import sent
from steps.words import review as word_review
from steps.words.cloud_jobs import request_cloud
from steps.words.words import edit_word, submit_word, withdraw_word
from webapp.broadcast import broadcast
from webapp.extensions import db, socketio
from webapp.presence import presence_changed
from webapp.sockets import Identity, facilitated_workshop, handler, participant_of


def sent_word(outcome: Outcome) -> dict[str, Any]:
    """`sent`, then a new cloud when the projector's words changed, and a presence notice
    (how many have answered; batched, as counts are)."""
    ack = sent(outcome)
    if outcome.event is not None:
        presence_changed(outcome.event.workshop_id)
        if Role.PROJECTOR in outcome.event.payloads:
            request_cloud(outcome.event.payloads[Role.PROJECTOR]["step_id"])
    return ack


def send_word(participant: Participant, payload: dict[str, Any]) -> dict[str, Any]:
    """A word from a phone, or entered for a table group (`StepKind.send`)."""
    return sent_word(
        submit_word(db.session, participant, payload.get("step_id"), payload.get("id"), payload.get("text"))
    )


@socketio.on("submit_word")
@handler(Role.PARTICIPANT, batched=True)
def on_submit_word(identity: Identity, payload: dict[str, Any]) -> dict[str, Any]:
    """{id, step_id, text} → ack {ok, word: {id, step_id, text, status}}; `words_changed` to
    facilitators (and to the projector unless the word is held for review)."""
    return send_word(participant_of(identity), payload)


@socketio.on("edit_word")
@handler(Role.PARTICIPANT)
def on_edit_word(identity: Identity, payload: dict[str, Any]) -> dict[str, Any]:
    """{id, word_id, text} → ack {ok, word}; the participant's own word, while the step is open."""
    participant = participant_of(identity)
    return sent_word(
        edit_word(db.session, participant, payload.get("word_id"), payload.get("id"), payload.get("text"))
    )


@socketio.on("withdraw_word")
@handler(Role.PARTICIPANT)
def on_withdraw_word(identity: Identity, payload: dict[str, Any]) -> dict[str, Any]:
    """{id, word_id} → ack {ok, withdrawn, step_id}; the word is kept but no longer counted."""
    participant = participant_of(identity)
    return sent_word(withdraw_word(db.session, participant, payload.get("word_id"), payload.get("id")))


@socketio.on("projector_view")
@handler(Role.FACILITATOR)
def on_projector_view(identity: Identity, payload: dict[str, Any]) -> dict[str, Any]:
    """{step_id, show_list: bool}: the projector shows the Words step as a list or a cloud."""
    step = agenda.find_step(facilitated_workshop(identity), payload.get("step_id"))
    broadcast(agenda.set_step_setting(db.session, step, "show_list", payload.get("show_list") is True))
    return {"ok": True}


@socketio.on("word_decision")
@handler(Role.FACILITATOR)
def on_word_decision(identity: Identity, payload: dict[str, Any]) -> dict[str, Any]:
    """{step_id, kind: merge|rename|split|hide|unhide|approve, data}: `words_changed` (full) to
    facilitators and the projector; a new cloud follows."""
    step = agenda.find_step(facilitated_workshop(identity), payload.get("step_id"))
    broadcast(word_review.decide(db.session, step, current_user.id, payload.get("kind"), payload.get("data")))
    request_cloud(step.id)
    return {"ok": True}


@socketio.on("recount_words")
@handler(Role.FACILITATOR)
def on_recount_words(identity: Identity, payload: dict[str, Any]) -> dict[str, Any]:
    """{step_id}: the step's words keyed again by the newest word analysis, its decisions
    following them; `words_changed` (full) and a new cloud."""
    step = agenda.find_step(facilitated_workshop(identity), payload.get("step_id"))
    broadcast(word_review.recount(db.session, step))
    request_cloud(step.id)
    return {"ok": True}


@socketio.on("word_undo")
@handler(Role.FACILITATOR)
def on_word_undo(identity: Identity, payload: dict[str, Any]) -> dict[str, Any]:
    """{step_id}: the step's last decision in force is undone; `words_changed` (full)."""
    step = agenda.find_step(facilitated_workshop(identity), payload.get("step_id"))
    broadcast(word_review.undo(db.session, step))
    request_cloud(step.id)
    return {"ok": True}
