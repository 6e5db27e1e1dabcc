"""Rate limits on socket events: a token bucket per phone (its connection) and one per
address. A phone that floods is slowed and told so (`slow_down`; its outbox sends again
shortly), while everyone else goes on. A venue's phones may all share one address behind
its router, so the address limit is generous: it only stops one machine posing as a room.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from flask import Flask

FORGET_AFTER_S = 120.0


@dataclass
class _Bucket:
    tokens: float
    updated: float


class SocketLimits:
    def __init__(
        self,
        per_client: tuple[float, float],
        per_address: tuple[float, float],
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.per_client = per_client  # (events per second, burst)
        self.per_address = per_address
        self.clock = clock  # seconds; the tests' own clock stands still or moves when told
        self._buckets: dict[str, _Bucket] = {}
        self._lock = threading.Lock()
        self._pruned = clock()

    def allow(self, client: str, address: str | None) -> bool:
        """Take one event from the client's bucket and the address's; False when either is empty."""
        now = self.clock()
        with self._lock:
            if now - self._pruned > FORGET_AFTER_S:
                self._prune(now)
            keys = [(f"c:{client}", self.per_client)]
            if address:
                keys.append((f"a:{address}", self.per_address))
            buckets = [(self._fill(key, limit, now), limit) for key, limit in keys]
            if any(bucket.tokens < 1 for bucket, _ in buckets):
                return False
            for bucket, _ in buckets:
                bucket.tokens -= 1
            return True

    def _fill(self, key: str, limit: tuple[float, float], now: float) -> _Bucket:
        rate, burst = limit
        bucket = self._buckets.get(key)
        if bucket is None:
            bucket = self._buckets[key] = _Bucket(burst, now)
        bucket.tokens = min(burst, bucket.tokens + (now - bucket.updated) * rate)
        bucket.updated = now
        return bucket

    def _prune(self, now: float) -> None:
        self._pruned = now
        for key, bucket in list(self._buckets.items()):
            if now - bucket.updated > FORGET_AFTER_S:
                del self._buckets[key]


def register_socket_limits(app: Flask) -> None:
    app.extensions["rundabord_socket_limits"] = SocketLimits(
        (app.config["SOCKET_EVENTS_PER_SECOND"], app.config["SOCKET_EVENT_BURST"]),
        (app.config["SOCKET_ADDRESS_EVENTS_PER_SECOND"], app.config["SOCKET_ADDRESS_EVENT_BURST"]),
    )
