"""Socket.IO for the board: cards from phones, board changes from facilitators only,
hidden cards absent from the projector, similar cards while typing, and suggestions
computed by the worker process and sent to the dashboard (never applied)."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask_socketio import SocketIOTestClient

from steps.cards.suggestions import compute
from tests.realtime.conftest import Facts, events
from webapp.extensions import db

UNSORTED = "0"  # the unsorted column's key (board_order.js)


def open_cards(dashboard: SocketIOTestClient, facts: Facts) -> int:
    step_id = facts.step_ids[1]  # "Förutsättningar"
    assert dashboard.emit("open_step", {"step_id": step_id}, callback=True) == {"ok": True}
    return step_id


def post(phone: SocketIOTestClient, step_id: int, client_id: str, text: str) -> dict[str, Any]:
    ack = phone.emit("submit_card", {"id": client_id, "step_id": step_id, "text": text}, callback=True)
    assert ack["ok"], ack
    return ack["card"]  # type: ignore[no-any-return]


def board(dashboard: SocketIOTestClient, step_id: int, op: str, **data: Any) -> dict[str, Any]:
    return dashboard.emit("board", {"step_id": step_id, "op": op, **data}, callback=True)  # type: ignore[no-any-return]


def test_only_facilitators_change_the_board(
    facts: Facts, dashboard: SocketIOTestClient, phone: SocketIOTestClient, projector: SocketIOTestClient
) -> None:
    step_id = open_cards(dashboard, facts)
    card = post(phone, step_id, "card-perm-01", "Gemensam målbild")
    for sock in (phone, projector):
        for op, data in (
            ("create_theme", {"name": "Mål"}),
            ("move_card", {"card_id": card["id"], "theme_id": None}),
            ("hide_card", {"card_id": card["id"], "on": True}),
        ):
            ack = board(sock, step_id, op, **data)
            assert ack["ok"] is False and ack["error"] == "forbidden"
        assert sock.emit("suggest_themes", {"step_id": step_id}, callback=True)["error"] == "forbidden"
    assert board(dashboard, step_id, "fly_away")["error"] == "invalid_input"
    ack = board(dashboard, step_id, "create_theme", name="")
    assert ack["ok"] is False and ack["message"] == "Skriv något först."


def test_cards_and_moves_reach_the_projector_and_hidden_cards_never_do(
    facts: Facts, dashboard: SocketIOTestClient, phone: SocketIOTestClient, projector: SocketIOTestClient
) -> None:
    step_id = open_cards(dashboard, facts)
    projector.get_received()
    first = post(phone, step_id, "card-room-01", "<script>alert(1)</script>")
    second = post(phone, step_id, "card-room-02", "Tillit mellan parterna")
    arrived = events(projector, "cards_changed")
    assert [m["cards"][0]["text"] for m in arrived] == ["<script>alert(1)</script>", "Tillit mellan parterna"]
    assert "participant" not in str(arrived)
    ack = board(dashboard, step_id, "create_theme", name="Tillit")
    assert ack["ok"] is True and isinstance(ack["theme_id"], int)
    theme_id = events(projector, "board_changed")[-1]["themes"][0]["id"]
    assert board(dashboard, step_id, "move_card", card_id=second["id"], theme_id=theme_id) == {"ok": True}
    assert events(projector, "cards_changed")[-1]["order"] == {str(theme_id): [second["id"]]}
    assert board(dashboard, step_id, "hide_card", card_id=first["id"], on=True) == {"ok": True}
    hidden = events(projector, "cards_changed")[-1]
    assert hidden["removed"] == [first["id"]] and hidden["cards"] == []
    screen = projector.emit("get_snapshot", {}, callback=True)["open_steps"][0]
    assert [c["id"] for c in screen["cards"]] == [second["id"]]
    assert "<script>" not in str(screen)
    # The sender sees that it was hidden, not its text; nobody else's phone gets cards.
    me = phone.emit("get_snapshot", {}, callback=True)["open_steps"][0]["mine"]
    assert {c["id"]: c["status"] for c in me} == {first["id"]: "hidden", second["id"]: "sent"}
    assert events(phone, "cards_changed") == []


def test_similar_cards_while_typing(
    app: Flask, facts: Facts, dashboard: SocketIOTestClient, phone: SocketIOTestClient
) -> None:
    step_id = open_cards(dashboard, facts)
    other = app.test_client()
    from tests.conftest import join
    from tests.realtime.conftest import connect

    with app.app_context():
        from models.workshops import Workshop

        join(other, db.session.get(Workshop, facts.id), "Alex")
    second_phone = connect(app, other, {"role": "participant", "workshop": facts.id})
    post(second_phone, step_id, "card-simi-01", "Öronmärkta resurser för samverkan")
    post(second_phone, step_id, "card-simi-02", "Tydliga roller")
    ack = phone.emit("similar_cards", {"step_id": step_id, "text": "resurser till samverkan"}, callback=True)
    assert ack == {"ok": True, "cards": ["Öronmärkta resurser för samverkan"]}
    assert phone.emit("similar_cards", {"step_id": 99999, "text": "resurser"}, callback=True)["ok"] is False


@pytest.mark.parametrize("backend", ["lexical", "semantic"])
def test_suggestions_come_from_the_worker_and_change_nothing(
    app: Flask,
    facts: Facts,
    dashboard: SocketIOTestClient,
    phone: SocketIOTestClient,
    backend: str,
) -> None:
    app.config["CLUSTERING_BACKEND"] = backend
    step_id = open_cards(dashboard, facts)
    resources = post(phone, step_id, "card-sugg-01", "Öronmärkta pengar och resurser")
    post(phone, step_id, "card-sugg-02", "Budget för gemensamma projekt")
    trust = post(phone, step_id, "card-sugg-03", "Tillit och förtroende mellan parterna")
    for name in ("Resurser och finansiering", "Tillit och relationer"):
        board(dashboard, step_id, "create_theme", name=name)
    themes = dashboard.emit("get_snapshot", {}, callback=True)["steps"][1]["themes"]
    by_name = {t["name"]: t["id"] for t in themes}
    dashboard.get_received()
    message = compute(app, step_id)
    assert message is not None and message["backend"] == backend
    assert message["suggestions"][str(resources["id"])][0] == by_name["Resurser och finansiering"]
    assert message["suggestions"][str(trust["id"])][0] == by_name["Tillit och relationer"]
    assert events(dashboard, "suggestions_ready")[-1] == message
    proposals = compute(app, step_id, propose=True)
    assert proposals is not None and all(len(p["cards"]) >= 2 for p in proposals["proposals"])
    # Nothing moved: suggestions wait for the facilitator.
    order = dashboard.emit("get_snapshot", {}, callback=True)["steps"][1]["order"]
    assert sorted(order["0"]) == sorted([resources["id"], trust["id"], resources["id"] + 1])


def test_several_cards_move_and_hide_in_one_change_and_come_back_in_one(
    facts: Facts, dashboard: SocketIOTestClient, phone: SocketIOTestClient, projector: SocketIOTestClient
) -> None:
    """A selection moved into a theme is one event, and the undo the dashboard sends (the
    old places, in their order) puts every card back where it was."""
    step_id = open_cards(dashboard, facts)
    cards = [
        post(phone, step_id, f"card-many-{i:02}", text)
        for i, text in enumerate(
            ["Tydliga roller", "Gemensam budget", "Delad journal", "Tillit", "Uppföljning"]
        )
    ]
    ids = [c["id"] for c in cards]
    theme_id = board(dashboard, step_id, "create_theme", name="Styrning")["theme_id"]
    projector.get_received()
    dashboard.get_received()
    chosen = [ids[3], ids[1]]  # the order they were selected in
    moves = [{"card_id": i, "theme_id": theme_id} for i in chosen]
    assert board(dashboard, step_id, "place_cards", moves=moves) == {"ok": True}
    moved = events(projector, "cards_changed")
    assert len(moved) == 1 and moved[0]["order"][str(theme_id)] == chosen
    snapshot = dashboard.emit("get_snapshot", {}, callback=True)["steps"][1]
    assert [i for i in snapshot["order"][UNSORTED] if i in ids] == [ids[0], ids[2], ids[4]]
    back = [
        {"card_id": ids[1], "theme_id": None, "index": 1},
        {"card_id": ids[3], "theme_id": None, "index": 3},
    ]
    assert board(dashboard, step_id, "place_cards", moves=back) == {"ok": True}
    snapshot = dashboard.emit("get_snapshot", {}, callback=True)["steps"][1]
    assert [i for i in snapshot["order"][UNSORTED] if i in ids] == ids
    assert snapshot["order"].get(str(theme_id), []) == []

    assert board(dashboard, step_id, "hide_cards", card_ids=[ids[0], ids[4]], on=True) == {"ok": True}
    hidden = events(projector, "cards_changed")[-1]
    assert sorted(hidden["removed"]) == sorted([ids[0], ids[4]])
    for bad in ({"moves": []}, {"moves": "all"}, {"moves": [{"card_id": "x", "theme_id": None}]}):
        assert board(dashboard, step_id, "place_cards", **bad)["error"] == "invalid_input"
    assert board(dashboard, step_id, "hide_cards", card_ids=[], on=True)["error"] == "invalid_input"
    nowhere = [{"card_id": ids[0], "theme_id": 10**9}]
    assert board(dashboard, step_id, "place_cards", moves=nowhere)["ok"] is False
    snapshot = dashboard.emit("get_snapshot", {}, callback=True)["steps"][1]
    assert [i for i in snapshot["order"][UNSORTED] if i in ids] == ids  # nothing half done


def test_levels_are_set_on_the_board_in_one_change_and_refused_with_a_message(
    facts: Facts, dashboard: SocketIOTestClient, phone: SocketIOTestClient, projector: SocketIOTestClient
) -> None:
    step_id = open_cards(dashboard, facts)
    ids = [
        post(phone, step_id, f"card-level-{i}", text)["id"] for i, text in enumerate(["Avtal", "Riktlinjer"])
    ]
    levels = dashboard.emit("get_snapshot", {}, callback=True)["workshop"]["levels"]
    assert levels[-1] == "Nivåoberoende"
    dashboard.get_received()
    changes = [{"card_id": i, "level": "Nationell"} for i in ids]
    assert board(dashboard, step_id, "set_levels", changes=changes) == {"ok": True}
    [changed] = events(dashboard, "cards_changed")  # both cards, one event
    assert [c["level"] for c in changed["cards"]] == ["Nationell", "Nationell"]
    refused = board(dashboard, step_id, "set_levels", changes=[{"card_id": ids[0], "level": "Kommunal"}])
    assert refused["ok"] is False and refused["error"] == "unknown_level"
    assert "Välj en annan" in refused["message"]  # in the facilitator's language
    assert (
        phone.emit("board", {"step_id": step_id, "op": "set_levels", "changes": changes}, callback=True)["ok"]
        is False
    )


def test_a_card_is_curated_on_the_board_and_the_writers_phone_keeps_their_words(
    facts: Facts, dashboard: SocketIOTestClient, phone: SocketIOTestClient, projector: SocketIOTestClient
) -> None:
    step_id = open_cards(dashboard, facts)
    card = post(phone, step_id, "card-curate-01", "Kim på Storgatan vill ha tillit och en väg in")
    for sock in (dashboard, phone, projector):
        sock.get_received()
    ack = board(dashboard, step_id, "edit_card_text", card_id=card["id"], text="Tillit och en väg in")
    assert ack == {"ok": True}
    [changed] = events(dashboard, "cards_changed")
    assert changed["cards"][0]["original"] == "Kim på Storgatan vill ha tillit och en väg in"
    assert changed["cards"][0]["curated"]["by"]  # the facilitator's name or email
    [shown] = events(projector, "cards_changed")
    assert shown["cards"][0]["text"] == "Tillit och en väg in" and "original" not in shown["cards"][0]
    split = board(dashboard, step_id, "split_card", card_id=card["id"], first="Tillit", second="En väg in")
    assert split["ok"] and isinstance(split["card_id"], int)
    assert not events(phone, "cards_changed")  # nothing of it reaches a phone
    mine = phone.emit("get_snapshot", {}, callback=True)["open_steps"][0]["mine"]
    assert [c["text"] for c in mine] == ["Kim på Storgatan vill ha tillit och en väg in"]
    for sock in (phone, projector):
        refused = board(sock, step_id, "edit_card_text", card_id=card["id"], text="Mina ord")
        assert refused["ok"] is False and refused["error"] == "forbidden"
    refused = board(dashboard, step_id, "edit_card_text", card_id=card["id"], text="   ")
    assert refused["ok"] is False and refused["message"] == "Skriv något först."
    undo = board(dashboard, step_id, "unsplit_card", card_id=split["card_id"], text="Tillit och en väg in")
    assert undo == {"ok": True}
    snapshot = dashboard.emit("get_snapshot", {}, callback=True)["steps"][1]
    assert [c["text"] for c in snapshot["cards"] if c["id"] == card["id"]] == ["Tillit och en väg in"]
    assert split["card_id"] not in {c["id"] for c in snapshot["cards"]}
