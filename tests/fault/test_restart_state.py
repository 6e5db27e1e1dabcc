"""A server killed in the middle of voting and of a running timer: after a restart the
votes are all there, once, voting is still open, and every screen shows the same timer
(it lives in the store, not in the process)."""

from __future__ import annotations

import pytest

from bench.phone import Phone, facilitator_login, facilitator_socket
from bench.server import ServerProcess
from tests.fault.conftest import create_workshop

pytestmark = pytest.mark.slow


def test_votes_and_the_timer_survive_a_kill(server: ServerProcess) -> None:
    facts = create_workshop(server)
    workshop_id = int(facts["Workshop"].split()[0])
    http = facilitator_login(server.url, "leda@region.se", "correct horse battery")
    dashboard = facilitator_socket(server.url, http, workshop_id)
    steps = {s["kind"]: s["id"] for s in reversed(dashboard.call("get_snapshot", {}, timeout=10)["steps"])}
    for kind in ("tracks", "discussion"):
        dashboard.call("open_step", {"step_id": steps[kind], "exclusive": False}, timeout=10)
    dashboard.call(
        "tracks", {"step_id": steps["tracks"], "op": "phase", "name": "voting", "on": True}, timeout=10
    )
    dashboard.call(
        "discussion", {"step_id": steps["discussion"], "op": "timer", "action": "start"}, timeout=10
    )

    phones = [Phone(server.url, facts["Join code"]) for _ in range(3)]
    for phone in phones:
        phone.connect()
    proposal = phones[0].submit("propose_track", {"step_id": steps["tracks"], "text": "Hur skapas tillit?"})
    track_id = phones[0].acks[proposal]["track"]["id"]
    votes = [
        phone.submit("vote", {"step_id": steps["tracks"], "track_id": track_id, "dots": 2, "n": 1})
        for phone in phones
    ]
    before = dashboard.call("get_snapshot", {}, timeout=10)
    dashboard.disconnect()

    server.kill()
    server.start()
    dashboard = facilitator_socket(server.url, http, workshop_id)
    after = dashboard.call("get_snapshot", {}, timeout=10)
    by_id = {s["id"]: s for s in after["steps"]}
    was = {s["id"]: s for s in before["steps"]}
    timer = by_id[steps["discussion"]]["settings"]
    assert (
        timer["timer_ends_at"] == was[steps["discussion"]]["settings"]["timer_ends_at"] > 0
    )  # still running
    assert by_id[steps["tracks"]]["settings"]["voting"] is True
    [track] = by_id[steps["tracks"]]["tracks"]
    assert track["total"] == 6
    # Phones whose acks were lost resend their votes after the restart: counted once.
    for phone, vote_id in zip(phones, votes, strict=True):
        phone.reconnect()
        phone.acks.pop(vote_id, None)
        phone.outbox[vote_id] = (
            "vote",
            {"id": vote_id, "step_id": steps["tracks"], "track_id": track_id, "dots": 2, "n": 1},
        )
        assert phone.send(vote_id) and phone.acks[vote_id]["ok"]
    [track] = {s["id"]: s for s in dashboard.call("get_snapshot", {}, timeout=10)["steps"]}[steps["tracks"]][
        "tracks"
    ]
    assert track["total"] == 6
    dashboard.disconnect()
