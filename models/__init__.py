"""SQLAlchemy models and the domain operations that change them.

Every state change is one function here: it validates, writes, commits and
returns the event to broadcast. Importing this package registers every model.
"""

from models import (  # noqa: F401
    accounts,
    cards,
    clouds,
    groups,
    notes,
    participants,
    receipts,
    scribes,
    series,
    tracks,
    words,
    workshops,
)
