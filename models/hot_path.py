"""The hot path: what every submission from a phone runs, built once.

A room of phones sends hundreds of submissions a minute; each reads its participant, step
and workshop and writes a row, a receipt and the workshop's numbers. The ORM builds a new
statement for every `session.get` and computes its cache key (about 150 µs here), and its
unit of work plans every flush; a statement built once and run through the session costs
about 25 µs. So the submission path does not use them:

- `fetch` stands in for `session.get`, `add_row` for `add` and `flush`, and `run` runs a
  statement built once. What they return is what the ORM would: objects in the session,
  as if loaded.
- `prebuilt` marks a function that builds a statement: it is built on first use and kept.
  The shared statements are here (a receipt, the workshop's numbers, how many items a
  participant sent); a kind's own are beside its operations, built the same way
  (`steps.words.words`, `steps.cards.cards`).

`tests/services/test_hot_path.py` holds the path to its budget of statements per word
and per card; `bench/submit_path.py` measures it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy import Executable, Insert, Result, Select, Update, bindparam, func, insert, select, update
from sqlalchemy.orm import make_transient_to_detached
from sqlalchemy.orm.util import identity_key

from models.session import DbSession

Model = TypeVar("Model")
Built = TypeVar("Built")


def prebuilt(build: Callable[[], Built]) -> Callable[[], Built]:
    """A statement built on first use and kept (SQLAlchemy caches its compiled form)."""
    return functools.cache(build)


def run(session: DbSession, statement: Executable, params: dict[str, Any]) -> Result[Any]:
    """Run a statement built once. The session first writes what it holds, as the ORM's
    own queries do (autoflush), so the statement sees every change made before it."""
    if session.autoflush:
        session.flush()
    return session.execute(statement, params)


@functools.cache
def _row_by_id(model: type[Any], lock: bool) -> tuple[Select[Any], tuple[tuple[str, str], ...]]:
    """The statement reading one row of `model`'s table by id (built once), and each
    column's attribute name beside its label in the row."""
    table = model.__table__
    attributes = tuple((prop.key, prop.columns[0].key) for prop in model.__mapper__.column_attrs)
    query = select(*(table.c[column] for _key, column in attributes)).where(table.c.id == bindparam("id"))
    if lock:
        # FOR NO KEY UPDATE on PostgreSQL (see models.events.lock_workshop); nothing on SQLite.
        query = query.with_for_update(key_share=True)
    return query, attributes


def fetch(session: DbSession, model: type[Model], id_: int, lock: bool = False) -> Model | None:
    """`session.get(model, id_)`, with a statement built once: the object the session holds
    already, or one made from the row and added to the session as if the ORM had loaded it
    (columns only; relationships load when first used). With `lock` the row is read FOR
    NO KEY UPDATE, and an object the session held already is read again."""
    held = session.identity_map.get(identity_key(model, id_))
    if held is not None:
        if not lock:
            return held  # type: ignore[no-any-return]
        return session.get(model, id_, with_for_update={"key_share": True}, populate_existing=True)
    mapped: Any = model  # a declarative class (Flask-SQLAlchemy's Model is untyped)
    query, attributes = _row_by_id(mapped, lock)
    row = run(session, query, {"id": id_}).first()
    if row is None:
        return None
    mapping = row._mapping
    instance = _as_loaded(mapped, {key: mapping[column] for key, column in attributes})
    session.add(instance)
    return instance  # type: ignore[no-any-return]


def _as_loaded(model: Any, values: dict[str, Any]) -> Any:
    """An instance of `model` holding `values` as if the ORM had loaded them (no history,
    nothing to write): made without the constructor, whose instrumented setting of each
    attribute costs more than reading the row."""
    instance = model._sa_class_manager.new_instance()
    instance.__dict__.update(values)
    make_transient_to_detached(instance)
    return instance


def add_row(session: DbSession, model: type[Model], **values: Any) -> Model:
    """`session.add` and `flush` of one new `model`, without the unit of work's cost: the row
    is inserted with every column given (the columns' defaults filling the rest) and the
    object joins the session as if loaded, its id set."""
    mapped: Any = model  # a declarative class (Flask-SQLAlchemy's Model is untyped)
    row = dict(values)
    for prop in mapped.__mapper__.column_attrs:
        column = prop.columns[0]
        if prop.key in row or column.primary_key:
            continue
        default = column.default
        if default is not None and (default.is_scalar or default.is_callable):
            row[prop.key] = default.arg(None) if default.is_callable else default.arg
        elif default is None and column.server_default is None:
            row[prop.key] = None
        # else (a server default, a SQL expression, a sequence) the database fills it in,
        # and the object reads it when first asked
    result: Any = run(session, _insert(mapped), row)  # a CursorResult
    instance = _as_loaded(mapped, {**row, "id": result.inserted_primary_key[0]})
    session.add(instance)
    return instance  # type: ignore[no-any-return]


@functools.cache
def _insert(model: type[Any]) -> Insert:
    return insert(model.__table__)


# --- The shared statements ---------------------------------------------------------------


@functools.cache
def sent_count(table: Any) -> Select[tuple[int]]:
    """How many items in `table` (words, cards, tracks) a participant sent in a step, not
    withdrawn (a card a facilitator split off one of theirs is not one they sent)."""
    query = select(func.count(table.c.id)).where(
        table.c.step_id == bindparam("step_id"),
        table.c.participant_id == bindparam("participant_id"),
        table.c.withdrawn_at.is_(None),
    )
    return query.where(table.c.split_from_id.is_(None)) if "split_from_id" in table.c else query


@prebuilt
def stored_ack() -> Select[Any]:
    """The acknowledgement stored for a participant's submission id."""
    from models.receipts import Receipt

    receipts = Receipt.__table__
    return select(receipts.c.ack).where(
        receipts.c.participant_id == bindparam("participant_id"),
        receipts.c.client_id == bindparam("client_id"),
    )


@prebuilt
def store_receipt() -> Insert:
    from models.receipts import Receipt

    return insert(Receipt.__table__)


@prebuilt
def advance_workshop() -> Update:
    """The workshop's numbers (`models.events.next_seq`): SET what is given."""
    from models.workshops import Workshop

    workshops = Workshop.__table__
    return update(workshops).where(workshops.c.id == bindparam("workshop_id"))
