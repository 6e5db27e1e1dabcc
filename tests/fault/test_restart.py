"""Kill the server in the middle of phones' submissions: after restart and resend,
every submission is stored exactly once and the projector's view equals the store."""

from __future__ import annotations

import sqlite3
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import socketio

from bench.phone import Phone, close_all
from bench.server import ServerProcess
from tests.fault.conftest import create_workshop

pytestmark = pytest.mark.slow


def open_first_step(db_file: Path) -> int:
    # As a facilitator would; the step is opened in the store before phones connect.
    with sqlite3.connect(db_file) as conn:
        step_id = conn.execute("SELECT id FROM steps WHERE position = 0").fetchone()[0]
        conn.execute("UPDATE steps SET is_open = 1 WHERE id = ?", (step_id,))
    return int(step_id)


def test_every_submission_is_stored_once_across_a_kill(server: ServerProcess) -> None:
    facts = create_workshop(server)
    db_file = server.instance_dir / "rundabord.db"
    step_id = open_first_step(db_file)
    phones = [Phone(server.url, facts["Join code"], f"Deltagare {n}") for n in range(5)]
    for phone in phones:
        phone.connect()
    sent: list[tuple[Phone, str]] = []
    for n, phone in enumerate(phones):
        sent.append((phone, phone.submit("submit_word", {"step_id": step_id, "text": f"ord {n}"})))
    server.kill()  # mid-burst: the next submissions find no server
    for n, phone in enumerate(phones):
        client_id = phone.submit("submit_word", {"step_id": step_id, "text": f"efter {n}"})
        sent.append((phone, client_id))
        assert client_id in phone.outbox  # kept, not lost
    # Some acknowledgements were lost with the server: forget them, as a phone would
    # whose ack never arrived, so those are resent too.
    for phone in phones[:2]:
        for client_id, ack in list(phone.acks.items()):
            phone.outbox[client_id] = (
                "submit_word",
                {"id": client_id, "step_id": step_id, "text": ack["word"]["text"]},
            )
            del phone.acks[client_id]
    server.start()
    for phone in phones:
        phone.reconnect()
        phone.flush()
        assert phone.outbox == {}
    with sqlite3.connect(db_file) as conn:
        rows = conn.execute("SELECT client_id FROM receipts").fetchall()
        words = conn.execute("SELECT COUNT(*) FROM words").fetchone()[0]
    assert sorted(r[0] for r in rows) == sorted(client_id for _, client_id in sent)
    assert words == len(sent) == 10
    projector = socketio.Client(reconnection=False)
    projector.connect(
        server.url, auth={"role": "projector", "token": facts["Projector URL"].rsplit("/", 1)[1]}
    )
    snapshot = projector.call("get_snapshot", {}, timeout=5)
    projector.disconnect()
    counted = sum(row["count"] for row in snapshot["open_steps"][0]["rows"])
    assert counted == words
    close_all(phones)


def test_a_burst_from_fifty_phones_survives_a_kill(server: ServerProcess) -> None:
    """Fifty phones send three words each at once; the server is killed mid-burst. After a
    restart every phone reconnects and resends its outbox: each word is stored once."""
    facts = create_workshop(server, "Skur")
    db_file = server.instance_dir / "rundabord.db"
    step_id = open_first_step(db_file)
    phones = [Phone(server.url, facts["Join code"]) for _ in range(50)]
    for phone in phones:
        phone.connect()
    sent: list[str] = []
    lock = threading.Lock()

    def burst(phone: Phone, number: int) -> None:
        for n in range(3):
            client_id = phone.submit("submit_word", {"step_id": step_id, "text": f"ord {number}-{n}"})
            with lock:
                sent.append(client_id)
            time.sleep(0.1)  # the third word comes after the kill, however fast the server

    threads = [threading.Thread(target=burst, args=(phone, n)) for n, phone in enumerate(phones)]
    for thread in threads:
        thread.start()
    time.sleep(0.15)
    server.kill()  # some words are stored, some acknowledged, some neither
    for thread in threads:
        thread.join()
    waiting = sum(len(phone.outbox) for phone in phones)
    assert len(sent) == 150 and waiting > 0  # the kill really came mid-burst
    # What was acknowledged before the kill is on disk (words that arrived together share
    # one commit, and are acknowledged only after it: models.group_commit).
    acknowledged = set(sent) - {client_id for phone in phones for client_id in phone.outbox}
    with sqlite3.connect(db_file) as conn:
        on_disk = {r[0] for r in conn.execute("SELECT client_id FROM receipts")}
    assert acknowledged and acknowledged <= on_disk
    server.start()

    def come_back(phone: Phone) -> dict[str, object]:
        phone.reconnect()
        phone.flush()
        return phone.outbox

    with ThreadPoolExecutor(max_workers=50) as pool:  # the phones come back together, as in a room
        assert all(outbox == {} for outbox in pool.map(come_back, phones))
        with sqlite3.connect(db_file) as conn:
            stored = sorted(r[0] for r in conn.execute("SELECT client_id FROM receipts"))
            words = conn.execute("SELECT COUNT(*) FROM words").fetchone()[0]
        assert stored == sorted(sent) and words == 150  # every word once: none lost, none twice
        list(pool.map(Phone.close, phones))


def test_the_server_copies_its_log_into_the_database_file(server: ServerProcess) -> None:
    """Checkpoints run in a thread of the server (webapp.checkpoints), not inside its
    commits: what phones sent reaches the database file itself within seconds (read here
    without the log), having been on disk in the log since it was acknowledged."""
    facts = create_workshop(server, "Logg")
    db_file = server.instance_dir / "rundabord.db"
    step_id = open_first_step(db_file)
    phone = Phone(server.url, facts["Join code"])
    phone.connect()
    for n in range(3):  # the step takes three words from each phone
        phone.submit("submit_word", {"step_id": step_id, "text": f"ord {n}"})
    phone.flush()
    assert phone.outbox == {}

    def in_the_file_itself() -> int:
        with sqlite3.connect(f"file:{db_file}?immutable=1", uri=True) as conn:  # ignores the log
            return int(conn.execute("SELECT COUNT(*) FROM words").fetchone()[0])

    deadline = time.monotonic() + 10
    while in_the_file_itself() < 3 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert in_the_file_itself() == 3
    phone.close()
