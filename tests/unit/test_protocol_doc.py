"""docs/PROTOCOL.md names every socket event the server listens to: a handler added
without its line there fails here."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask import Flask

from webapp.extensions import socketio

PROTOCOL = Path(__file__).resolve().parents[2] / "docs" / "PROTOCOL.md"


@pytest.mark.parametrize("app", ["sqlite"], indirect=True)  # the handlers, not the database
def test_every_registered_socket_event_is_documented(app: Flask) -> None:
    documented = set(re.findall(r"^\| `([a-z_]+)` \|", PROTOCOL.read_text(), re.MULTILINE))
    registered = set(socketio.server.handlers["/"]) - {"connect"}  # "Connecting" has its section
    assert registered - documented == set()
