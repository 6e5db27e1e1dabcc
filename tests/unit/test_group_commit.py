"""Group commit (models.group_commit): submissions that arrive together share one commit,
each is rolled back alone when refused, and none returns before its batch is committed.
Greenlets here stand for the submissions a gevent server handles at once."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import gevent
import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.exc import IntegrityError

import webapp.extensions_setup  # noqa: F401 -- SQLite as the app sets it up: WAL, BEGIN IMMEDIATE
from models.group_commit import GroupCommit, commit


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = create_engine(f"sqlite:///{tmp_path / 'batch.db'}", pool_size=1, max_overflow=0)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE parents (id INTEGER PRIMARY KEY)"))
        parent = "parent_id INTEGER REFERENCES parents(id)"
        conn.execute(text(f"CREATE TABLE rows (id INTEGER PRIMARY KEY, txt TEXT UNIQUE, {parent})"))
    yield engine
    engine.dispose()


def stored(engine: Engine) -> list[str]:
    """What another reader of the file sees: only what was committed."""
    with sqlite3.connect(engine.url.database or "") as conn:
        return sorted(row[0] for row in conn.execute("SELECT txt FROM rows"))


def submit(group: GroupCommit, txt: str, seen: dict[str, list[str]] | None = None) -> str:
    with group.writing() as session:
        session.execute(text("INSERT INTO rows (txt) VALUES (:txt)"), {"txt": txt})
        commit(session)
        if seen is not None:  # what the phone's acknowledgement would rest on
            seen[txt] = stored(group.engine)
    return txt


def test_submissions_arriving_together_share_one_commit_and_return_after_it(engine: Engine) -> None:
    group = GroupCommit(engine)
    seen: dict[str, list[str]] = {}
    writers = [gevent.spawn(submit, group, f"ord {n}", seen) for n in range(10)]
    gevent.joinall(writers, raise_error=True)
    assert group.commits == 1
    assert stored(engine) == sorted(f"ord {n}" for n in range(10))
    # Each returned (and would have been acknowledged) with every one of its batch stored.
    assert all(len(rows) == 10 for rows in seen.values())


def test_a_lone_submission_commits_at_once(engine: Engine) -> None:
    group = GroupCommit(engine)
    submit(group, "först")
    assert stored(engine) == ["först"]
    submit(group, "sedan")
    assert group.commits == 2


def test_a_refused_submission_is_rolled_back_alone(engine: Engine) -> None:
    group = GroupCommit(engine)
    submit(group, "samma")
    writers = [gevent.spawn(submit, group, txt) for txt in ("ett", "samma", "två")]
    gevent.joinall(writers)
    assert isinstance(writers[1].exception, IntegrityError)
    assert [w.value for w in (writers[0], writers[2])] == ["ett", "två"]
    assert stored(engine) == ["ett", "samma", "två"]


def test_when_the_batch_cannot_commit_no_submission_of_it_returns(engine: Engine) -> None:
    group = GroupCommit(engine)

    def broken() -> None:  # a row the commit itself refuses (its foreign key, checked at commit)
        with group.writing() as session:
            session.execute(text("PRAGMA defer_foreign_keys = ON"))
            session.execute(text("INSERT INTO rows (txt, parent_id) VALUES ('trasig', 99)"))
            commit(session)

    writers = [gevent.spawn(submit, group, "ett"), gevent.spawn(broken), gevent.spawn(submit, group, "två")]
    gevent.joinall(writers)
    assert all(isinstance(w.exception, IntegrityError) for w in writers)
    assert stored(engine) == []
    submit(group, "igen")  # the next batch goes on
    assert stored(engine) == ["igen"]


def test_a_submission_that_does_not_commit_still_waits_for_its_batch(engine: Engine) -> None:
    """A resend answered from a receipt written in the same batch must not be answered
    before that batch is committed."""
    group = GroupCommit(engine)
    seen: list[list[str]] = []

    def answered_from_receipt() -> None:
        with group.writing() as session:
            session.execute(text("SELECT count(*) FROM rows")).scalar_one()
        seen.append(stored(engine))

    writers = [gevent.spawn(submit, group, "ett"), gevent.spawn(answered_from_receipt)]
    gevent.joinall(writers, raise_error=True)
    assert seen == [["ett"]]
