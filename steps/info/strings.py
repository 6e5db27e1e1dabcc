"""What the information kind's scripts say, by screen (`StepKind.strings`)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

FILM = _l("Film: {title}")
STRINGS = {"phone": {"info_film": FILM}, "projector": {"info_film": FILM}}
