"""The floor for `bench/load.py`: a bare Flask-SocketIO app, served the way Rundabord is
(gevent, one process, `socketio.run`), that only acknowledges what phones send and
forwards it to the screens. Whatever Rundabord costs above this is its own work:
validation, storage, sequence numbers, fan-out.

    PORT=5099 .venv/bin/python -m bench.floor
"""

from __future__ import annotations

from gevent import monkey

monkey.patch_all()

import os  # noqa: E402
from typing import Any  # noqa: E402

from flask import Flask  # noqa: E402
from flask_socketio import SocketIO, join_room  # noqa: E402

app = Flask(__name__)
socketio = SocketIO(app)
SCREENS = "screens"


@app.get("/")
def index() -> str:
    return "floor"


@socketio.on("connect")
def on_connect(auth: dict[str, Any] | None) -> None:
    if (auth or {}).get("role") in ("projector", "facilitator"):
        join_room(SCREENS)


def forward(event: str, payload: dict[str, Any]) -> dict[str, Any]:
    socketio.emit(event, {"text": payload.get("text")}, to=SCREENS)
    return {"ok": True}


@socketio.on("submit_word")
def on_word(payload: dict[str, Any]) -> dict[str, Any]:
    return forward("word", payload)


@socketio.on("submit_card")
def on_card(payload: dict[str, Any]) -> dict[str, Any]:
    return forward("card", payload)


if __name__ == "__main__":
    socketio.run(app, host="127.0.0.1", port=int(os.environ["PORT"]), log_output=False)
