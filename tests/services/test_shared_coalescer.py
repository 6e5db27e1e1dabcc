"""Derived views across several server processes (REDIS_URL): two coalescers sharing one
Redis stand for two processes. A key is never run by both at once, and every request is
followed by a run that starts after it, whichever process received it."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
import redis
from flask import Flask

from webapp import create_app
from webapp.workers import Coalescer


class Recorder(Coalescer):
    """Records when each run starts, and how many run at the same moment."""

    shared_state = threading.Lock()
    active = 0
    most_at_once = 0
    starts: list[tuple[float, str]] = []

    def __init__(self, app: Flask, name: str) -> None:
        super().__init__(app)
        self.name = name

    def run(self, key: int) -> None:
        with Recorder.shared_state:
            Recorder.active += 1
            Recorder.most_at_once = max(Recorder.most_at_once, Recorder.active)
            Recorder.starts.append((time.monotonic(), self.name))
        time.sleep(0.02)
        with Recorder.shared_state:
            Recorder.active -= 1


@pytest.fixture
def processes(redis_url: str, tmp_path: Path) -> list[Recorder]:
    Recorder.active = Recorder.most_at_once = 0
    Recorder.starts = []
    made = []
    for name in ("a", "b"):
        app = create_app(
            {"INSTANCE_DIR": tmp_path, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'x.db'}"}
        )
        app.config["REDIS_URL"] = redis_url
        made.append(Recorder(app, name))
    return made


def test_a_key_runs_in_one_process_at_a_time_and_after_the_last_request(
    processes: list[Recorder],
) -> None:
    last_request = 0.0

    def send(recorder: Recorder) -> None:
        nonlocal last_request
        for _ in range(40):
            recorder.request(7)
            last_request = max(last_request, time.monotonic())
            time.sleep(0.003)

    threads = [threading.Thread(target=send, args=(p,)) for p in processes]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(p.wait_idle(10) for p in processes)
    assert Recorder.most_at_once == 1
    assert 1 < len(Recorder.starts) < 80  # coalesced, not one run per request
    assert Recorder.starts[-1][0] >= last_request - 0.001  # the last state was run
    assert redis.Redis.from_url(processes[0].app.config["REDIS_URL"]).keys("*dirty*") == []


def test_a_request_to_an_idle_key_runs_at_once_in_the_process_that_got_it(
    processes: list[Recorder],
) -> None:
    processes[1].request(3)
    assert processes[1].wait_idle(5)
    assert [name for _, name in Recorder.starts] == ["b"]
