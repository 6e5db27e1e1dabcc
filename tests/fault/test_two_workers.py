"""Two server processes, as `make serve` runs them (gunicorn, gevent, production
settings), sharing PostgreSQL and Redis: a phone on one and the projector on the other
see one workshop — the event with the next sequence number, the word cloud drawn once,
the same snapshot from either, and the dashboard counts the phone wherever it is."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import socketio
from sqlalchemy import create_engine, text

from bench.phone import Phone, facilitator_login, facilitator_socket
from bench.server import ServerProcess, server_settings
from config import database_url
from tests.fault.conftest import create_workshop

pytestmark = pytest.mark.slow


@pytest.fixture
def two_servers(tmp_path: Path, fresh_postgres_url: str, redis_url: str) -> Iterator[list[ServerProcess]]:
    settings = server_settings(redis_url)
    servers = [
        ServerProcess(tmp_path / name, database_url=fresh_postgres_url, extra_env=settings, gunicorn=True)
        for name in ("a", "b")
    ]
    servers[0].flask("db", "upgrade")
    try:
        for server in servers:
            server.start()
        yield servers
    finally:
        for server in servers:
            server.stop()


class Screen:
    """A projector connected to one process, keeping what it receives."""

    def __init__(self, url: str, token: str) -> None:
        self.messages: list[tuple[str, dict[str, Any]]] = []
        self.arrived = threading.Condition()
        self.sio = socketio.Client(reconnection=False)
        for event in ("words_changed", "cloud_ready"):
            self.sio.on(event, self._keep(event))
        self.sio.connect(url, auth={"role": "projector", "token": token})

    def _keep(self, event: str) -> Any:
        def keep(message: dict[str, Any]) -> None:
            with self.arrived:
                self.messages.append((event, message))
                self.arrived.notify_all()

        return keep

    def wait_for(self, event: str, timeout: float = 20) -> dict[str, Any]:
        with self.arrived:
            assert self.arrived.wait_for(lambda: any(e == event for e, _ in self.messages), timeout)
            return next(m for e, m in self.messages if e == event)

    def snapshot(self) -> dict[str, Any]:
        return self.sio.call("get_snapshot", {}, timeout=10)  # type: ignore[no-any-return]


def test_a_phone_on_one_process_and_a_projector_on_the_other(
    two_servers: list[ServerProcess], fresh_postgres_url: str
) -> None:
    a, b = two_servers
    facts = create_workshop(a, "Två processer")
    store = create_engine(database_url(fresh_postgres_url))
    with store.begin() as conn:
        step_id = conn.execute(text("SELECT id FROM steps WHERE position = 0")).scalar_one()
        conn.execute(text("UPDATE steps SET is_open = true WHERE id = :id"), {"id": step_id})
    store.dispose()
    token = facts["Projector URL"].rsplit("/", 1)[1]
    projector = Screen(b.url, token)
    before = projector.snapshot()["seq"]

    phone = Phone(a.url, facts["Join code"], "Kim")
    phone.connect()
    phone.submit("submit_word", {"step_id": step_id, "text": "Tillit"})
    phone.flush()

    message = projector.wait_for("words_changed")
    assert message["prev"] == before and message["seq"] > before
    assert [row["display"] for row in message["rows"]] == ["Tillit"]
    projector.wait_for("cloud_ready")  # drawn by one process, announced on the other

    other = Screen(a.url, token)
    assert other.snapshot() == projector.snapshot()
    for screen in (projector, other):
        screen.sio.disconnect()

    dashboard = facilitator_socket(
        b.url, facilitator_login(b.url, "leda@region.se", "correct horse battery"), phone.workshop_id
    )
    presence = dashboard.call("get_snapshot", {}, timeout=10)["presence"]
    assert presence == {"connected": 1, "answered": {str(step_id): 1}}  # the phone is on a
    dashboard.disconnect()
    phone.close()
    for server in two_servers:
        assert "Traceback" not in server.log.read_text()
