"""The type of session operations take: a plain Session in unit tests, Flask-SQLAlchemy's
scoped session in the app; both behave alike for what the operations do. The submission
path's own ways of reading and writing are in `models.hot_path`."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session, scoped_session

DbSession = Session | scoped_session[Any]


def plain_session(session: DbSession) -> Session:
    """The Session itself, for what the scoped proxy does not pass on (get_transaction)."""
    return session() if isinstance(session, scoped_session) else session
