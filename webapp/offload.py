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
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from models.session import DbSession
from webapp.extensions import db
from webapp.extensions_setup import READER

T = TypeVar("T")


def off_the_loop(function: Callable[[DbSession], T], lane: str = "exports") -> T:
    """`function(session)` with an app context of its own and a session of its own, in the
    thread of its `lane`: the word cloud's reading ("clouds") does not wait behind an
    export, nor an export behind it."""
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

    return beside_the_loop(app, run, lane)


def beside_the_loop(app: Flask, function: Callable[[], T], lane: str) -> T:
    """`function()` in the thread of its `lane` under gevent (the calling greenlet waits,
    the loop goes on); in place in tests and scripts. Without an app context or a session:
    for work that touches no database (compressing a file)."""
    if not _under_gevent():
        return function()
    return _thread(app, lane).apply(function)  # type: ignore[no-any-return]


def _under_gevent() -> bool:
    if "gevent.monkey" not in sys.modules:
        return False
    from gevent import monkey

    return bool(monkey.is_module_patched("threading"))


def _thread_engine(app: Flask) -> Engine:
    """The threads' engine. It only reads: on SQLite its transactions take no write lock
    (a lock held by a long export would stop every phone's write on the loop), and a write
    through it fails at once (`query_only`) instead of waiting for the loop's lock."""
    engine: Engine | None = app.extensions.get("rundabord.offload_engine")
    if engine is None:
        engine = create_engine(db.engine.url, poolclass=NullPool, execution_options={READER: True})
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _read_only)
        engine.connect().close()
        app.extensions["rundabord.offload_engine"] = engine
    return engine


def _read_only(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.execute("PRAGMA query_only=ON")


def _thread(app: Flask, lane: str) -> Any:
    """The process's one thread for one lane of work off the loop (a gevent ThreadPool of one)."""
    pools = app.extensions.setdefault("rundabord.offload_threads", {})
    pool = pools.get(lane)
    if pool is None:
        from gevent.threadpool import ThreadPool

        pool = pools[lane] = ThreadPool(1)
    return pool
