"""Socket.IO: who may connect, what each room receives, acknowledgements."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask.sessions import SecureCookieSessionInterface
from flask_socketio import SocketIOTestClient

from models.accounts import Facilitator
from models.workshops import Workshop
from steps.words.words import Word
from tests.conftest import AuthActions, join
from tests.realtime.conftest import Facts, connect, events, open_words
from tests.support.sql import statements
from webapp.extensions import db


def test_a_phone_that_has_not_joined_is_refused(app: Flask, facts: Facts) -> None:
    sock = connect(app, app.test_client(), {"role": "participant", "workshop": facts.id})
    assert not sock.is_connected()


def test_a_wrong_projector_token_is_refused(app: Flask, workshop: Workshop) -> None:
    assert not connect(app, app.test_client(), {"role": "projector", "token": "guess"}).is_connected()


@pytest.mark.parametrize("auth", [None, "x", {}, {"role": "admin", "workshop": 1}, {"role": "participant"}])
def test_malformed_auth_is_refused(app: Flask, workshop: Workshop, auth: Any) -> None:
    assert not connect(app, app.test_client(), auth).is_connected()


def test_another_workshops_facilitator_is_refused(
    app: Flask, facts: Facts, other_facilitator: Facilitator
) -> None:
    client = app.test_client()
    AuthActions(client).login("annan@kommun.se")
    assert not connect(app, client, {"role": "facilitator", "workshop": facts.id}).is_connected()


def test_opening_a_step_reaches_phones_and_projector(
    facts: Facts, dashboard: SocketIOTestClient, phone: SocketIOTestClient, projector: SocketIOTestClient
) -> None:
    phone.get_received()
    step_id = open_words(dashboard, facts)
    [message] = events(phone, "agenda_changed")
    assert [s["id"] for s in message["open_steps"]] == [step_id]
    assert message["seq"] > message["prev"]
    assert events(projector, "agenda_changed")[0]["open_steps"][0]["prompt"].startswith("Vilka ord")


def test_a_word_goes_to_projector_and_dashboard_but_not_to_phones(
    facts: Facts, dashboard: SocketIOTestClient, phone: SocketIOTestClient, projector: SocketIOTestClient
) -> None:
    step_id = open_words(dashboard, facts)
    for sock in (dashboard, phone, projector):
        sock.get_received()
    ack = phone.emit(
        "submit_word", {"id": "word-000001", "step_id": step_id, "text": "Tillit"}, callback=True
    )
    assert ack["ok"] and ack["word"]["text"] == "Tillit"
    [seen] = events(projector, "words_changed")
    assert seen["rows"] == [{"key": "tillit", "display": "Tillit", "count": 1}] and "entries" not in seen
    [dash] = events(dashboard, "words_changed")
    assert dash["entries"][0]["participant"]["name"] == "Kim" and dash["seq"] == seen["seq"]
    assert events(phone, "words_changed") == []


def test_the_senders_other_screens_fetch_their_input_anew(
    app: Flask, workshop: Workshop, facts: Facts, dashboard: SocketIOTestClient
) -> None:
    step_id = open_words(dashboard, facts)
    client = app.test_client()
    join(client, workshop, "Kim")
    first = connect(app, client, {"role": "participant", "workshop": facts.id})
    word = {"id": "word-000002", "step_id": step_id, "text": "Tillit"}
    assert first.emit("submit_word", word, callback=True)["ok"]
    assert events(first, "own_input_changed") == []  # alone: told by its acknowledgement
    second = connect(app, client, {"role": "participant", "workshop": facts.id})  # another tab
    second.get_received()
    assert first.emit("submit_word", {**word, "id": "word-000003", "text": "Mod"}, callback=True)["ok"]
    assert events(second, "own_input_changed") == [{}]
    assert events(first, "own_input_changed") == []


def test_socket_events_use_the_connections_session_without_opening_the_cookie_again(
    app: Flask, facts: Facts, dashboard: SocketIOTestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cookie is read at the connect; later events get the session kept from then (the
    facilitator stays logged in on the socket) without checking the cookie again."""
    opened: list[str] = []
    cookie_session = SecureCookieSessionInterface.open_session

    def counting(self: SecureCookieSessionInterface, *args: Any) -> Any:
        opened.append("cookie")
        return cookie_session(self, *args)

    monkeypatch.setattr(SecureCookieSessionInterface, "open_session", counting)
    step_id = open_words(dashboard, facts)
    assert dashboard.emit("close_step", {"step_id": step_id}, callback=True) == {"ok": True}
    assert dashboard.emit("get_snapshot", {}, callback=True)["workshop"]["id"] == facts.id
    assert opened == []
    client = app.test_client()
    AuthActions(client).login()
    assert client.get("/f/").status_code == 200  # pages still read the cookie
    assert opened


@pytest.mark.parametrize("marked", [False, True], ids=["unmarked", "marked"])
def test_a_resend_gets_the_same_ack_and_no_event(
    facts: Facts,
    dashboard: SocketIOTestClient,
    phone: SocketIOTestClient,
    projector: SocketIOTestClient,
    marked: bool,
) -> None:
    step_id = open_words(dashboard, facts)
    payload = {"id": "word-000002", "step_id": step_id, "text": "Prata"}
    first = phone.emit("submit_word", {**payload, "resend": marked}, callback=True)  # nothing stored yet
    assert first["ok"]
    projector.get_received()
    with statements() as sent:
        assert phone.emit("submit_word", {**payload, "resend": marked}, callback=True) == first
    assert events(projector, "words_changed") == []
    assert db.session.query(Word).count() == 1
    if marked:  # the phone said it sent this before: one read, no write tried
        assert sent == ["SELECT receipts"]
    else:  # the write is tried, fails on the receipt's key and is rolled back
        assert "INSERT words" in sent


@pytest.mark.parametrize(
    ("payload", "code", "message"),
    [
        ({"id": "word-000003", "text": "x" * 41}, "too_long", "högst 40 tecken"),
        ({"id": "word-000004", "text": " "}, "empty", "Skriv något först."),
        ({"id": "word-000005", "text": ["Tillit"]}, "invalid_input", "Kontrollera det du skrev"),
        ({"text": "Tillit"}, "invalid_input", "Kontrollera det du skrev"),
    ],
)
def test_bad_input_gets_an_error_ack_in_swedish(
    facts: Facts,
    dashboard: SocketIOTestClient,
    phone: SocketIOTestClient,
    payload: dict[str, Any],
    code: str,
    message: str,
) -> None:
    step_id = open_words(dashboard, facts)
    ack = phone.emit("submit_word", {"step_id": step_id, **payload}, callback=True)
    assert ack["ok"] is False and ack["error"] == code and message in ack["message"]


def test_a_non_dict_payload_is_refused(phone: SocketIOTestClient) -> None:
    ack = phone.emit("submit_word", "Tillit", callback=True)
    assert ack["ok"] is False


def test_participants_and_projector_cannot_run_the_agenda(
    facts: Facts, phone: SocketIOTestClient, projector: SocketIOTestClient
) -> None:
    for sock in (phone, projector):
        ack = sock.emit("open_step", {"step_id": facts.step_ids[0]}, callback=True)
        assert ack["ok"] is False and ack["error"] == "forbidden"
    workshop = db.session.get(Workshop, facts.id)
    assert workshop is not None and not any(s.is_open for s in workshop.steps)


def test_projector_cannot_submit(facts: Facts, projector: SocketIOTestClient) -> None:
    ack = projector.emit("submit_word", {"id": "word-000006", "step_id": 1, "text": "x"}, callback=True)
    assert ack["error"] == "forbidden"


def test_snapshots_per_role(
    facts: Facts, dashboard: SocketIOTestClient, phone: SocketIOTestClient, projector: SocketIOTestClient
) -> None:
    step_id = open_words(dashboard, facts)
    phone.emit("submit_word", {"id": "word-000007", "step_id": step_id, "text": "Tillit"}, callback=True)
    mine = phone.emit("get_snapshot", {}, callback=True)
    assert mine["open_steps"][0]["mine"][0]["text"] == "Tillit" and "rows" not in mine["open_steps"][0]
    screen = projector.emit("get_snapshot", {}, callback=True)
    assert screen["open_steps"][0]["rows"][0]["count"] == 1 and "entries" not in screen["open_steps"][0]
    full = dashboard.emit("get_snapshot", {}, callback=True)
    assert len(full["steps"]) == 5 and full["presence"]["connected"] == 1
    assert full["presence"]["answered"] == {str(step_id): 1}


def test_the_dashboard_hears_who_connects(
    app: Flask, workshop: Workshop, facts: Facts, dashboard: SocketIOTestClient
) -> None:
    dashboard.get_received()
    client = app.test_client()
    client.post(f"/j/{facts.code}", data={"display_name": ""})
    sock = connect(app, client, {"role": "participant", "workshop": facts.id})
    assert events(dashboard, "presence_changed")[-1]["connected"] == 1
    sock.disconnect()
    assert events(dashboard, "presence_changed")[-1]["connected"] == 0


def test_logging_out_closes_the_facilitators_sockets(app: Flask, facts: Facts) -> None:
    client = app.test_client()
    AuthActions(client).login()
    first = connect(app, client, {"role": "facilitator", "workshop": facts.id})
    second = connect(app, client, {"role": "facilitator", "workshop": facts.id})
    assert first.is_connected() and second.is_connected()
    AuthActions(client).logout()
    assert not first.is_connected() and not second.is_connected()
    again = connect(app, client, {"role": "facilitator", "workshop": facts.id})
    assert not again.is_connected()  # the session is gone too
