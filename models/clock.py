"""Time in one place, so every stored time is UTC and naive in the same way."""

from __future__ import annotations

import datetime as dt
import time


def utcnow() -> dt.datetime:
    """The current UTC time without tzinfo (both SQLite and PostgreSQL store it alike)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def now_ms() -> int:
    """Milliseconds since the epoch: the clock every screen's timer is set against."""
    return int(time.time() * 1000)
