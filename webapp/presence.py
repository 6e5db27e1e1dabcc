"""Who is connected right now. Kept in memory: it is not workshop data and a
restart empties it, as the phones reconnect and count themselves in again.

With REDIS_URL (several server processes) each process also keeps, in Redis, the set of
participants connected to it per workshop, refreshed every few seconds and expiring
when the process is gone; the count is the union of those sets, so a phone connected to
one process and a dashboard on another agree."""

from __future__ import annotations

import logging
import secrets
import threading
from collections import Counter, defaultdict
from typing import Any

import redis
from flask import Flask, current_app

from models.events import Role
from models.participants import joined_by_type
from models.workshops import Workshop
from steps.registry import kind_of
from webapp.broadcast import notify
from webapp.extensions import db, socketio

log = logging.getLogger(__name__)
SHARED_TTL_S = 60  # a process's presence set outlives it by at most this
SHARED_REFRESH_S = 20


class Presence:
    """Connected participants per workshop (a participant may have several tabs)."""

    def __init__(self, shared: redis.Redis | None = None) -> None:
        self._connections: dict[int, Counter[int]] = defaultdict(Counter)
        self._by_sid: dict[str, tuple[int, int]] = {}
        self._pending: set[int] = set()
        self._lock = threading.Lock()
        self._shared = shared
        self._token = secrets.token_hex(8)  # this process, among those sharing Redis
        self._refreshing = False

    def join(self, sid: str, workshop_id: int, participant_id: int) -> None:
        with self._lock:
            self._by_sid[sid] = (workshop_id, participant_id)
            self._connections[workshop_id][participant_id] += 1
            first = self._connections[workshop_id][participant_id] == 1
            start_refresh = self._shared is not None and not self._refreshing
            self._refreshing = self._refreshing or start_refresh
        if first:
            self._publish(workshop_id, add=participant_id)
        if start_refresh:
            socketio.start_background_task(self._refresh_loop)

    def leave(self, sid: str) -> int | None:
        """Forget a connection; returns its workshop, or None if it was no participant's."""
        with self._lock:
            if sid not in self._by_sid:
                return None
            workshop_id, participant_id = self._by_sid.pop(sid)
            counter = self._connections[workshop_id]
            counter[participant_id] -= 1
            gone = counter[participant_id] <= 0
            if gone:
                del counter[participant_id]
        if gone:
            self._publish(workshop_id, remove=participant_id)
        return workshop_id

    def connected(self, workshop_id: int) -> int:
        if self._shared is not None:
            try:
                return self._shared_count(self._shared, workshop_id)
            except redis.RedisError:
                log.exception("presence: Redis unreachable; counting this process only")
        with self._lock:
            return len(self._connections.get(workshop_id, ()))

    # --- Shared between processes (REDIS_URL) ----------------------------------------------

    def _key(self, workshop_id: int, token: str) -> str:
        return f"rundabord:presence:{workshop_id}:{token}"

    def _publish(self, workshop_id: int, add: int | None = None, remove: int | None = None) -> None:
        if self._shared is None:
            return
        key = self._key(workshop_id, self._token)
        try:
            with self._shared.pipeline() as pipe:
                if add is not None:
                    pipe.sadd(key, add)
                if remove is not None:
                    pipe.srem(key, remove)
                pipe.expire(key, SHARED_TTL_S)
                pipe.sadd(f"rundabord:presence:{workshop_id}", self._token)
                pipe.execute()
        except redis.RedisError:
            log.exception("presence: Redis unreachable")

    def _shared_count(self, shared: redis.Redis, workshop_id: int) -> int:
        registry = f"rundabord:presence:{workshop_id}"
        tokens = [str(t) for t in shared.smembers(registry)]
        keys = [self._key(workshop_id, t) for t in tokens]
        alive = shared.exists(*keys) if keys else 0
        if alive < len(keys):  # a process that is gone: forget it
            for token, key in zip(tokens, keys, strict=True):
                if not shared.exists(key):
                    shared.srem(registry, token)
        return len(shared.sunion(keys)) if keys else 0

    def _refresh_loop(self) -> None:
        """Rewrite this process's sets now and then: they expire if the process dies, and
        come back whole after Redis restarts."""
        assert self._shared is not None
        while True:
            try:
                with self._lock, self._shared.pipeline() as pipe:  # no join or leave in between
                    for workshop_id, counter in self._connections.items():
                        if not counter:
                            continue
                        key = self._key(workshop_id, self._token)
                        pipe.delete(key)
                        pipe.sadd(key, *counter)
                        pipe.expire(key, SHARED_TTL_S)
                        pipe.sadd(f"rundabord:presence:{workshop_id}", self._token)
                    pipe.execute()
            except redis.RedisError:
                log.exception("presence: Redis unreachable")
            socketio.sleep(SHARED_REFRESH_S)

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
        """Connected participants, per open step how many have answered, and where the
        workshop asks for stakeholder types, how many joined as each."""
        workshop = db.session.get(Workshop, workshop_id)
        answered: dict[str, int] = {}
        summary: dict[str, Any] = {"connected": self.connected(workshop_id), "answered": answered}
        if workshop is not None:
            counts = {step.id: kind_of(step).answered(db.session, step) for step in workshop.open_steps}
            answered.update((str(step_id), count) for step_id, count in counts.items() if count is not None)
            if workshop.stakeholder_types:
                summary["stakeholders"] = joined_by_type(db.session, workshop)
        return summary


def init_presence(app: Flask) -> None:
    from webapp.extensions_setup import shared_redis  # it imports this module

    app.extensions["rundabord.presence"] = Presence(shared_redis(app))


def presence_changed(workshop_id: int) -> None:
    """From a request or socket handler: tell the workshop's facilitators soon (batched)."""
    current_presence().changed(current_app._get_current_object(), workshop_id)  # type: ignore[attr-defined]


def current_presence() -> Presence:
    """The presence of the running app (each app, and so each test, has its own)."""
    presence: Presence = current_app.extensions["rundabord.presence"]
    return presence
