"""Group commit: submissions that arrive together share one commit (SQLite, one process).

SQLite at `synchronous=FULL` waits for the disk at every commit, and in the one-process
set-up (gevent) the whole event loop waits with it. When a room is told "send your three
words now", many submissions are ready at the same moment. Each is written in the open
batch's transaction, in a savepoint of its own (a refused one is rolled back alone); the
batch commits once, and only then is each acknowledged and its change sent to the
screens. Nothing acknowledged can be lost, as before: what was not committed was not
acknowledged, and the phone's outbox sends it again.

A batch commits as soon as no submission is writing in it or waiting to: a lone
submission waits one turn of the event loop, no more. It stops taking new ones after
`MAX_BATCH` submissions or `MAX_OPEN_S` seconds, so a steady stream cannot hold it open.
What arrives while a batch writes or commits gathers in the next one: a busy room makes
its batches by itself, without a window that every submission would wait for.

Only the submission handlers marked `batched` (`webapp.sockets.handler`) write this way,
and only where `GROUP_COMMIT` is on (SQLite with gevent: `config.py`); everything else
commits on its own, as before. `commit` is what `models.receipts.once` calls either way.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from typing import Any

import gevent
from gevent.event import AsyncResult
from gevent.lock import Semaphore
from sqlalchemy import Connection, Engine
from sqlalchemy.orm import Session

from models.session import DbSession, plain_session

MAX_BATCH = 200
MAX_OPEN_S = 0.05
_BATCH = "rundabord.batch"


class _Batch:
    """One transaction that several submissions write in, committed once."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.transaction = connection.begin()
        self.opened = time.monotonic()
        self.members = 0
        self.writing = 0  # members between their turn and their commit
        self.closed = False  # takes no new members
        self.durable: AsyncResult = AsyncResult()  # set when committed; an exception if not

    @property
    def full(self) -> bool:
        return self.members >= MAX_BATCH or time.monotonic() - self.opened > MAX_OPEN_S


class GroupCommit:
    """The one open batch of a process, and the turn to write in it."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        _savepoints_at_driver(engine)
        self._turn = Semaphore()
        self._queued = 0  # submissions waiting for the turn
        self._batch: _Batch | None = None
        self.commits = 0  # batches committed (for the tests)

    @contextlib.contextmanager
    def writing(self) -> Iterator[Session]:
        """A session for one submission: it writes in the open batch (a new one when none
        is open or it is full), in a savepoint. `commit(session)` ends its turn and waits
        for the batch to be committed; whatever it did not commit is rolled back, and the
        block ends only when the batch is committed."""
        self._queued += 1
        try:
            self._turn.acquire()
        finally:
            self._queued -= 1
        try:
            batch = self._open_batch()
        except BaseException:
            self._turn.release()
            raise
        batch.members += 1
        batch.writing += 1
        session = Session(
            bind=batch.connection, join_transaction_mode="create_savepoint", expire_on_commit=False
        )
        session.info[_BATCH] = (self, batch)
        try:
            yield session
        finally:
            session.close()  # a savepoint still open is rolled back
            if session.info.pop(_BATCH, None) is not None:  # its turn had not ended
                self._end_turn(batch)
            # Whatever the submission answers (a resend's stored acknowledgement may have
            # been written in this very batch) goes out once the batch is committed.
            batch.durable.get()

    def _open_batch(self) -> _Batch:
        batch = self._batch
        if batch is None or batch.closed or batch.full:
            if batch is not None:
                batch.closed = True
            # The pool's one connection: a batch still committing gives it back first.
            batch = self._batch = _Batch(self.engine.connect())
            gevent.spawn(self._commit_when_ready, batch)
        return batch

    def _end_turn(self, batch: _Batch) -> None:
        batch.writing -= 1
        self._turn.release()

    def _commit_when_ready(self, batch: _Batch) -> None:
        """Commit once no member is writing and no submission waits to join (or the batch
        is full), then tell every member."""
        while True:
            gevent.sleep(0)  # every submission ready to run gets its turn first
            if batch.writing == 0 and (self._queued == 0 or batch.full):
                break
        batch.closed = True
        if self._batch is batch:
            self._batch = None
        try:
            batch.transaction.commit()
        except BaseException as error:
            with contextlib.suppress(Exception):
                batch.transaction.rollback()
            batch.durable.set_exception(error)
        else:
            self.commits += 1
            batch.durable.set(True)
        finally:
            batch.connection.close()


def _savepoints_at_driver(engine: Engine) -> None:
    """Each submission in a batch is a savepoint. SQLAlchemy compiles its SAVEPOINT, RELEASE
    and ROLLBACK TO each time (the name changes), about 70 µs a submission; the same SQL is
    sent here to the driver itself (`Dialect.do_savepoint` and its two siblings)."""
    dialect: Any = engine.dialect

    def send(connection: Connection, sql: str) -> None:
        connection.connection.driver_connection.execute(sql)  # type: ignore[union-attr]

    dialect.do_savepoint = lambda connection, name: send(connection, f"SAVEPOINT {name}")
    dialect.do_release_savepoint = lambda connection, name: send(connection, f"RELEASE SAVEPOINT {name}")
    dialect.do_rollback_to_savepoint = lambda connection, name: send(
        connection, f"ROLLBACK TO SAVEPOINT {name}"
    )


def commit(session: DbSession) -> None:
    """Commit a submission: alone, or in its batch, returning once the batch is committed
    (raising what the batch's commit raised)."""
    plain: Any = plain_session(session)
    joined = plain.info.get(_BATCH)
    plain.commit()  # in a batch: releases the submission's savepoint
    if joined is None:
        return
    group, batch = plain.info.pop(_BATCH)
    group._end_turn(batch)
    batch.durable.get()
