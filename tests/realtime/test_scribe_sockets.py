"""A scribe's socket: notes both ways with the dashboard, the board as the projector
sees it, and input entered for a group reaching every screen once."""

from __future__ import annotations

from flask import Flask
from flask_socketio import SocketIOTestClient

from models.groups import add_groups
from models.scribes import invite_scribe
from models.workshops import Workshop
from tests.conftest import AuthActions
from tests.realtime.conftest import Facts, connect, events, open_words
from webapp.extensions import db


def test_scribe_notes_reach_the_dashboard_and_back(
    facts: Facts, scribe: SocketIOTestClient, dashboard: SocketIOTestClient
) -> None:
    snap = scribe.emit("get_snapshot", {}, callback=True)
    assert snap["ok"] and snap["me"]["name"] == "Sam" and "steps" not in snap
    ack = scribe.emit(
        "notes", {"op": "add", "category": "Skribenternas reflektioner", "text": "Tillit"}, callback=True
    )
    assert ack == {"ok": True}
    [note] = events(dashboard, "notes_changed")[-1]["notes"]
    assert (note["text"], note["author"]) == ("Tillit", "Sam")
    assert events(scribe, "notes_changed")[-1]["notes"][0]["id"] == note["id"]
    ack = dashboard.emit(
        "notes",
        {"op": "edit", "note_id": note["id"], "category": note["category"], "text": "Tillit!"},
        callback=True,
    )
    assert ack == {"ok": True}
    assert events(scribe, "notes_changed")[-1]["notes"][0]["text"] == "Tillit!"


def test_input_for_a_group_reaches_the_projector_and_the_scribes_board(
    app: Flask,
    workshop: Workshop,
    facts: Facts,
    dashboard: SocketIOTestClient,
    projector: SocketIOTestClient,
) -> None:
    bord1, bord2 = add_groups(db.session, workshop, "Bord 1\nBord 2")
    bord1_id, bord2_id = bord1.id, bord2.id
    token = invite_scribe(db.session, db.session.get(Workshop, facts.id), "Sam", bord1_id).token
    scribe = connect(app, app.test_client(), {"role": "scribe", "token": token})
    step_id = open_words(dashboard, facts)
    for sock in (dashboard, projector, scribe):
        sock.get_received()
    payload = {
        "id": "behalf-01-abcdef",
        "kind": "word",
        "step_id": step_id,
        "text": "Tillit",
        "group_id": bord2_id,
    }
    ack = scribe.emit("enter_for_group", payload, callback=True)
    assert ack["ok"] and ack["word"]["text"] == "Tillit"
    assert scribe.emit("enter_for_group", payload, callback=True) == ack  # a resend: the same ack
    [entry] = events(dashboard, "words_changed")[-1]["entries"]
    assert entry["group_id"] == bord1_id  # a scribe of Bord 1 enters for Bord 1 only
    assert entry["participant"]["on_behalf"] is True
    assert events(projector, "words_changed")[-1]["rows"][0]["count"] == 1
    assert events(scribe, "words_changed")[-1]["rows"][0]["count"] == 1
    ack = dashboard.emit(
        "enter_for_group", {**payload, "id": "behalf-02-abcdef", "group_id": bord2_id}, callback=True
    )
    assert ack["ok"]
    assert events(dashboard, "words_changed")[-1]["entries"][0]["group_id"] == bord2_id
    ack = dashboard.emit(
        "enter_for_group", {**payload, "id": "behalf-03-abcdef", "kind": "vote"}, callback=True
    )
    assert ack["ok"] is False and ack["error"] == "invalid_input"
    ack = dashboard.emit(
        "enter_for_group", {**payload, "id": "behalf-04-abcdef", "text": "x" * 300}, callback=True
    )
    assert ack["ok"] is False and ack["error"] == "too_long" and ack["message"]


def test_a_revoked_scribe_is_told_at_once_and_on_every_later_try(
    app: Flask, facts: Facts, scribe: SocketIOTestClient, scribe_token: str
) -> None:
    from models.scribes import find_scribe
    from tests.conftest import AuthActions

    scribe.get_received()
    client = app.test_client()
    AuthActions(client).login()
    scribe_id = find_scribe(db.session, scribe_token).id  # type: ignore[union-attr]
    client.post(f"/f/workshops/{facts.id}/scribes/{scribe_id}/revoke")
    assert events(scribe, "access_ended") == [{"reason": "link_revoked"}]
    ack = scribe.emit(
        "notes", {"op": "add", "category": "Skribenternas reflektioner", "text": "x"}, callback=True
    )
    assert ack["error"] == "link_revoked" and ack["message"].startswith("Länken har återkallats")
    again = connect(app, app.test_client(), {"role": "scribe", "token": scribe_token})
    assert not again.is_connected()


def test_a_deleted_workshop_tells_every_open_screen(
    app: Flask, facts: Facts, phone: SocketIOTestClient, projector: SocketIOTestClient
) -> None:
    from tests.conftest import AuthActions

    client = app.test_client()
    AuthActions(client).login()
    client.post(f"/f/workshops/{facts.id}/delete")
    for screen in (phone, projector):
        assert events(screen, "access_ended") == [{"reason": "workshop_deleted"}]


def test_table_groups_edited_reach_open_dashboards_and_scribes(
    app: Flask,
    facts: Facts,
    dashboard: SocketIOTestClient,
    scribe: SocketIOTestClient,
    phone: SocketIOTestClient,
) -> None:
    """A facilitator renames and adds table groups in the editor during the workshop: the
    dashboard's and the scribes' lists (a group's input, the names beside it) follow at once."""
    editor = app.test_client()
    AuthActions(editor).login()
    assert editor.post(f"/f/workshops/{facts.id}/groups", data={"new_groups": "Bord 1"}).status_code == 302
    for sock in (dashboard, scribe, phone):
        sock.get_received()
    [bord1] = dashboard.emit("get_snapshot", {}, callback=True)["groups"]
    sent = {"order": [bord1["id"]], f"name-{bord1['id']}": "Bord Ett", "new_groups": "Bord <b>2</b>"}
    assert editor.post(f"/f/workshops/{facts.id}/groups", data=sent).status_code == 302
    names = ["Bord Ett", "Bord <b>2</b>"]
    [changed] = events(dashboard, "agenda_changed")
    assert changed["reason"] == "groups_changed" and [g["name"] for g in changed["groups"]] == names
    assert changed["groups"][0]["id"] == bord1["id"] and changed["steps"]
    [told] = events(scribe, "agenda_changed")
    assert [g["name"] for g in told["groups"]] == names and "open_steps" in told
    assert events(phone, "agenda_changed") == []  # phones show no list of groups
    assert [g["name"] for g in scribe.emit("get_snapshot", {}, callback=True)["groups"]] == names
