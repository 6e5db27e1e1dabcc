"""A simulated phone for tests and benchmarks: joins a workshop over HTTP like a
browser, then submits over Socket.IO with an outbox it resends until acknowledged,
exactly as participant_ui/static/phone.js does (docs/PROTOCOL.md)."""

from __future__ import annotations

import contextlib
import re
import secrets
import threading
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import requests
import socketio

from bench.server import facilitator_and_workshop


class Phone:
    """One participant. `outbox` holds submissions not yet acknowledged."""

    def __init__(self, base_url: str, join_code: str, name: str = "") -> None:
        self.base_url = base_url.rstrip("/")
        self.http = requests.Session()
        page = self.http.get(f"{self.base_url}/j/{join_code}", timeout=10)
        page.raise_for_status()
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page.text)
        csrf = token.group(1) if token else ""
        form = {"display_name": name, "consent": "y" if name else "", "csrf_token": csrf}
        joined = self.http.post(f"{self.base_url}/j/{join_code}", data=form, timeout=10)
        joined.raise_for_status()
        found = re.search(r'data-workshop-id="(\d+)"', joined.text)
        if found is None:
            raise RuntimeError("the join page did not lead to the phone view")
        self.workshop_id = int(found.group(1))
        self.outbox: dict[str, tuple[str, dict[str, Any]]] = {}
        self.acks: dict[str, dict[str, Any]] = {}
        self.tried: set[str] = set()  # ids sent at least once: a later send is marked a resend
        self._lock = threading.Lock()
        self.sio = socketio.Client(reconnection=False)

    def connect(self) -> None:
        cookies = "; ".join(f"{k}={v}" for k, v in self.http.cookies.items())
        self.sio.connect(
            self.base_url,
            headers={"Cookie": cookies},
            auth={"role": "participant", "workshop": self.workshop_id},
            transports=["websocket"],
            wait_timeout=10,
        )

    def reconnect(self) -> None:
        """A fresh connection after the old one died (the browser client does this itself)."""
        with contextlib.suppress(socketio.exceptions.SocketIOError):
            self.sio.disconnect()
        self.sio = socketio.Client(reconnection=False)
        self.connect()

    def submit(self, event: str, payload: dict[str, Any]) -> str:
        """Put a submission in the outbox and try to send it; returns its id."""
        client_id = secrets.token_hex(8)
        with self._lock:
            self.outbox[client_id] = (event, {**payload, "id": client_id})
        self.send(client_id)
        return client_id

    def send(self, client_id: str, timeout: float = 5) -> bool:
        """Send one outbox item; True once acknowledged (then it leaves the outbox)."""
        with self._lock:
            item = self.outbox.get(client_id)
            if item is None:
                return True
            event, payload = item
            if client_id in self.tried:
                payload = {**payload, "resend": True}
            self.tried.add(client_id)
        try:
            ack = self.sio.call(event, payload, timeout=timeout)
        except (socketio.exceptions.TimeoutError, socketio.exceptions.BadNamespaceError):
            return False
        with self._lock:
            self.outbox.pop(client_id, None)
            self.acks[client_id] = ack
        return True

    def flush(self) -> None:
        for client_id in list(self.outbox):
            self.send(client_id)

    def close(self) -> None:
        if self.sio.connected:
            self.sio.disconnect()


def close_all(phones: Iterable[Phone]) -> None:
    """Close many phones at once. Each close waits for the server's answer to its WebSocket
    close frame, up to websocket-client's 3 s, so thirty one after another took 90 s."""
    with ThreadPoolExecutor(max_workers=32) as pool:
        list(pool.map(Phone.close, phones))


def csrf_of(page: requests.Response) -> str:
    found = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page.text)
    return found.group(1) if found else ""


def facilitator_login(base_url: str, email: str, password: str) -> requests.Session:
    """An HTTP session logged in as a facilitator, as the login form does it."""
    http = requests.Session()
    page = http.get(f"{base_url}/f/login", timeout=10)
    form = {"email": email, "password": password, "csrf_token": csrf_of(page)}
    http.post(f"{base_url}/f/login", data=form, timeout=10).raise_for_status()
    return http


def facilitator_socket(base_url: str, http: requests.Session, workshop_id: int) -> socketio.Client:
    """A dashboard's socket for that logged-in session."""
    sio = socketio.Client(reconnection=False)
    cookies = "; ".join(f"{k}={v}" for k, v in http.cookies.items())
    sio.connect(
        base_url,
        headers={"Cookie": cookies},
        auth={"role": "facilitator", "workshop": workshop_id},
        transports=["websocket"],
        wait_timeout=10,
    )
    return sio


def template_workshop(server: Any, title: str) -> dict[str, Any]:
    """On a running `bench.server.ServerProcess`: a facilitator (leda@region.se) and a
    workshop from the Samverkan template. The addresses `create-workshop` prints, with
    `workshop_id`, `steps` (ids in agenda order) and `http` (that facilitator, logged in)."""
    facts: dict[str, Any] = facilitator_and_workshop(server, "leda@region.se", "correct horse battery", title)
    facts["workshop_id"] = int(facts["Dashboard URL"].split("/")[-2])
    facts["http"] = facilitator_login(server.url, "leda@region.se", "correct horse battery")
    editor = facts["http"].get(f"{server.url}/f/workshops/{facts['workshop_id']}", timeout=10).text
    facts["steps"] = [int(i) for i in dict.fromkeys(re.findall(r"/steps/(\d+)", editor))]
    return facts
