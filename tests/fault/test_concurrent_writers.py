"""Many phones writing at once to a real server, on SQLite and on PostgreSQL: every
submission is acknowledged and stored once, and no database error ("database is
locked", a serialization failure) reaches a phone or the server's log."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import socketio
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine

from bench.phone import Phone, close_all
from bench.server import ServerProcess
from config import database_url
from tests.fault.conftest import create_workshop

pytestmark = pytest.mark.slow
PHONES = 30


@pytest.fixture(params=["sqlite", "postgresql"])
def server_and_store(
    request: pytest.FixtureRequest, tmp_path: Path
) -> Iterator[tuple[ServerProcess, Engine]]:
    """A server on a database of its own: a SQLite file, or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        yield from _serve(tmp_path, f"sqlite:///{tmp_path / 'rundabord.db'}")
    else:
        yield from _serve(tmp_path, request.getfixturevalue("fresh_postgres_url"))


def _serve(tmp_path: Path, url: str) -> Iterator[tuple[ServerProcess, Engine]]:
    server = ServerProcess(tmp_path, database_url=url)
    server.start()
    store = create_engine(database_url(url))
    try:
        yield server, store
    finally:
        store.dispose()
        server.stop()


def test_phones_writing_at_once_are_all_stored_once(server_and_store: tuple[ServerProcess, Engine]) -> None:
    server, store = server_and_store
    facts = create_workshop(server, "Samtidigt")
    with store.begin() as conn:
        steps = dict(conn.execute(text("SELECT position, id FROM steps")).all())
        conn.execute(
            text("UPDATE steps SET is_open = true WHERE id IN (:a, :b)"), {"a": steps[0], "b": steps[1]}
        )
    phones = [Phone(server.url, facts["Join code"]) for _ in range(PHONES)]

    def write(numbered: tuple[int, Phone]) -> list[dict[str, object]]:
        number, phone = numbered
        phone.connect()
        for n in range(3):
            phone.submit("submit_word", {"step_id": steps[0], "text": f"ord {number}-{n}"})
            phone.submit("submit_card", {"step_id": steps[1], "text": f"kort {number}-{n}"})
        phone.flush()
        return list(phone.acks.values())

    with ThreadPoolExecutor(max_workers=PHONES) as pool:
        acks = [ack for acks in pool.map(write, enumerate(phones)) for ack in acks]
    assert len(acks) == PHONES * 6, server.log.read_text()[-3000:]
    assert all(ack["ok"] for ack in acks), [a for a in acks if not a["ok"]]
    with store.connect() as conn:
        words = conn.execute(text("SELECT COUNT(*), COUNT(DISTINCT text) FROM words")).one()
        cards = conn.execute(text("SELECT COUNT(*), COUNT(DISTINCT text) FROM cards")).one()
    assert tuple(words) == tuple(cards) == (PHONES * 3, PHONES * 3)
    projector = socketio.Client(reconnection=False)
    projector.connect(
        server.url, auth={"role": "projector", "token": facts["Projector URL"].rsplit("/", 1)[1]}
    )
    shown = {step["id"]: step for step in projector.call("get_snapshot", {}, timeout=10)["open_steps"]}
    projector.disconnect()
    assert sum(row["count"] for row in shown[steps[0]]["rows"]) == PHONES * 3
    assert len(shown[steps[1]]["cards"]) == PHONES * 3
    log = server.log.read_text()
    assert "database is locked" not in log and "OperationalError" not in log and "Traceback" not in log
    close_all(phones)
