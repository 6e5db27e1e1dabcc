"""Rate limits on phones' socket events: a flooding phone is slowed and told so, in
its language; others go on; the bucket fills again with time."""

from __future__ import annotations

from flask import Flask
from flask_socketio import SocketIOTestClient

from models.workshops import Workshop
from tests.conftest import join
from tests.realtime.conftest import Clock, Facts, connect, limits_standing_still
from webapp.socket_limits import SocketLimits


def test_a_bucket_allows_a_burst_then_its_rate() -> None:
    clock = Clock()
    limits = SocketLimits(per_client=(10, 5), per_address=(1000, 1000), clock=clock)
    assert [limits.allow("a", "10.0.0.1") for _ in range(7)] == [True] * 5 + [False] * 2
    assert limits.allow("b", "10.0.0.1")  # another phone is not slowed
    clock.now += 0.15
    assert [limits.allow("a", "10.0.0.1") for _ in range(2)] == [True, False]  # refilled at 10 a second
    crowded = SocketLimits(per_client=(100, 100), per_address=(1, 3), clock=clock)
    assert [crowded.allow(str(n), "10.0.0.2") for n in range(4)] == [True, True, True, False]


def test_a_flooding_phone_is_slowed_and_told_so(
    app: Flask, workshop: Workshop, facts: Facts, phone: SocketIOTestClient
) -> None:
    burst = limits_standing_still(app)  # on a slow database the bucket refilled meanwhile
    acks = [
        phone.emit("similar_cards", {"step_id": facts.step_ids[1], "text": "Mål"}, callback=True)
        for _ in range(50)
    ]
    slowed = [ack for ack in acks if ack.get("error") == "slow_down"]
    assert [ack.get("error") == "slow_down" for ack in acks] == [False] * burst + [True] * (50 - burst)
    assert "snabbare än servern" in slowed[0]["message"]
    client = app.test_client()
    join(client, workshop, "Ali")
    other = connect(app, client, {"role": "participant", "workshop": facts.id})
    ack = other.emit("similar_cards", {"step_id": facts.step_ids[1], "text": "Mål"}, callback=True)
    assert ack.get("error") != "slow_down"  # another phone goes on
