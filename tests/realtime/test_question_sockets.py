"""Socket.IO for questions: a question from a phone reaches every screen without its
writer's name, upvotes come back as the voter's own and as totals on every screen,
only facilitators moderate, and a phone flooding upvotes is slowed."""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask_socketio import SocketIOTestClient

from models import agenda
from models.workshops import Workshop
from tests.conftest import join
from tests.realtime.conftest import Facts, connect, events, limits_standing_still
from webapp.extensions import db


def questions_step(facts: Facts, dashboard: SocketIOTestClient) -> int:
    workshop = db.session.get(Workshop, facts.id)
    agenda.add_step(db.session, workshop, "questions", "Frågor till panelen")
    db.session.commit()
    step_id = workshop.steps[-1].id  # type: ignore[union-attr]
    assert dashboard.emit("open_step", {"step_id": step_id}, callback=True) == {"ok": True}
    return step_id


def moderate(sock: SocketIOTestClient, step_id: int, op: str, **data: Any) -> dict[str, Any]:
    return sock.emit("questions", {"step_id": step_id, "op": op, **data}, callback=True)  # type: ignore[no-any-return]


def test_questions_and_upvotes_over_sockets(
    app: Flask,
    workshop: Workshop,
    facts: Facts,
    dashboard: SocketIOTestClient,
    phone: SocketIOTestClient,
    projector: SocketIOTestClient,
) -> None:
    step_id = questions_step(facts, dashboard)
    client = app.test_client()
    join(client, workshop, "")
    other = connect(app, client, {"role": "participant", "workshop": facts.id})
    for sock in (dashboard, phone, projector, other):
        sock.get_received()
    ack = phone.emit(
        "ask_question", {"id": "question-sock-01", "step_id": step_id, "text": "Vem?"}, callback=True
    )
    assert ack["ok"] and ack["question"]["text"] == "Vem?"
    question_id = ack["question"]["id"]
    [listed] = events(other, "questions_changed")
    assert [q["id"] for q in listed["questions"]] == [question_id]
    assert "Kim" not in str(events(projector, "questions_changed"))
    assert events(dashboard, "questions_changed")[0]["questions"][0]["participant"]["name"] == "Kim"

    own = phone.emit(
        "upvote",
        {"id": "upvote-sock-00", "step_id": step_id, "question_id": question_id, "on": True, "n": 1},
        callback=True,
    )
    assert own["ok"] is False and own["error"] == "invalid_input"
    upvote = {"id": "upvote-sock-01", "step_id": step_id, "question_id": question_id, "on": True, "n": 1}
    assert other.emit("upvote", upvote, callback=True) == {
        "ok": True,
        "step_id": step_id,
        "votes": {str(question_id): 1},
    }
    assert other.emit("upvote", upvote, callback=True)["votes"] == {str(question_id): 1}  # a resend
    assert events(projector, "questions_changed")[-1]["questions"][0]["upvotes"] == 1
    assert events(phone, "questions_changed")[-1]["totals"] == {str(question_id): 1}

    for sock in (phone, projector):
        assert moderate(sock, step_id, "hide", question_id=question_id, on=True)["error"] == "forbidden"
    assert moderate(dashboard, step_id, "shout", question_id=question_id)["error"] == "invalid_input"
    refused = moderate(dashboard, step_id, "edit", question_id=question_id, text="")
    assert refused["ok"] is False and refused["message"]  # said in the facilitator's language
    assert moderate(dashboard, step_id, "pin", question_id=question_id, on=True) == {"ok": True}
    assert events(projector, "questions_changed")[-1]["questions"][0]["pinned"] is True
    assert moderate(dashboard, step_id, "hide", question_id=question_id, on=True) == {"ok": True}
    shown = events(projector, "questions_changed")[-1]
    assert shown["questions"] == [] and shown["counts"]["hidden"] == 1
    changed = phone.emit(
        "edit_question",
        {"id": "question-sock-02", "question_id": question_id, "text": "Vem då?"},
        callback=True,
    )
    assert changed["ok"] is False and "röstat" in changed["message"]


def test_a_phone_flooding_upvotes_is_slowed(
    app: Flask, facts: Facts, dashboard: SocketIOTestClient, phone: SocketIOTestClient
) -> None:
    step_id = questions_step(facts, dashboard)
    burst = limits_standing_still(app)  # on a slow database the bucket refilled meanwhile
    acks = [
        phone.emit(
            "upvote",
            {"id": f"flood-{n:04d}", "step_id": step_id, "question_id": 1, "on": True, "n": n},
            callback=True,
        )
        for n in range(50)
    ]
    slowed = [ack for ack in acks if ack.get("error") == "slow_down"]
    assert [ack.get("error") == "slow_down" for ack in acks] == [False] * burst + [True] * (50 - burst)
    assert "snabbare än servern" in slowed[0]["message"]


def test_a_tables_question_from_paper_is_shown_at_once(
    facts: Facts, dashboard: SocketIOTestClient, projector: SocketIOTestClient
) -> None:
    """Entered for a table group (from paper, or for people without a phone): it needs no
    review, since a facilitator typed it, and carries no name."""
    step_id = questions_step(facts, dashboard)
    workshop = db.session.get(Workshop, facts.id)
    agenda.set_step_setting(db.session, workshop.steps[-1], "review", True)  # type: ignore[union-attr]
    db.session.commit()
    projector.get_received()
    payload = {"id": "behalf-question-01", "kind": "question", "step_id": step_id, "text": "Vem betalar?"}
    ack = dashboard.emit("enter_for_group", payload, callback=True)
    assert ack["ok"] and ack["question"]["status"] == "sent"
    [shown] = events(projector, "questions_changed")[-1]["questions"]
    assert shown["text"] == "Vem betalar?" and shown["name"] == ""
