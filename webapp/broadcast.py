"""The one place that sends events to socket rooms, so each event has one shape."""

from __future__ import annotations

from typing import Any

from models.events import Event, Role
from webapp.extensions import socketio


def room(workshop_id: int, role: Role) -> str:
    """The Socket.IO room of one role in one workshop."""
    return f"workshop:{workshop_id}:{role.value}"


def broadcast(event: Event | None) -> None:
    """Send an event to every room whose role may see it. None means nothing changed."""
    if event is None:
        return
    for role in Role:
        message = event.message(role)
        if message is not None:
            socketio.emit(event.name, message, to=room(event.workshop_id, role))


def notify(workshop_id: int, role: Role, name: str, payload: dict[str, Any]) -> None:
    """Send a passing notice (presence, progress) that is not a change of the workshop.

    Notices carry no `prev`, so clients never treat a missed one as a gap.
    """
    socketio.emit(name, payload, to=room(workshop_id, role))
