"""The floor for `bench/load.py`: a bare Flask-SocketIO app, served the way Rundabord is
(gevent, one process, `socketio.run`, without Nagle's delay), that only acknowledges
what phones send and forwards it to the screens. Whatever Rundabord costs above this is
its own work: validation, storage, sequence numbers, fan-out.

    PORT=5099 .venv/bin/python -m bench.floor
    PORT=5099 FLOOR_DATABASE=/tmp/floor.db .venv/bin/python -m bench.floor

With FLOOR_DATABASE it is the stored floor: before it acknowledges, it also stores each
submission as one row in a SQLite file (WAL, as Rundabord's), in a transaction of its own
that is committed to disk. That is the least any server that never loses an acknowledged
submission must do; what Rundabord costs above it is its own work without the storing.
"""

from __future__ import annotations

from gevent import monkey

monkey.patch_all()

import os  # noqa: E402
import sqlite3  # noqa: E402
from typing import Any  # noqa: E402

from flask import Flask  # noqa: E402
from flask_socketio import SocketIO, join_room  # noqa: E402

from webapp.nodelay import NoDelayHandler  # noqa: E402

app = Flask(__name__)
socketio = SocketIO(app)
SCREENS = "screens"


def open_store(path: str | None) -> sqlite3.Connection | None:
    """One connection for the whole process: a gevent server runs one handler at a time, and
    sqlite3's calls never yield to another in the middle."""
    if not path:
        return None
    connection = sqlite3.connect(path, isolation_level=None)  # transactions as written below
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute(
        "CREATE TABLE IF NOT EXISTS submissions"
        " (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, text TEXT NOT NULL)"
    )
    return connection


STORE = open_store(os.environ.get("FLOOR_DATABASE"))


@app.get("/")
def index() -> str:
    return "floor"


@socketio.on("connect")
def on_connect(auth: dict[str, Any] | None) -> None:
    if (auth or {}).get("role") in ("projector", "facilitator"):
        join_room(SCREENS)


def forward(event: str, payload: dict[str, Any]) -> dict[str, Any]:
    if STORE is not None:
        STORE.execute("BEGIN IMMEDIATE")
        STORE.execute("INSERT INTO submissions (kind, text) VALUES (?, ?)", (event, str(payload.get("text"))))
        STORE.execute("COMMIT")
    socketio.emit(event, {"text": payload.get("text")}, to=SCREENS)
    return {"ok": True}


@socketio.on("submit_word")
def on_word(payload: dict[str, Any]) -> dict[str, Any]:
    return forward("word", payload)


@socketio.on("submit_card")
def on_card(payload: dict[str, Any]) -> dict[str, Any]:
    return forward("card", payload)


@socketio.on("submit_upvote")
def on_upvote(payload: dict[str, Any]) -> dict[str, Any]:
    return forward("upvote", payload)


if __name__ == "__main__":
    socketio.run(
        app, host="127.0.0.1", port=int(os.environ["PORT"]), log_output=False, handler_class=NoDelayHandler
    )
