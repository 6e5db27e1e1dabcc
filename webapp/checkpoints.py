"""SQLite's checkpoints off the event loop (the one-process set-up).

With a write-ahead log, SQLite copies the log back into the database file now and then
(a checkpoint). By default the connection that commits does it, every 1,000 pages,
inside that commit: with `synchronous=FULL` it waits for the disk twice, and in the
one-process set-up the whole event loop waits with it, longer as the database grows. The
server's connection checkpoints never; a thread of its own does, every
`CHECKPOINT_EVERY_S`, on its own connection, without waiting for readers or writers
(PASSIVE). A commit is as durable as before: it is in the log, on disk, when it returns.
"""

from __future__ import annotations

import logging
import sqlite3
from typing import Any

import gevent
from flask import Flask
from gevent.monkey import get_original
from sqlalchemy import event

from webapp.extensions import db
from webapp.extensions_setup import sqlite_in_one_loop

log = logging.getLogger(__name__)

CHECKPOINT_EVERY_S = 1.0


def start_checkpoints(app: Flask) -> None:
    """Move the checkpoints of the app's SQLite file to a thread (gevent, SQLite only)."""
    if not sqlite_in_one_loop(app):
        return
    with app.app_context():
        engine = db.engine
    path = engine.url.database
    if not path or path == ":memory:":
        return

    @event.listens_for(engine, "connect")
    def _checkpoint_elsewhere(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute("PRAGMA wal_autocheckpoint=0")

    engine.dispose()  # connections made before (migrations) are made again with it
    gevent.get_hub().threadpool.spawn(_checkpoint_loop, path)


def _checkpoint_loop(path: str) -> None:
    sleep = get_original("time", "sleep")  # this thread's own wait, not the event loop's
    connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    while True:
        sleep(CHECKPOINT_EVERY_S)
        try:
            connection.execute("PRAGMA wal_checkpoint(PASSIVE)")
        except sqlite3.Error:  # busy, say: the next one takes what this one left
            log.exception("checkpoint of %s failed", path)
