"""CPU-heavy work for a request (writing an export) in a real OS thread, so the server's
event loop keeps answering phones meanwhile: gevent's thread pool when the server runs
under gevent; in tests and scripts, simply in place.

Under gevent a lock taken in a native thread is gevent's lock, and waiting on one across
threads can hang (gevent#2013, gevent#1744): seen here as an export whose poll waited for
ever on the one SQLite connection, and as two exports each waiting for the other on
SQLAlchemy's first-connect lock. So the work runs in one thread of its own, one call at a
time (exports are CPU-bound under the GIL: a second thread would not make them faster),
and reads through an engine of its own, never through the app's pool; the engine's first
connection is made on the loop, where its one-time set-up takes its lock."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any, TypeVar

from flask import Flask, current_app
from sqlalchemy import Engine, create_engine
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from models.session import DbSession
from webapp.extensions import db

T = TypeVar("T")


def off_the_loop(function: Callable[[DbSession], T]) -> T:
    """`function(session)` with an app context of its own and a session of its own."""
    app: Flask = current_app._get_current_object()  # type: ignore[attr-defined]
    if not _under_gevent():
        try:
            return function(db.session)
        finally:
            db.session.remove()
    engine = _thread_engine(app)

    def run() -> T:
        with app.app_context(), Session(engine) as session:
            return function(session)

    return _thread(app).apply(run)  # type: ignore[no-any-return]


def _under_gevent() -> bool:
    if "gevent.monkey" not in sys.modules:
        return False
    from gevent import monkey

    return bool(monkey.is_module_patched("threading"))


def _thread_engine(app: Flask) -> Engine:
    engine: Engine | None = app.extensions.get("rundabord.offload_engine")
    if engine is None:
        engine = create_engine(db.engine.url, poolclass=NullPool)
        engine.connect().close()
        app.extensions["rundabord.offload_engine"] = engine
    return engine


def _thread(app: Flask) -> Any:
    """The process's one thread for work off the loop (a gevent ThreadPool of one)."""
    pool = app.extensions.get("rundabord.offload_thread")
    if pool is None:
        from gevent.threadpool import ThreadPool

        pool = app.extensions["rundabord.offload_thread"] = ThreadPool(1)
    return pool
