"""The permission matrix: every socket event that changes something, tried by every role
that may not send it (a scribe may send only notes and input for a group), and by the
facilitator of another workshop, is refused and changes nothing. Anonymous sockets cannot
connect at all (see test_sockets). The list of events is checked against the handlers
registered, so a new event must be added."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask_socketio import SocketIOTestClient

from content.templates import create_from_template
from models.accounts import Facilitator
from models.scribes import find_scribe, invite_scribe, revoke_scribe
from models.workshops import Workshop
from tests.conftest import AuthActions
from tests.realtime.conftest import Facts, connect
from webapp.extensions import db, socketio

# event -> (payload given the workshop's step ids: words, cards, based cards, tracks, discussion)
FACILITATOR_EVENTS: dict[str, Any] = {
    "open_step": lambda s: {"step_id": s[0]},
    "close_step": lambda s: {"step_id": s[0]},
    "projector_view": lambda s: {"step_id": s[0], "show_list": True},
    "word_decision": lambda s: {"step_id": s[0], "kind": "hide", "data": {"key": "tillit"}},
    "word_undo": lambda s: {"step_id": s[0]},
    "recount_words": lambda s: {"step_id": s[0]},
    "board": lambda s: {"step_id": s[1], "op": "create_theme", "name": "Mål"},
    "suggest_themes": lambda s: {"step_id": s[1], "propose": True},
    "tracks": lambda s: {"step_id": s[3], "op": "add_track", "text": "Spår"},
    "discussion": lambda s: {"step_id": s[4], "op": "timer", "action": "start"},
    "reveal": lambda s: {"step_id": s[1], "on": True},
    "questions": lambda s: {"step_id": s[3], "op": "add", "text": "Vem?"},
    "notes": lambda s: {"op": "delete", "note_id": 1},
    "enter_for_group": lambda s: {"id": "perm-behalf-01", "kind": "word", "step_id": s[0], "text": "Tillit"},
}
SCRIBE_EVENTS = {"notes", "enter_for_group"}
PARTICIPANT_EVENTS: dict[str, Any] = {
    "submit_word": lambda s: {"id": "perm-word-01", "step_id": s[0], "text": "Tillit"},
    "edit_word": lambda s: {"id": "perm-word-02", "word_id": 1, "text": "Tillit"},
    "withdraw_word": lambda s: {"id": "perm-word-03", "word_id": 1},
    "submit_card": lambda s: {"id": "perm-card-01", "step_id": s[1], "text": "Mål"},
    "edit_card": lambda s: {"id": "perm-card-02", "card_id": 1, "text": "Mål"},
    "withdraw_card": lambda s: {"id": "perm-card-03", "card_id": 1},
    "similar_cards": lambda s: {"step_id": s[1], "text": "Mål"},
    "propose_track": lambda s: {"id": "perm-track-01", "step_id": s[3], "text": "Hur?"},
    "edit_track": lambda s: {"id": "perm-track-02", "track_id": 1, "text": "Hur?"},
    "withdraw_track": lambda s: {"id": "perm-track-03", "track_id": 1},
    "vote": lambda s: {"id": "perm-vote-01", "step_id": s[3], "track_id": 1, "dots": 1, "n": 1},
    "ask_question": lambda s: {"id": "perm-question-01", "step_id": s[3], "text": "Vem?"},
    "edit_question": lambda s: {"id": "perm-question-02", "question_id": 1, "text": "Vem?"},
    "withdraw_question": lambda s: {"id": "perm-question-03", "question_id": 1},
    "upvote": lambda s: {"id": "perm-upvote-01", "step_id": s[3], "question_id": 1, "on": True, "n": 1},
    "allocate": lambda s: {"id": "perm-points-01", "step_id": s[3], "option": "A", "points": 1, "n": 1},
    "similar_questions": lambda s: {"step_id": s[3], "text": "Vem?"},
}
FOR_EVERY_ROLE = {"connect", "disconnect", "get_snapshot", "heartbeat"}


def test_every_registered_event_is_in_the_matrix(app: Flask) -> None:
    registered = set(socketio.server.handlers["/"])  # type: ignore[union-attr]
    assert registered - FOR_EVERY_ROLE == set(FACILITATOR_EVENTS) | set(PARTICIPANT_EVENTS)


@pytest.mark.parametrize("event", sorted(FACILITATOR_EVENTS))
def test_facilitator_events_are_refused_to_phones_the_projector_and_scribes(
    facts: Facts,
    phone: SocketIOTestClient,
    projector: SocketIOTestClient,
    scribe: SocketIOTestClient,
    event: str,
) -> None:
    for sock in (phone, projector) if event in SCRIBE_EVENTS else (phone, projector, scribe):
        ack = sock.emit(event, FACILITATOR_EVENTS[event](facts.step_ids), callback=True)
        assert ack["ok"] is False and ack["error"] == "forbidden", (event, ack)


@pytest.mark.parametrize("event", sorted(PARTICIPANT_EVENTS))
def test_phone_events_are_refused_to_the_projector_facilitators_and_scribes(
    facts: Facts,
    dashboard: SocketIOTestClient,
    projector: SocketIOTestClient,
    scribe: SocketIOTestClient,
    event: str,
) -> None:
    for sock in (dashboard, projector, scribe):
        ack = sock.emit(event, PARTICIPANT_EVENTS[event](facts.step_ids), callback=True)
        assert ack["ok"] is False and ack["error"] == "forbidden", (event, ack)


def test_another_workshops_facilitator_cannot_touch_this_workshop(
    app: Flask, facts: Facts, other_facilitator: Facilitator, dashboard: SocketIOTestClient
) -> None:
    """Connected to their own workshop, they name this workshop's steps: nothing happens."""
    theirs = create_from_template(db.session, other_facilitator, "samverkan", "Annan workshop")
    client = app.test_client()
    AuthActions(client).login("annan@kommun.se")
    other = connect(app, client, {"role": "facilitator", "workshop": theirs.id})
    assert other.is_connected()
    dashboard.get_received()
    for event, payload in FACILITATOR_EVENTS.items():
        ack = other.emit(event, payload(facts.step_ids), callback=True)
        assert ack["ok"] is False and ack["error"] in ("not_found", "forbidden"), (event, ack)
    assert dashboard.get_received() == []  # no event reached this workshop's screens


def test_another_workshops_scribe_cannot_touch_this_workshop(
    app: Flask, facts: Facts, other_facilitator: Facilitator, dashboard: SocketIOTestClient
) -> None:
    theirs = create_from_template(db.session, other_facilitator, "samverkan", "Annan workshop")
    token = invite_scribe(db.session, theirs, "Annan").token
    other = connect(app, app.test_client(), {"role": "scribe", "token": token})
    assert other.is_connected()
    dashboard.get_received()
    for event in sorted(SCRIBE_EVENTS):
        ack = other.emit(event, FACILITATOR_EVENTS[event](facts.step_ids), callback=True)
        assert ack["ok"] is False and ack["error"] in ("not_found", "forbidden"), (event, ack)
    assert dashboard.get_received() == []


def test_a_revoked_scribe_link_stops_at_once(
    app: Flask, facts: Facts, workshop: Workshop, scribe_token: str, scribe: SocketIOTestClient
) -> None:
    scribe_id = find_scribe(db.session, scribe_token).id  # type: ignore[union-attr]
    revoke_scribe(db.session, db.session.get(Workshop, facts.id), scribe_id)
    ack = scribe.emit(
        "notes", {"op": "add", "category": "Skribenternas reflektioner", "text": "Sent"}, callback=True
    )
    assert ack["ok"] is False and ack["error"] == "link_revoked"
    again = connect(app, app.test_client(), {"role": "scribe", "token": scribe_token})
    assert not again.is_connected()
    page = app.test_client().get(f"/s/{scribe_token}")
    assert page.status_code == 410 and "Länken har återkallats" in page.get_data(as_text=True)
    assert app.test_client().get("/s/never-a-scribe-link-000000").status_code == 404
