"""How long the server's event loop was kept from running, measured from inside.

A background task asks to sleep 10 ms again and again; whenever it wakes late,
something held the loop (a long computation, a blocking call). The worst delay
since the last reading is returned by `take()` and sent with every heartbeat ack,
so `bench/wordcloud.py` can show that drawing word clouds never blocks the server.
"""

from __future__ import annotations

import time

from flask import Flask, current_app

from webapp.extensions import socketio

INTERVAL = 0.01


class LoopWatch:
    def __init__(self) -> None:
        self.worst = 0.0
        self.running = False

    def start(self) -> None:
        if not self.running:
            self.running = True
            socketio.start_background_task(self._run)

    def _run(self) -> None:
        while self.running:
            start = time.perf_counter()
            socketio.sleep(INTERVAL)
            self.worst = max(self.worst, time.perf_counter() - start - INTERVAL)

    def take(self) -> float:
        """The worst delay in milliseconds since the last call."""
        worst, self.worst = self.worst, 0.0
        return round(worst * 1000, 2)


def register_loopwatch(app: Flask) -> None:
    app.extensions["loopwatch"] = LoopWatch()


def current_loopwatch() -> LoopWatch:
    return current_app.extensions["loopwatch"]  # type: ignore[no-any-return]
