"""Socket events of a Questions step: what phones send (a question, its edit or
withdrawal, an upvote, the similar questions while typing) and the facilitator's
moderation."""

from __future__ import annotations

from typing import Any

from models import agenda
from models.errors import InvalidInput
from models.events import Role
from models.participants import Participant
from participant_ui.events import sent
from steps.questions import moderation
from steps.questions.questions import (
    Question,
    ask_question,
    edit_question,
    similar_questions,
    upvote,
    withdraw_question,
)
from steps.rankings import voted
from webapp.broadcast import broadcast, tell_participant
from webapp.extensions import db, socketio
from webapp.sockets import Identity, facilitated_workshop, handler, participant_of


def send_question(participant: Participant, payload: dict[str, Any]) -> dict[str, Any]:
    """A question from a phone, or entered for a table group (`StepKind.send`)."""
    return sent(ask_question(db.session, participant, payload))


@socketio.on("ask_question")
@handler(Role.PARTICIPANT, batched=True)
def on_ask_question(identity: Identity, payload: dict[str, Any]) -> dict[str, Any]:
    """{id, step_id, text, named?} → ack {ok, question}; `questions_changed` to every screen."""
    return send_question(participant_of(identity), payload)


@socketio.on("edit_question")
@handler(Role.PARTICIPANT)
def on_edit_question(identity: Identity, payload: dict[str, Any]) -> dict[str, Any]:
    """{id, question_id, text} → ack {ok, question}; own question, nobody has upvoted it yet."""
    return sent(edit_question(db.session, participant_of(identity), payload))


@socketio.on("withdraw_question")
@handler(Role.PARTICIPANT)
def on_withdraw_question(identity: Identity, payload: dict[str, Any]) -> dict[str, Any]:
    """{id, question_id} → ack {ok, withdrawn, step_id}; own question."""
    return sent(withdraw_question(db.session, participant_of(identity), payload))


@socketio.on("upvote")
@handler(Role.PARTICIPANT, batched=True)
def on_upvote(identity: Identity, payload: dict[str, Any]) -> dict[str, Any]:
    """{id, step_id, question_id, on, n} → ack {ok, step_id, votes: {question_id: 1}};
    `questions_changed` (the totals) to every screen, batched."""
    return voted(upvote(db.session, participant_of(identity), payload))


@socketio.on("similar_questions")
@handler(Role.PARTICIPANT)
def on_similar_questions(identity: Identity, payload: dict[str, Any]) -> dict[str, Any]:
    """{step_id, text} → ack {ok, questions: [{id, text}]}: up to three shown questions
    like the one being typed, to upvote instead of asking again. Changes nothing."""
    found = similar_questions(
        db.session, participant_of(identity), payload.get("step_id"), payload.get("text")
    )
    return {"ok": True, "questions": found}


@socketio.on("questions")
@handler(Role.FACILITATOR)
def on_questions(identity: Identity, payload: dict[str, Any]) -> dict[str, Any]:
    """{step_id, op, ...}: one moderation change to a Questions step; `questions_changed`
    to every screen.

    ops: add {text} · approve {question_id} · hide / answered / pin {question_id, on: bool}
    · edit {question_id, text} · merge {question_id, target_id}
    """
    step = agenda.find_step(facilitated_workshop(identity), payload.get("step_id"))
    get = payload.get
    writer = writer_of(get("question_id"))
    flags = {"hide": "hidden", "answered": "answered", "pin": "pinned"}
    op = str(get("op"))
    if op in flags:
        event = moderation.set_flag(db.session, step, get("question_id"), flags[op], get("on"))
    elif op == "add":
        event = moderation.add_question(db.session, step, get("text"))
    elif op == "approve":
        event = moderation.approve(db.session, step, get("question_id"))
    elif op == "edit":
        event = moderation.edit(db.session, step, get("question_id"), get("text"))
    elif op == "merge":
        event = moderation.merge(db.session, step, get("question_id"), get("target_id"))
    else:
        raise InvalidInput(field="op")
    broadcast(event)
    if writer is not None:  # their phone shows its own question approved, hidden or corrected
        tell_participant(writer)
    return {"ok": True}


def writer_of(question_id: object) -> int | None:
    """Who wrote the question a facilitator's change names, if anyone did."""
    if not isinstance(question_id, int) or isinstance(question_id, bool):
        return None
    question = db.session.get(Question, question_id)
    return question.participant_id if question is not None else None
