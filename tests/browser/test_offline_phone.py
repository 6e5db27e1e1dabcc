"""A phone reloaded while the server cannot be reached at all: the service worker
serves the phone page and its scripts from the phone's cache, so the page shows what
was sent, what waits in the outbox, and what was being typed; when the server is back
the waiting word is sent, once."""

from __future__ import annotations

from typing import Any

import pytest

from bench.phone import facilitator_login, facilitator_socket, template_workshop
from bench.server import ServerProcess
from tests.browser.conftest import new_page

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_a_reload_without_network_shows_the_page_and_sends_the_outbox_later(
    browser: Any, server: ServerProcess
) -> None:
    facts = template_workshop(server, "Samverkan")
    workshop_id = facts["workshop_id"]
    sio = facilitator_socket(server.url, facts["http"], workshop_id)
    assert sio.call("open_step", {"step_id": facts["steps"][0]}, timeout=10)["ok"]
    sio.disconnect()

    phone = new_page(browser, "phone", service_workers="allow")
    phone.goto(facts["Join URL"])
    phone.get_by_role("button", name="Delta").click()
    field = phone.get_by_label("Ditt ord eller korta uttryck")
    field.fill("Tillit")
    phone.get_by_role("button", name="Skicka").click()
    phone.locator(".entry-sent", has_text="Tillit").wait_for()
    phone.wait_for_function("navigator.serviceWorker.controller !== null")
    phone.wait_for_function(
        """async () => {
          const cache = await caches.open('rundabord-phone-v1');
          const paths = (await cache.keys()).map((r) => new URL(r.url).pathname);
          // Every script the page loaded, not only one of them: a module missing from the
          // cache stops the whole page when it is reloaded offline.
          const scripts = performance.getEntriesByType('resource')
            .map((e) => new URL(e.name))
            .filter((u) => u.origin === location.origin && u.pathname.endsWith('.js'))
            .map((u) => u.pathname);
          return paths.some((p) => p.startsWith('/j/')) && scripts.length > 0
            && scripts.every((p) => paths.includes(p));
        }"""
    )

    # The server is gone (the laptop's lid closed): a word waits, another is being typed.
    server.stop()
    phone.locator("#connection[data-state=offline], #connection[data-state=reconnecting]").wait_for()
    field.fill("Förtroende")
    phone.get_by_role("button", name="Skicka").click()
    phone.locator(".entry-sending", has_text="Förtroende").wait_for()
    field.fill("Ett utkast")

    # Reloaded with nothing to answer it: the page comes from the phone's cache.
    phone.reload()
    phone.locator(".entry-sent", has_text="Tillit").wait_for()
    phone.locator(".entry-sending", has_text="Förtroende").wait_for()
    assert phone.get_by_label("Ditt ord eller korta uttryck").input_value() == "Ett utkast"

    # The server is back: the waiting word goes, and is stored once.
    server.start()
    phone.locator(".entry-sent", has_text="Förtroende").wait_for(timeout=30_000)
    http = facilitator_login(server.url, "leda@region.se", "correct horse battery")
    steps = http.get(f"{server.url}/f/workshops/{workshop_id}/export/words.json", timeout=10).json()["steps"]
    entries = [entry for step in steps for word in step["words"] for entry in word["entries"]]
    assert sorted(entries) == ["Förtroende", "Tillit"]
