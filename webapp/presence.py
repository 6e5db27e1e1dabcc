"""Who is connected right now. Kept in memory: it is not workshop data and a
restart empties it, as the phones reconnect and count themselves in again."""

from __future__ import annotations

import threading
from collections import Counter, defaultdict
from typing import Any

from flask import Flask, current_app

from models.events import Role
from models.words import answered_count
from models.workshops import Workshop
from webapp.broadcast import notify
from webapp.extensions import db, socketio


class Presence:
    """Connected participants per workshop (a participant may have several tabs)."""

    def __init__(self) -> None:
        self._connections: dict[int, Counter[int]] = defaultdict(Counter)
        self._by_sid: dict[str, tuple[int, int]] = {}
        self._pending: set[int] = set()
        self._lock = threading.Lock()

    def join(self, sid: str, workshop_id: int, participant_id: int) -> None:
        with self._lock:
            self._by_sid[sid] = (workshop_id, participant_id)
            self._connections[workshop_id][participant_id] += 1

    def leave(self, sid: str) -> int | None:
        """Forget a connection; returns its workshop, or None if it was no participant's."""
        with self._lock:
            if sid not in self._by_sid:
                return None
            workshop_id, participant_id = self._by_sid.pop(sid)
            counter = self._connections[workshop_id]
            counter[participant_id] -= 1
            if counter[participant_id] <= 0:
                del counter[participant_id]
            return workshop_id

    def connected(self, workshop_id: int) -> int:
        with self._lock:
            return len(self._connections.get(workshop_id, ()))

    def changed(self, app: Flask, workshop_id: int) -> None:
        """Tell the facilitators soon; a burst of changes makes one message."""
        delay = float(app.config.get("PRESENCE_NOTIFY_DELAY", 0.5))
        if delay <= 0:  # tests: at once, in the caller's context
            notify(workshop_id, Role.FACILITATOR, "presence_changed", self.summary(workshop_id))
            return
        with self._lock:
            if workshop_id in self._pending:
                return
            self._pending.add(workshop_id)
        socketio.start_background_task(self._send_later, app, workshop_id, delay)

    def _send_later(self, app: Flask, workshop_id: int, delay: float) -> None:
        socketio.sleep(delay)
        with self._lock:
            self._pending.discard(workshop_id)
        with app.app_context():
            payload = self.summary(workshop_id)
            db.session.remove()
        notify(workshop_id, Role.FACILITATOR, "presence_changed", payload)

    def summary(self, workshop_id: int) -> dict[str, Any]:
        """Connected participants, and per open step how many have answered."""
        workshop = db.session.get(Workshop, workshop_id)
        answered = {}
        if workshop is not None:
            answered = {
                str(step.id): answered_count(db.session, step.id)
                for step in workshop.open_steps
                if step.kind == "words"
            }
        return {"connected": self.connected(workshop_id), "answered": answered}


def init_presence(app: Flask) -> None:
    app.extensions["rundabord.presence"] = Presence()


def current_presence() -> Presence:
    """The presence of the running app (each app, and so each test, has its own)."""
    presence: Presence = current_app.extensions["rundabord.presence"]
    return presence
