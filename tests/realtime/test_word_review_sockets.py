"""Socket.IO for the word cloud: edits and withdrawals from phones, decisions from the
dashboard (refused to anyone else), and the rendered cloud reaching the projector."""

from __future__ import annotations

from flask import Flask
from flask_socketio import SocketIOTestClient

from steps.words.cloud_jobs import current_renderer
from steps.words.words import WordDecision
from tests.realtime.conftest import Facts, events, open_words
from webapp.extensions import db


def send(phone: SocketIOTestClient, step_id: int, client_id: str, text: str) -> dict:
    ack = phone.emit("submit_word", {"id": client_id, "step_id": step_id, "text": text}, callback=True)
    assert ack["ok"], ack
    return ack["word"]


def test_phone_edits_and_withdraws_its_word(
    facts: Facts, dashboard: SocketIOTestClient, phone: SocketIOTestClient, projector: SocketIOTestClient
) -> None:
    step_id = open_words(dashboard, facts)
    word = send(phone, step_id, "word-edit-01", "Tillit")
    projector.get_received()
    ack = phone.emit(
        "edit_word", {"id": "edit-word-01", "word_id": word["id"], "text": "Prata"}, callback=True
    )
    assert ack["ok"] and ack["word"]["text"] == "Prata"
    [change] = events(projector, "words_changed")
    assert change["rows"] == [{"key": "prata", "display": "Prata", "count": 1}] and change["removed"] == [
        "tillit"
    ]
    ack = phone.emit("withdraw_word", {"id": "withdraw-01", "word_id": word["id"]}, callback=True)
    assert ack == {"ok": True, "withdrawn": word["id"], "step_id": step_id}
    assert events(projector, "words_changed")[0]["removed"] == ["prata"]
    again = phone.emit("withdraw_word", {"id": "withdraw-01", "word_id": word["id"]}, callback=True)
    assert again == ack  # the resend gets the stored ack


def test_only_facilitators_decide(
    facts: Facts, dashboard: SocketIOTestClient, phone: SocketIOTestClient, projector: SocketIOTestClient
) -> None:
    step_id = open_words(dashboard, facts)
    send(phone, step_id, "word-forb-01", "Tillit")
    send(phone, step_id, "word-forb-02", "Prata")
    merge = {"step_id": step_id, "kind": "merge", "data": {"keys": ["tillit", "prata"], "display": "x"}}
    hide = {"step_id": step_id, "kind": "hide", "data": {"key": "tillit"}}
    for sock in (phone, projector):
        for name, payload in (
            ("word_decision", merge),
            ("word_decision", hide),
            ("word_undo", {"step_id": step_id}),
        ):
            ack = sock.emit(name, payload, callback=True)
            assert ack["ok"] is False and ack["error"] == "forbidden"
    assert db.session.query(WordDecision).count() == 0


def test_a_decision_refreshes_every_screen_and_an_error_is_in_swedish(
    facts: Facts, dashboard: SocketIOTestClient, phone: SocketIOTestClient, projector: SocketIOTestClient
) -> None:
    step_id = open_words(dashboard, facts)
    send(phone, step_id, "word-deci-01", "Tillit")
    send(phone, step_id, "word-deci-02", "Förtroende")
    projector.get_received()
    merge = {"keys": ["tillit", "förtroende"], "display": "Tillit"}
    ack = dashboard.emit("word_decision", {"step_id": step_id, "kind": "merge", "data": merge}, callback=True)
    assert ack == {"ok": True}
    [change] = events(projector, "words_changed")
    assert change["full"] and change["rows"] == [{"key": "tillit", "display": "Tillit", "count": 2}]
    assert dashboard.emit("word_undo", {"step_id": step_id}, callback=True) == {"ok": True}
    ack = dashboard.emit("word_undo", {"step_id": step_id}, callback=True)
    assert ack["ok"] is False and ack["message"] == "Det finns inget mer att ångra."
    # Counted again with the newest word analysis: the screens get the whole list again.
    events(projector, "words_changed")
    assert dashboard.emit("recount_words", {"step_id": step_id}, callback=True) == {"ok": True}
    [change] = events(projector, "words_changed")
    assert change["full"] and {r["display"] for r in change["rows"]} == {"Tillit", "Förtroende"}


def test_the_cloud_is_rendered_and_served_with_participant_text_escaped(
    app: Flask,
    facts: Facts,
    dashboard: SocketIOTestClient,
    phone: SocketIOTestClient,
    projector: SocketIOTestClient,
) -> None:
    app.config["CLOUD_RENDERING"] = True
    step_id = open_words(dashboard, facts)
    send(phone, step_id, "word-clou-01", "Bygga broar")
    send(phone, step_id, "word-clou-02", "<img src=x onerror=alert(1)>")
    assert current_renderer().wait_idle()
    ready = events(projector, "cloud_ready")
    assert ready and ready[-1]["step_id"] == step_id
    response = app.test_client().get(f"/projector/{facts.token}/cloud/{step_id}.svg?v={ready[-1]['version']}")
    assert response.status_code == 200 and response.mimetype == "image/svg+xml"
    svg = response.get_data(as_text=True)
    assert "Bygga broar" in svg and "<img" not in svg and "&lt;img" in svg
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "script-src" not in policy
    # The projector's snapshot names the version; another workshop's token gets nothing.
    screen = projector.emit("get_snapshot", {}, callback=True)
    assert screen["open_steps"][0]["cloud"]["version"] == ready[-1]["version"]
    assert app.test_client().get(f"/projector/wrong-token/cloud/{step_id}.svg").status_code == 404


def test_the_dashboard_switches_the_projector_view(
    facts: Facts, dashboard: SocketIOTestClient, phone: SocketIOTestClient, projector: SocketIOTestClient
) -> None:
    step_id = open_words(dashboard, facts)
    projector.get_received()
    for sock in (phone, projector):
        ack = sock.emit("projector_view", {"step_id": step_id, "show_list": True}, callback=True)
        assert ack["error"] == "forbidden"
    assert dashboard.emit("projector_view", {"step_id": step_id, "show_list": True}, callback=True)["ok"]
    [change] = events(projector, "agenda_changed")
    assert change["open_steps"][0]["settings"]["show_list"] is True
