"""The SQL statements a piece of code sends, for tests that hold a path to a budget."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event

from webapp.extensions import db


@contextmanager
def statements() -> Iterator[list[str]]:
    """The SQL statements sent meanwhile, as "VERB table" (BEGIN left out: SQLite sends it,
    PostgreSQL not)."""
    sent: list[str] = []

    def record(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        if not statement.startswith("BEGIN"):
            table = re.search(r"\b(?:INTO|UPDATE|FROM)\s+(\w+)", statement)
            sent.append(f"{statement.split()[0]} {table.group(1) if table else ''}")

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield sent
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
