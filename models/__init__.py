"""SQLAlchemy models and the domain operations that change them.

Every state change is one function here: it validates, writes, commits and
returns the event to broadcast. Importing this package registers the shared models;
each kind's own (`steps/<kind>/`) are registered with the kind (`steps.registry.kinds`,
which `create_app` calls).
"""

from models import accounts, groups, notes, participants, receipts, scribes, series, workshops  # noqa: F401
