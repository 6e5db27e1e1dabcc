"""A phone that loses its connection and is reloaded: what it sent waits in its outbox
(localStorage) across the reload, what it was typing is still in the field, and once
the server is reachable again the card arrives once, never twice."""

from __future__ import annotations

import re
from typing import Any

import pytest

from bench.server import ServerProcess
from tests.browser.conftest import new_page
from tests.browser.test_live_workshop import live_dashboard

pytestmark = [pytest.mark.browser, pytest.mark.slow]
SOCKET = re.compile(r"/socket\.io/\?")  # the live connection, not the client library


def test_the_outbox_survives_a_dropped_connection_and_a_reload(
    browser: Any, server: ServerProcess, workshop: dict[str, str]
) -> None:
    dashboard = live_dashboard(browser, server, workshop, "Förutsättningar")

    phone = new_page(browser, "phone")
    phone.goto(workshop["Join URL"])
    phone.get_by_role("button", name="Delta").click()
    field = phone.get_by_label("Ditt kort")
    field.wait_for()

    # The connection drops and cannot come back (the venue's Wi-Fi lets pages through,
    # not the live connection): the card waits in the outbox.
    phone.route(SOCKET, lambda route: route.abort())
    phone.context.set_offline(True)
    phone.locator("#connection[data-state=offline], #connection[data-state=reconnecting]").wait_for()
    phone.context.set_offline(False)
    field.fill("Kort från telefonen")
    phone.get_by_role("button", name="Skicka").click()
    phone.locator(".entry-sending .entry-text").get_by_text("Kort från telefonen").wait_for()
    field.fill("Ett utkast som inte är skickat")

    # Reloaded while still cut off: the card is still waiting, the draft still typed.
    phone.reload()
    phone.locator(".entry-sending .entry-text").get_by_text("Kort från telefonen").wait_for()
    assert phone.get_by_label("Ditt kort").input_value() == "Ett utkast som inte är skickat"

    # The connection returns: the card is sent, once.
    phone.unroute(SOCKET)
    phone.locator(".entry-sent .entry-text").get_by_text("Kort från telefonen").wait_for(timeout=20000)
    cards = dashboard.locator(".board-card", has_text="Kort från telefonen")
    cards.first.wait_for()
    phone.reload()
    phone.locator(".entry-sent .entry-text").get_by_text("Kort från telefonen").wait_for()
    dashboard.reload()
    dashboard.locator(".board-card", has_text="Kort från telefonen").first.wait_for()
    assert dashboard.locator(".board-card", has_text="Kort från telefonen").count() == 1
    assert phone.get_by_label("Ditt kort").input_value() == "Ett utkast som inte är skickat"
    assert phone.errors == []  # type: ignore[attr-defined]
