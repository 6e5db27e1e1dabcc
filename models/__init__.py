"""SQLAlchemy models and the domain operations that change them.

Every state change is one function here: it validates, writes, commits and
returns the event to broadcast. Importing this package registers every model.
"""

from models import accounts, groups, notes, participants, receipts, scribes, series, workshops  # noqa: F401
from steps.cards import cards  # noqa: F401
from steps.tracks import tracks  # noqa: F401
from steps.words import clouds, words  # noqa: F401
