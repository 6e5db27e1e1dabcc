"""Write, then reveal (cards and questions): in the writing phase phones see only their own
input and the projector only how many each table group has written, while facilitators
see everything; revealing shows it all at once, and can be taken back."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from models import agenda
from models.errors import DomainError
from models.events import Role
from models.groups import add_groups
from models.participants import join_workshop
from models.workshops import Step, Workshop
from readers.snapshots import snapshot
from steps.cards.cards import similar_cards, submit_card
from steps.questions.questions import ask_question, similar_questions, upvote
from tests.conftest import AuthActions, add_step, join
from tests.realtime.conftest import connect, events
from webapp.extensions import db

ids = (f"reveal-{n:05d}" for n in itertools.count())


def write_first(step: Step) -> None:
    agenda.set_step_settings(db.session, step, write_first=True)
    db.session.commit()


def projector(workshop: Workshop) -> dict[str, Any]:
    return snapshot(db.session, workshop.id, Role.PROJECTOR)["open_steps"][0]  # type: ignore[no-any-return]


def test_cards_are_written_first_and_revealed_together(app: Flask, workshop: Workshop) -> None:
    step = workshop.steps[1]
    write_first(step)
    agenda.open_step(db.session, step)
    bord1, bord2 = add_groups(db.session, workshop, "Bord 1\nBord 2")
    kim = join_workshop(db.session, workshop, "Kim", group_id=bord1.id)
    ali = join_workshop(db.session, workshop, "", group_id=bord2.id)
    for phone, text in (
        (kim, "Gemensam målbild för region och kommun"),
        (kim, "Tid"),
        (ali, "Gemensam målbild"),
    ):
        outcome = submit_card(db.session, phone, {"id": next(ids), "step_id": step.id, "text": text})
        assert outcome.event is not None
        assert "målbild" not in str(outcome.event.message(Role.PROJECTOR))  # only a count
    assert outcome.event.message(Role.PROJECTOR)["writing"]["total"] == 3  # type: ignore[index]
    shown = projector(workshop)
    assert shown["cards"] == [] and shown["writing"] == {
        "total": 3,
        "groups": [{"name": "Bord 1", "count": 2}, {"name": "Bord 2", "count": 1}],
    }
    facilitator = snapshot(db.session, workshop.id, Role.FACILITATOR)["steps"][1]
    assert len(facilitator["cards"]) == 3  # facilitators see everything as it comes
    assert similar_cards(db.session, ali, step.id, "Gemensam målbild för kommunen") == []

    client = app.test_client()
    AuthActions(client).login()
    dashboard = connect(app, client, {"role": "facilitator", "workshop": workshop.id})
    assert dashboard.emit("reveal", {"step_id": step.id, "on": True}, callback=True) == {"ok": True}
    received = dashboard.get_received()
    assert [m["name"] for m in received][:1] == ["agenda_changed"]
    shown = projector(workshop)
    assert len(shown["cards"]) == 3 and "writing" not in shown
    assert similar_cards(db.session, ali, step.id, "Gemensam målbild för kommunen")
    assert dashboard.emit("reveal", {"step_id": step.id, "on": False}, callback=True) == {"ok": True}
    assert projector(workshop)["cards"] == []  # taken back: the writing phase again


def test_questions_are_written_first_and_revealed_together(
    app: Flask, client: FlaskClient, workshop: Workshop
) -> None:
    step = add_step(workshop, "questions", "Frågor")
    write_first(step)
    agenda.open_step(db.session, step)
    kim, ali = join_workshop(db.session, workshop, "Kim"), join_workshop(db.session, workshop, "")
    ack = ask_question(db.session, kim, {"id": next(ids), "step_id": step.id, "text": "Vem samordnar?"}).ack
    question = ack["question"]["id"]
    own = snapshot(db.session, workshop.id, Role.PARTICIPANT, ali)["open_steps"][0]
    assert own["questions"] == []
    assert projector(workshop)["questions"] == [] and projector(workshop)["writing"]["total"] == 1
    payload = {"id": next(ids), "step_id": step.id, "question_id": question, "on": True, "n": 1}
    with pytest.raises(DomainError):  # nothing to vote on before it is revealed
        upvote(db.session, ali, payload)
    assert similar_questions(db.session, ali, step.id, "Vem samordnar?") == []

    AuthActions(client).login()
    dashboard = connect(app, client, {"role": "facilitator", "workshop": workshop.id})
    phone_client = app.test_client()
    join(phone_client, workshop, "")
    phone = connect(app, phone_client, {"role": "participant", "workshop": workshop.id})
    phone.get_received()
    assert dashboard.emit("reveal", {"step_id": step.id, "on": True}, callback=True) == {"ok": True}
    [listed] = events(phone, "questions_changed")
    assert [q["id"] for q in listed["questions"]] == [question]
    assert upvote(db.session, ali, {**payload, "id": next(ids)}).ack["votes"] == {str(question): 1}
    assert "writing" not in projector(workshop)


def test_only_a_write_first_step_is_revealed(app: Flask, client: FlaskClient, workshop: Workshop) -> None:
    workshop_id, step_ids = workshop.id, [s.id for s in workshop.steps[:2]]  # words; cards not set so
    AuthActions(client).login()
    dashboard = connect(app, client, {"role": "facilitator", "workshop": workshop_id})
    for step_id in step_ids:
        ack = dashboard.emit("reveal", {"step_id": step_id, "on": True}, callback=True)
        assert ack["ok"] is False and ack["error"] == "invalid_input"
