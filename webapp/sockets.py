"""Socket.IO connection handling shared by every role.

A client says who it is in the connect `auth` payload; the server checks it
against the session cookie (participants, facilitators), the projector token or a
scribe's link,
puts the connection in its workshop's room for that role and remembers the
identity for the handlers. The handlers live in each kind's package
(`steps/<kind>/events.py`) and in `facilitator.events`, and use the decorators below.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import Flask, Request, current_app, request, session
from flask.sessions import SecureCookieSessionInterface, SessionMixin
from flask_login import current_user
from flask_socketio import ConnectionRefusedError, join_room

from models.clock import now_ms
from models.errors import DomainError, LinkRevoked, PermissionDenied, SlowDown
from models.events import Role
from models.group_commit import GroupCommit
from models.hot_path import fetch
from models.participants import Participant, find_participant
from models.receipts import resent_ack
from models.scribes import Scribe, find_scribe, was_revoked
from models.workshops import Workshop, find_by_projector_token
from readers.snapshots import snapshot
from webapp.broadcast import participant_room, room, scribe_room
from webapp.errors import error_ack
from webapp.extensions import db, socketio
from webapp.extensions_setup import sqlite_in_one_loop
from webapp.loopwatch import current_loopwatch
from webapp.presence import current_presence, presence_changed
from webapp.socket_limits import SocketLimits

IDENTITY_KEY = "socket_identity"
# Phones and scribes are rate-limited (webapp.socket_limits); facilitators, who move many
# cards quickly and are logged in, and the read-only projector are not.
LIMITED_ROLES = frozenset({Role.PARTICIPANT, Role.SCRIBE})


@dataclass(frozen=True)
class Identity:
    """Who is on the other end of one socket connection."""

    role: Role
    workshop_id: int
    participant_id: int | None = None
    scribe_id: int | None = None


class SocketSessionInterface(SecureCookieSessionInterface):
    """Flask's cookie sessions, except on a socket event after the connect.

    Flask-SocketIO runs every event in a request context built from the connection's
    first request, so Flask opens the cookie session again each time (checks its
    signature, decodes it), only for Flask-SocketIO to put the session it keeps for that
    connection in its place (`environ["saved_session"]`, a copy made at the connect).
    That copy is returned at once instead: the same session, without the work.
    """

    # Flask-SocketIO's kept session is a SessionMixin, not a SecureCookieSession.
    def open_session(self, app: Flask, request: Request) -> SessionMixin | None:  # type: ignore[override]
        kept = request.environ.get("saved_session")
        if isinstance(kept, SessionMixin):
            return kept
        return super().open_session(app, request)


def _auth_workshop_id(auth: dict[str, Any]) -> int:
    workshop_id = auth.get("workshop")
    if not isinstance(workshop_id, int) or isinstance(workshop_id, bool):
        raise ConnectionRefusedError("bad_auth")
    return workshop_id


def _identify(auth: Any) -> Identity:
    if not isinstance(auth, dict):
        raise ConnectionRefusedError("bad_auth")
    role = auth.get("role")
    if role == Role.PROJECTOR.value:
        workshop = find_by_projector_token(db.session, str(auth.get("token") or ""))
        if workshop is None:
            raise ConnectionRefusedError("forbidden")
        return Identity(Role.PROJECTOR, workshop.id)
    if role == Role.SCRIBE.value:
        link = str(auth.get("token") or "")
        scribe = find_scribe(db.session, link)
        if scribe is None:
            raise ConnectionRefusedError("link_revoked" if was_revoked(db.session, link) else "forbidden")
        return Identity(Role.SCRIBE, scribe.workshop_id, scribe_id=scribe.id)
    workshop_id = _auth_workshop_id(auth)
    if role == Role.PARTICIPANT.value:
        token = (session.get("participants") or {}).get(str(workshop_id))
        participant = find_participant(db.session, workshop_id, token)
        if participant is None and token and db.session.get(Workshop, workshop_id) is None:
            raise ConnectionRefusedError("workshop_deleted")  # joined it, and it is gone
        if participant is None:
            raise ConnectionRefusedError("not_joined")
        return Identity(Role.PARTICIPANT, workshop_id, participant.id)
    if role == Role.FACILITATOR.value:
        workshop = db.session.get(Workshop, workshop_id)
        if workshop is None or not current_user.is_authenticated or not workshop.is_run_by(current_user.id):
            raise ConnectionRefusedError("forbidden")
        return Identity(Role.FACILITATOR, workshop_id)
    raise ConnectionRefusedError("bad_auth")


@socketio.on("connect")
def on_connect(auth: Any = None) -> None:
    """Any client connects with auth {role, workshop | token}; refused unless it belongs."""
    identity = _identify(auth)
    session[IDENTITY_KEY] = identity
    join_room(room(identity.workshop_id, identity.role))
    if identity.scribe_id is not None:
        join_room(scribe_room(identity.scribe_id))
    if identity.participant_id is not None:
        join_room(participant_room(identity.participant_id))
    if identity.role is Role.FACILITATOR:
        join_room(user_room(current_user.id))
    if identity.participant_id is not None:
        current_presence().join(request.sid, identity.workshop_id, identity.participant_id)  # type: ignore[attr-defined]
        presence_changed(identity.workshop_id)
    db.session.remove()


@socketio.on("disconnect")
def on_disconnect(*_args: Any) -> None:
    workshop_id = current_presence().leave(request.sid)  # type: ignore[attr-defined]
    if workshop_id is not None:
        presence_changed(workshop_id)


def user_room(facilitator_id: int) -> str:
    """The room of every socket a facilitator has open, on any of their workshops."""
    return f"facilitator-user:{facilitator_id}"


def disconnect_user(facilitator_id: int) -> None:
    """Close every socket of this facilitator (at logout): their dashboards stop at once.
    (With several workers, each closes the sockets it holds; see docs on scale-out.)"""
    server = socketio.server
    for sid, _eio_sid in list(server.manager.get_participants("/", user_room(facilitator_id))):  # type: ignore[union-attr]
        server.disconnect(sid, namespace="/")  # type: ignore[union-attr]


def current_identity() -> Identity:
    identity = session.get(IDENTITY_KEY)
    if not isinstance(identity, Identity):
        raise PermissionDenied()
    return identity


def handler(
    *roles: Role, batched: bool = False
) -> Callable[[Callable[..., dict[str, Any]]], Callable[..., dict[str, Any]]]:
    """Wrap a socket handler: only `roles` may call it; domain errors become error acks.

    The wrapped function gets the caller's Identity and the payload (a dict). A phone's
    submission marked `resend: true` that the server has stored already is answered with
    its stored acknowledgement, and the function does not run. `batched`: a submission
    that may share its commit with others arriving together (`models.group_commit`).
    """

    def decorate(function: Callable[..., dict[str, Any]]) -> Callable[..., dict[str, Any]]:
        @functools.wraps(function)
        def wrapper(payload: Any = None) -> dict[str, Any]:
            group = _group_commit() if batched else None
            if group is None:
                return answer(payload)
            with group.writing() as batch_session:
                # A plain Session on the batch's connection (Flask-SQLAlchemy's would pick
                # the engine, not the connection, for each statement).
                db.session.registry.set(batch_session)  # type: ignore[arg-type]
                return answer(payload)

        def answer(payload: Any) -> dict[str, Any]:
            try:
                identity = current_identity()
                if identity.role not in roles:
                    raise PermissionDenied()
                if identity.role in LIMITED_ROLES and not _limits().allow(request.sid, request.remote_addr):  # type: ignore[attr-defined]
                    raise SlowDown()
                if payload is not None and not isinstance(payload, dict):
                    return error_ack(DomainError())
                payload = payload or {}
                if identity.participant_id is not None and payload.get("resend") is True:
                    stored = resent_ack(db.session, identity.participant_id, payload.get("id"))
                    if stored is not None:
                        return stored
                return function(identity, payload)
            except DomainError as error:
                db.session.rollback()
                return error_ack(error)
            finally:
                db.session.remove()

        return wrapper

    return decorate


def _group_commit() -> GroupCommit | None:
    """The process's group commit, where it is on (SQLite, gevent: see config.py)."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    found = app.extensions.get("rundabord.group_commit", False)
    if found is False:
        wanted = app.config["GROUP_COMMIT"] and sqlite_in_one_loop(app)
        found = app.extensions["rundabord.group_commit"] = GroupCommit(db.engine) if wanted else None
    return found  # type: ignore[no-any-return]


def _limits() -> SocketLimits:
    return current_app.extensions["rundabord_socket_limits"]  # type: ignore[no-any-return]


def participant_of(identity: Identity) -> Participant:
    participant = fetch(db.session, Participant, identity.participant_id or 0)
    if participant is None:
        raise PermissionDenied()
    return participant


def facilitated_workshop(identity: Identity) -> Workshop:
    """A facilitator's workshop, checked again: a facilitator removed mid-session loses it."""
    workshop = db.session.get(Workshop, identity.workshop_id)
    if workshop is None or not current_user.is_authenticated or not workshop.is_run_by(current_user.id):
        raise PermissionDenied()
    return workshop


def scribe_of(identity: Identity) -> Scribe:
    """The caller's scribe link, checked again: a revoked link stops working at once."""
    scribe = db.session.get(Scribe, identity.scribe_id) if identity.scribe_id else None
    if scribe is None or scribe.workshop_id != identity.workshop_id:
        raise PermissionDenied()
    if scribe.revoked_at is not None:
        raise LinkRevoked()
    return scribe


@socketio.on("get_snapshot")
@handler(Role.PARTICIPANT, Role.PROJECTOR, Role.FACILITATOR, Role.SCRIBE)
def on_get_snapshot(identity: Identity, _payload: dict[str, Any]) -> dict[str, Any]:
    """Any client asks for the whole state of its workshop, as its role sees it."""
    participant = participant_of(identity) if identity.role is Role.PARTICIPANT else None
    scribe = scribe_of(identity) if identity.role is Role.SCRIBE else None
    data = snapshot(db.session, identity.workshop_id, identity.role, participant, scribe)
    if identity.role is Role.FACILITATOR:
        data["presence"] = current_presence().summary(identity.workshop_id)
    return data


@socketio.on("heartbeat")
def on_heartbeat(_payload: Any = None) -> dict[str, Any]:
    """Any connected client: an immediate ack with the event loop's worst delay since the
    last heartbeat (`loop_lag_ms`), to measure round trips and stalls (bench/wordcloud.py),
    and the server's clock (`now_ms`), so every screen shows a timer's same second."""
    if not isinstance(session.get(IDENTITY_KEY), Identity):
        return {"ok": False}
    return {"ok": True, "loop_lag_ms": current_loopwatch().take(), "now_ms": now_ms()}


__all__ = ["Identity", "handler", "participant_of", "scribe_of"]
