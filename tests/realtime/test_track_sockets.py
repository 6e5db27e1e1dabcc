"""Socket.IO for tracks: proposals from phones reach every screen without names, only
facilitators change tracks or open voting, a phase change reaches phones, votes are
acknowledged with the voter's dots and reach the projector but no phone."""

from __future__ import annotations

from typing import Any

from flask_socketio import SocketIOTestClient

from tests.realtime.conftest import Facts, events


def tracks_op(sock: SocketIOTestClient, step_id: int, op: str, **data: Any) -> dict[str, Any]:
    return sock.emit("tracks", {"step_id": step_id, "op": op, **data}, callback=True)  # type: ignore[no-any-return]


def test_tracks_and_votes_over_sockets(
    facts: Facts, dashboard: SocketIOTestClient, phone: SocketIOTestClient, projector: SocketIOTestClient
) -> None:
    step_id = facts.step_ids[3]
    assert dashboard.emit("open_step", {"step_id": step_id}, callback=True) == {"ok": True}
    for sock in (dashboard, phone, projector):
        sock.get_received()
    ack = phone.emit(
        "propose_track", {"id": "track-sock-01", "step_id": step_id, "text": "Hur?"}, callback=True
    )
    assert ack["ok"] and ack["track"]["text"] == "Hur?"
    track_id = ack["track"]["id"]
    assert events(phone, "tracks_changed")[0]["tracks"] == [
        {"id": track_id, "text": "Hur?", "highlight": False}
    ]
    assert "Kim" not in str(events(projector, "tracks_changed"))
    assert events(dashboard, "tracks_changed")[0]["tracks"][0]["participant"]["name"] == "Kim"

    # Only facilitators change tracks or the phase.
    for sock in (phone, projector):
        for op, data in (
            ("add_track", {"text": "Eget"}),
            ("hide_track", {"track_id": track_id, "on": True}),
            ("phase", {"name": "voting", "on": True}),
        ):
            assert tracks_op(sock, step_id, op, **data)["error"] == "forbidden"
    assert projector.emit("vote", {"id": "vote-proj-01"}, callback=True)["error"] == "forbidden"
    assert tracks_op(dashboard, step_id, "phase", name="everything", on=True)["error"] == "invalid_input"

    vote = {"id": "vote-sock-01", "step_id": step_id, "track_id": track_id, "dots": 1, "n": 1}
    refused = phone.emit("vote", vote, callback=True)
    assert refused["ok"] is False and refused["message"] == "Röstningen är inte öppen just nu."
    assert tracks_op(dashboard, step_id, "phase", name="voting", on=True) == {"ok": True}
    [agenda] = events(phone, "agenda_changed")
    assert agenda["open_steps"][0]["settings"]["voting"] is True
    phone.get_received()
    projector.get_received()
    ack = phone.emit("vote", {**vote, "id": "vote-sock-02"}, callback=True)
    assert ack == {"ok": True, "step_id": step_id, "votes": {str(track_id): 1}, "left": 2}
    assert events(projector, "tracks_changed")[0]["tracks"][0]["total"] == 1
    assert events(phone, "tracks_changed") == []  # totals do not go to every phone
    over = phone.emit("vote", {**vote, "id": "vote-sock-03", "dots": 3, "n": 2}, callback=True)
    assert over["ok"] is False and over["error"] == "invalid_input"
