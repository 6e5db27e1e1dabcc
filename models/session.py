"""The type of session operations take: a plain Session in unit tests, Flask-SQLAlchemy's
scoped session in the app; both behave alike for what the operations do.

Also the hot path's stand-ins for the ORM's own calls: `fetch` for `session.get`,
`add_row` for `add` and `flush`, and `run` for a statement built once. A room of phones
sends hundreds of submissions a minute; each reads its participant, step and workshop
and writes a row, a receipt and the workshop's numbers. The ORM builds a new statement
for every `session.get` and computes its cache key (about 150 µs here), and its unit of
work plans every flush; a statement built once and run through the session costs about
25 µs. What they return is what the ORM would: objects in the session, as if loaded.
"""

from __future__ import annotations

import functools
from typing import Any, TypeVar

from sqlalchemy import Executable, Insert, Result, Select, bindparam, insert, select
from sqlalchemy.orm import Session, make_transient_to_detached, scoped_session
from sqlalchemy.orm.util import identity_key

DbSession = Session | scoped_session[Any]
Model = TypeVar("Model")


def plain_session(session: DbSession) -> Session:
    """The Session itself, for what the scoped proxy does not pass on (get_transaction)."""
    return session() if isinstance(session, scoped_session) else session


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
    instance = mapped(**{key: row._mapping[column] for key, column in attributes})
    make_transient_to_detached(instance)  # as if loaded: no history, nothing to write
    session.add(instance)
    return instance  # type: ignore[no-any-return]


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
    instance = mapped(**row, id=result.inserted_primary_key[0])
    make_transient_to_detached(instance)
    session.add(instance)
    return instance  # type: ignore[no-any-return]


@functools.cache
def _insert(model: type[Any]) -> Insert:
    return insert(model.__table__)
