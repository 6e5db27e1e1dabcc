"""Socket.IO on a real server accepts connections only from the app's own origin: a page
on another site cannot open a socket with a phone's cookie (cross-site WebSocket hijacking)."""

from __future__ import annotations

import pytest
import socketio

from bench.phone import Phone
from bench.server import ServerProcess
from tests.fault.conftest import create_workshop

pytestmark = pytest.mark.slow


def test_only_the_apps_own_origin_may_open_a_socket(server: ServerProcess) -> None:
    code = create_workshop(server, "Ursprung")["Join code"]
    phone = Phone(server.url, code, "Kim")
    cookies = "; ".join(f"{k}={v}" for k, v in phone.http.cookies.items())
    auth = {"role": "participant", "workshop": phone.workshop_id}
    for transport in ("websocket", "polling"):
        hostile = socketio.Client(reconnection=False)
        with pytest.raises(socketio.exceptions.ConnectionError):
            hostile.connect(
                server.url,
                headers={"Cookie": cookies, "Origin": "http://elak.example"},
                auth=auth,
                transports=[transport],
                wait_timeout=5,
            )
        own = socketio.Client(reconnection=False)
        # The WebSocket client sends the server's own origin by itself; polling says it.
        same = {} if transport == "websocket" else {"Origin": server.url}
        own.connect(
            server.url,
            headers={"Cookie": cookies, **same},
            auth=auth,
            transports=[transport],
            wait_timeout=5,
        )
        assert own.connected
        own.disconnect()
