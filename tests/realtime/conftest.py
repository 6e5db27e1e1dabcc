"""Fixtures for the Socket.IO tests: a workshop's plain facts and one client per role."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask_socketio import SocketIOTestClient

from models.scribes import invite_scribe
from models.workshops import Workshop
from tests.conftest import AuthActions, join
from webapp.extensions import db, socketio
from webapp.socket_limits import SocketLimits


@dataclass(frozen=True)
class Facts:
    """Plain facts of the workshop: socket handlers end the test's session, detaching models."""

    id: int
    code: str
    token: str
    step_ids: list[int]


@pytest.fixture
def facts(workshop: Workshop) -> Facts:
    return Facts(workshop.id, workshop.join_code, workshop.projector_token, [s.id for s in workshop.steps])


class Clock:
    """Time that passes only when a test says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def limits_standing_still(app: Flask) -> int:
    """Give the app rate limits of its settings whose buckets start full and do not refill
    (a test that floods counts exactly, however slow its database); their burst."""
    limits = app.extensions["rundabord_socket_limits"]
    app.extensions["rundabord_socket_limits"] = SocketLimits(limits.per_client, limits.per_address, Clock())
    return int(limits.per_client[1])


def connect(app: Flask, client: FlaskClient, auth: dict[str, Any]) -> SocketIOTestClient:
    return socketio.test_client(app, flask_test_client=client, auth=auth)


@pytest.fixture
def phone(app: Flask, workshop: Workshop, facts: Facts) -> SocketIOTestClient:
    client = app.test_client()
    join(client, workshop, "Kim")
    sock = connect(app, client, {"role": "participant", "workshop": facts.id})
    assert sock.is_connected()
    return sock


@pytest.fixture
def projector(app: Flask, facts: Facts) -> SocketIOTestClient:
    sock = connect(app, app.test_client(), {"role": "projector", "token": facts.token})
    assert sock.is_connected()
    return sock


@pytest.fixture
def scribe_token(workshop: Workshop) -> str:
    return invite_scribe(db.session, workshop, "Sam").token


@pytest.fixture
def scribe(app: Flask, scribe_token: str) -> SocketIOTestClient:
    sock = connect(app, app.test_client(), {"role": "scribe", "token": scribe_token})
    assert sock.is_connected()
    return sock


@pytest.fixture
def dashboard(app: Flask, facts: Facts) -> SocketIOTestClient:
    client = app.test_client()
    AuthActions(client).login()
    sock = connect(app, client, {"role": "facilitator", "workshop": facts.id})
    assert sock.is_connected()
    return sock


def events(sock: SocketIOTestClient, name: str) -> list[dict[str, Any]]:
    return [e["args"][0] for e in sock.get_received() if e["name"] == name]


def open_words(dashboard: SocketIOTestClient, facts: Facts) -> int:
    step_id = facts.step_ids[0]
    assert dashboard.emit("open_step", {"step_id": step_id}, callback=True) == {"ok": True}
    return step_id
