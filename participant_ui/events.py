"""What every kind's phone handlers share (the handlers are in `steps/<kind>/events.py`).

Every submission carries an id the phone made; a resent id gets the stored ack
and changes nothing (see `models.receipts`).
"""

from __future__ import annotations

from typing import Any

from flask import request

from models.receipts import Outcome
from webapp.broadcast import broadcast, tell_participant
from webapp.sockets import current_identity


def sent(outcome: Outcome) -> dict[str, Any]:
    """Broadcast what a submission changed (nothing for a resend) and answer the phone."""
    broadcast(outcome.event)
    if outcome.event is not None:
        to_my_other_screens()
    return outcome.ack


def to_my_other_screens() -> None:
    """The sender's other tabs and phones (one participant, one cookie) fetch their own
    input and what they have left anew; the sending tab has its acknowledgement."""
    identity = current_identity()
    if identity.participant_id is not None:
        tell_participant(identity.participant_id, skip_sid=request.sid)  # type: ignore[attr-defined]
