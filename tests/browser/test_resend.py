"""A card whose answer never came is sent again, marked as a resend, and stored once.

The server is frozen (SIGSTOP) while the phone sends, so the card reaches it but the
answer does not come back in time; the phone waits, sends again with `resend: true`,
and once the server runs again the card is on the dashboard once."""

from __future__ import annotations

import json
import os
import re
import signal
import time
from typing import Any

import pytest

from bench.server import ServerProcess
from tests.browser.conftest import new_page
from tests.browser.test_live_workshop import live_dashboard

pytestmark = [pytest.mark.browser, pytest.mark.slow]
ACK_WAIT_S = 8  # phone.js waits this long for an answer (RESEND_MS * 2), then 4 s more


def submissions(frames: list[str]) -> list[dict[str, Any]]:
    """The submit_card payloads among the Socket.IO frames the phone sent."""
    found = []
    for frame in frames:
        match = re.match(r"^42\d*(\[.*)$", frame)
        if match:
            name, *args = json.loads(match.group(1))
            if name == "submit_card":
                found.append(args[0])
    return found


def test_an_unanswered_card_is_resent_marked_and_stored_once(
    browser: Any, server: ServerProcess, workshop: dict[str, str]
) -> None:
    dashboard = live_dashboard(browser, server, workshop, "Förutsättningar")

    phone = new_page(browser, "phone")
    sent: list[str] = []
    phone.on("websocket", lambda ws: ws.on("framesent", lambda frame: sent.append(str(frame))))
    phone.goto(workshop["Join URL"])
    phone.get_by_role("button", name="Delta").click()
    field = phone.get_by_label("Ditt kort")
    field.wait_for()
    phone.locator("#connection[data-state=connected]").wait_for()
    # Socket.IO connects by long-polling and then upgrades: the frames are watched on the
    # websocket, so the upgrade ("5") must be done before the card is sent.
    deadline = time.monotonic() + 20
    while "5" not in sent and time.monotonic() < deadline:
        phone.wait_for_timeout(100)
    assert "5" in sent, "the phone's connection never upgraded to a websocket"

    assert server.process is not None
    os.kill(server.process.pid, signal.SIGSTOP)  # the card gets there; no answer comes back
    try:
        field.fill("Kort som väntar på svar")
        phone.get_by_role("button", name="Skicka").click()
        deadline = time.monotonic() + ACK_WAIT_S + 10
        while len(submissions(sent)) < 2 and time.monotonic() < deadline:
            phone.wait_for_timeout(250)
    finally:
        os.kill(server.process.pid, signal.SIGCONT)
    first, again = submissions(sent)[:2]
    assert "resend" not in first and again.get("resend") is True and again["id"] == first["id"]

    phone.locator(".entry-sent .entry-text").get_by_text("Kort som väntar på svar").wait_for(timeout=20000)
    dashboard.reload()
    dashboard.locator(".board-card", has_text="Kort som väntar på svar").first.wait_for()
    assert dashboard.locator(".board-card", has_text="Kort som väntar på svar").count() == 1
    assert phone.errors == []  # type: ignore[attr-defined]
