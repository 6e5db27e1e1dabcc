"""The hot path: what every submission from a phone runs, built once.

A room of phones sends hundreds of submissions a minute; each reads its participant, step
and workshop and writes a row, a receipt and the workshop's numbers. The ORM builds a new
statement for every `session.get` and computes its cache key (about 150 µs here), and its
unit of work plans every flush; a statement built once and run through the session costs
about 25 µs, and the same statement sent to the driver itself about 10. So the submission
path does not use them, and sends its statements at the driver level; the models still
define the tables, and every statement is SQLAlchemy's, compiled once per dialect:

- `fetch` stands in for `session.get`, `add_row` (`insert_row` for a table without a
  model of its own) for `add` and `flush`, and `run` runs a statement built once, in the
  session's transaction, through the driver's cursor. What they return is what the ORM
  would: objects in the session, as if loaded; rows converted as SQLAlchemy converts them.
- `prebuilt` marks a function that builds a statement: it is built on first use and kept.
  The shared statements are here (a receipt's acknowledgement, the workshop's numbers,
  how many items a participant sent); a kind's own are beside its operations, built the same way
  (`steps.words.words`, `steps.cards.cards`).

`tests/services/test_hot_path.py` holds the path to its budget of statements per word
and per card; `bench/submit_path.py` measures it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import (
    Connection,
    Executable,
    Insert,
    Result,
    Select,
    Update,
    bindparam,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, make_transient_to_detached
from sqlalchemy.orm.util import identity_key

from models.session import DbSession, plain_session

Model = TypeVar("Model")
Built = TypeVar("Built")


def prebuilt(build: Callable[[], Built]) -> Callable[[], Built]:
    """A statement built on first use and kept (SQLAlchemy caches its compiled form)."""
    return functools.cache(build)


class Rows:
    """What a statement run at the driver level returns: its rows, read at once and converted
    as SQLAlchemy would (dates, JSON)."""

    __slots__ = ("rows",)

    def __init__(self, rows: list[tuple[Any, ...]]) -> None:
        self.rows = rows

    def first(self) -> tuple[Any, ...] | None:
        return self.rows[0] if self.rows else None

    def scalar(self) -> Any:
        return self.rows[0][0] if self.rows else None

    def __iter__(self) -> Iterator[tuple[Any, ...]]:
        return iter(self.rows)


@dataclass(frozen=True)
class _Driven:
    """A statement compiled once for one dialect: its SQL, its parameters in the driver's
    order with their conversions, the values it carries itself, its columns' conversions."""

    sql: str
    names: tuple[str, ...] | None  # positional parameters in order; None: by name
    convert_in: tuple[tuple[str, Callable[[Any], Any]], ...]
    fixed: dict[str, Any]
    convert_out: tuple[Callable[[Any], Any] | None, ...]
    returns_rows: bool


_DRIVEN: dict[tuple[int, str, frozenset[str] | None], tuple[Executable, _Driven | None]] = {}


def _driven(statement: Executable, dialect: Any, keys: frozenset[str] | None) -> _Driven | None:
    """The statement compiled for the driver, once; None for one the driver cannot run as it
    is (an expanding IN renders anew for each call): that one goes through the session."""
    cache_key = (id(statement), dialect.name, keys)
    found = _DRIVEN.get(cache_key)
    if found is not None and found[0] is statement:
        return found[1]
    clause: Any = statement  # every statement run here is a ClauseElement
    compiled: Any = clause.compile(dialect=dialect, column_keys=sorted(keys) if keys else None)
    binds = compiled.binds
    driven: _Driven | None = None
    if not any(b.expanding or b.literal_execute for b in binds.values()):
        converters = []
        for name, bind in binds.items():
            convert = bind.type.dialect_impl(dialect).bind_processor(dialect)
            if convert is not None:
                converters.append((name, convert))
        columns = tuple(getattr(statement, "exported_columns", ()))  # selected, or RETURNING
        driven = _Driven(
            sql=compiled.string,
            names=tuple(compiled.positiontup) if compiled.positional else None,
            convert_in=tuple(converters),
            fixed={name: b.effective_value for name, b in binds.items() if not b.required},
            convert_out=tuple(c.type.dialect_impl(dialect).result_processor(dialect, None) for c in columns),
            returns_rows=bool(columns),
        )
    _DRIVEN[cache_key] = (statement, driven)
    return driven


def _driver(session: Session) -> tuple[Connection, Any]:
    """The session's connection and its driver's own, in the session's transaction (begun
    if it was not: BEGIN IMMEDIATE on SQLite, a savepoint in a group commit's batch); kept
    for the transaction."""
    transaction = session.get_transaction()
    held = session.info.get(_DRIVER)
    if held is not None and transaction is not None and held[0] is transaction:
        return held[1], held[2]
    connection = session.connection()
    raw = connection.connection.driver_connection
    session.info[_DRIVER] = (session.get_transaction(), connection, raw)
    return connection, raw


_DRIVER = "rundabord.hot_path.driver"


def run(session: DbSession, statement: Executable, params: dict[str, Any]) -> Rows | Result[Any]:
    """Run a statement built once, at the driver level: the SQL compiled once per dialect,
    the driver's cursor, without the session's and the engine's work for each statement
    (about 20 µs of a submission's 10 statements each). The session first writes what it
    holds, as the ORM's own queries do (autoflush), so the statement sees every change made
    before it. Listeners of the engine's `before_cursor_execute` still see each statement
    (the tests' statement budgets); an error of the driver is SQLAlchemy's (IntegrityError)."""
    plain = plain_session(session)
    if plain.autoflush and (plain.new or plain.dirty or plain.deleted):
        plain.flush()
    connection, raw = _driver(plain)
    dialect = connection.dialect
    keys = frozenset(params) if isinstance(statement, Insert | Update) else None
    driven = _driven(statement, dialect, keys)
    if driven is None:
        return plain.execute(statement, params)
    values = {**driven.fixed, **params} if driven.fixed else dict(params)
    for name, convert in driven.convert_in:
        values[name] = convert(values[name])
    arguments: Any = tuple(values[name] for name in driven.names) if driven.names is not None else values
    cursor = raw.cursor()
    listeners = connection.engine.dispatch.before_cursor_execute
    for listener in listeners:
        listener(connection, cursor, driven.sql, arguments, None, False)
    try:
        cursor.execute(driven.sql, arguments)
        rows = cursor.fetchall() if driven.returns_rows else []
    except dialect.loaded_dbapi.Error as error:
        raise DBAPIError.instance(driven.sql, arguments, error, dialect.loaded_dbapi.Error) from error
    finally:
        cursor.close()
    out = driven.convert_out
    if any(out):
        rows = [tuple(v if c is None else c(v) for v, c in zip(row, out, strict=True)) for row in rows]
    return Rows(rows)


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
    instance = _as_loaded(mapped, {key: value for (key, _column), value in zip(attributes, row, strict=True)})
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
    row, id_ = insert_row(session, mapped.__table__, values)
    instance = _as_loaded(mapped, {**row, "id": id_})
    session.add(instance)
    return instance  # type: ignore[no-any-return]


def insert_row(session: DbSession, table: Any, values: dict[str, Any]) -> tuple[dict[str, Any], Any]:
    """Insert one row of `table` at the driver level: `values`, and each other column's
    default as SQLAlchemy would fill it in. Returns the row as written and its new id."""
    row = dict(values)
    for column in table.columns:
        if column.key in row or column.primary_key:
            continue
        default = column.default
        if default is not None and (default.is_scalar or default.is_callable):
            row[column.key] = default.arg(None) if default.is_callable else default.arg
        elif default is None and column.server_default is None:
            row[column.key] = None
        # else (a server default, a SQL expression, a sequence) the database fills it in,
        # and the object reads it when first asked
    result = run(session, _insert(table), row)
    return row, result.scalar()


@functools.cache
def _insert(table: Any) -> Insert:
    """An insert returning the new row's id (SQLite from 3.35, PostgreSQL)."""
    return insert(table).returning(table.c.id)


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
def advance_workshop() -> Update:
    """The workshop's numbers (`models.events.next_seq`): SET what is given."""
    from models.workshops import Workshop

    workshops = Workshop.__table__
    return update(workshops).where(workshops.c.id == bindparam("workshop_id"))
