"""The one place that sends events to socket rooms, so each event has one shape."""

from __future__ import annotations

from typing import Any

from socketio import PubSubManager

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


def participant_room(participant_id: int) -> str:
    """The room of every screen one participant has open (tabs, a second phone)."""
    return f"participant:{participant_id}"


def tell_participant(participant_id: int, skip_sid: str | None = None) -> None:
    """Their own input changed: each of the participant's screens (but `skip_sid`, which
    knows already) fetches it anew. Most phones have one screen, the sender: then nothing
    is sent (known for sure only where this process holds every socket: no message queue)."""
    to = participant_room(participant_id)
    if skip_sid is not None and _only_here(to, skip_sid):
        return
    socketio.emit("own_input_changed", {}, to=to, skip_sid=skip_sid)


def _only_here(room_name: str, sid: str) -> bool:
    """Whether `sid` is the room's one socket, and no other process could hold another."""
    manager = socketio.server.manager  # type: ignore[union-attr]
    if isinstance(manager, PubSubManager):
        return False
    return all(other == sid for other, _eio_sid in manager.get_participants("/", room_name))


def scribe_room(scribe_id: int) -> str:
    """The room of every screen open on one scribe link."""
    return f"scribe:{scribe_id}"


def end_access(reason: str, workshop_id: int | None = None, scribe_id: int | None = None) -> None:
    """Tell open screens that their access has ended ("workshop_deleted": every role of the
    workshop; "link_revoked": one scribe link's screens). Each says why in place of the
    page and stops reconnecting (live.js). Through the message queue, so every worker's
    screens hear it."""
    rooms = [scribe_room(scribe_id)] if scribe_id is not None else []
    if workshop_id is not None:
        rooms += [room(workshop_id, role) for role in Role]
    for name in rooms:
        socketio.emit("access_ended", {"reason": reason}, to=name)
