"""The phone for anyone in the room: a small first load, touch targets of 44 px, no
sideways scrolling at 320 px or with the text at twice its size, voting by keyboard
alone, an old Android phone and an iPhone (Playwright's device emulation), a slow
network, reduced motion, and a reload with the network gone (the service worker)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from bench.phone import Phone, facilitator_socket, template_workshop
from bench.server import ServerProcess
from content.templates import SAMVERKAN
from tests.browser.conftest import OVERFLOW, WIDE, axe_violations, new_page

pytestmark = [pytest.mark.browser, pytest.mark.slow]
FIRST_LOAD_LIMIT = 60 * 1024  # bytes on the wire, compressed
# Everything a finger presses; a radio or a checkbox is pressed through its label.
TARGETS = """() => [...document.querySelectorAll('button, a, input, select, textarea, summary')]
  .filter((el) => el.offsetParent !== null && !el.closest('.skip-link'))
  .map((el) => {
    const target = ['radio', 'checkbox'].includes(el.type) ? el.closest('label') || el : el;
    const box = target.getBoundingClientRect();
    return {what: el.outerHTML.slice(0, 80), width: Math.round(box.width), height: Math.round(box.height)};
  })"""
STEPS = tuple(step.title for step in SAMVERKAN.steps)  # the agenda of the template


@pytest.fixture(scope="module")
def room(server: ServerProcess) -> Iterator[dict[str, Any]]:
    """A workshop from the Samverkan template, its steps' ids, and the facilitator's socket."""
    facts = template_workshop(server, "Samverkan i Skåne")
    sio = facilitator_socket(server.url, facts["http"], facts["workshop_id"])
    yield {**facts, "socket": sio}
    sio.disconnect()


def open_step(room: dict[str, Any], index: int) -> None:
    ack = room["socket"].call("open_step", {"step_id": room["steps"][index]}, timeout=10)
    assert ack["ok"], ack


def joined_phone(browser: Any, room: dict[str, Any], size: str = "phone", **options: Any) -> Any:
    phone = new_page(browser, size, **options)
    phone.goto(room["Join URL"])
    phone.get_by_role("button", name="Delta").click()
    phone.locator("#connection[data-state=connected]").wait_for()
    return phone


def test_first_load_is_small(browser: Any, room: dict[str, Any]) -> None:
    open_step(room, 1)  # a Cards step: the phone's whole script and styles are in use
    joined = joined_phone(browser, room)
    # The phone page with a cold cache: a new browser holding only the joined cookie.
    fresh = new_page(browser, "phone", storage_state=joined.context.storage_state())
    loaded: list[tuple[str, int]] = []  # path, body bytes as they came over the wire
    fresh.on(
        "requestfinished",
        lambda r: (
            "/socket.io/?" not in r.url
            and loaded.append((r.url.split("/", 3)[3], r.sizes()["responseBodySize"]))
        ),
    )
    fresh.goto(room["Join URL"])
    fresh.get_by_label("Ditt kort").wait_for()
    fresh.locator("#connection[data-state=connected]").wait_for()
    total = sum(size for _, size in loaded)
    print(f"phone first load: {total} bytes compressed", loaded)
    assert total <= FIRST_LOAD_LIMIT, loaded
    assert any(path.endswith("socket.io.esm.min.js") for path, _ in loaded)


OUTBOX_EMPTY = """() => Object.keys(localStorage)
  .filter((key) => key.startsWith("rundabord:outbox:"))
  .every((key) => JSON.parse(localStorage.getItem(key)).length === 0)"""


@pytest.mark.parametrize("size", ["small", "phone"])
def test_every_step_fits_and_has_large_targets(browser: Any, room: dict[str, Any], size: str) -> None:
    phone = joined_phone(browser, room, size)
    for index, title in enumerate(STEPS):
        open_step(room, index)
        phone.locator(".step-title", has_text=title).wait_for()
        phone.locator("#announcer", has_text=f"Nytt steg: {title}").wait_for(state="attached")  # said once
        for zoom in ("100%", "200%"):
            # Text at twice its size, as a browser's text zoom makes it (every size is in rem).
            if size == "phone":
                phone.evaluate(f"document.documentElement.style.fontSize = '{zoom}'")
            elif zoom == "200%":
                continue
            assert phone.evaluate(OVERFLOW) <= 0, (index, zoom, phone.evaluate(WIDE))
            small = [t for t in phone.evaluate(TARGETS) if t["width"] < 44 or t["height"] < 44]
            assert small == [], (index, zoom, small)
        phone.evaluate("document.documentElement.style.fontSize = ''")
        assert axe_violations(phone) == []


def test_voting_by_keyboard_alone(browser: Any, server: ServerProcess, room: dict[str, Any]) -> None:
    open_step(room, 3)
    other = Phone(server.url, room["Join code"])
    other.connect()
    other.submit("propose_track", {"step_id": room["steps"][3], "text": "Gemensam ingång för brukaren"})
    other.close()
    ack = room["socket"].call(
        "tracks", {"step_id": room["steps"][3], "op": "phase", "name": "voting", "on": True}
    )
    assert ack["ok"], ack
    phone = joined_phone(browser, room)
    add = phone.get_by_role("button", name="Lägg en prick: Gemensam ingång för brukaren")
    add.wait_for()
    # From the top of the page, Tab alone reaches the dot; Enter and Space place two.
    phone.locator("body").click(position={"x": 5, "y": 5})
    for _ in range(40):
        phone.keyboard.press("Tab")
        if add.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the dot button")
    assert add.evaluate("el => getComputedStyle(el).outlineStyle") != "none"  # focus is visible
    phone.keyboard.press("Enter")
    phone.get_by_role("img", name="1 av dina prickar").wait_for()
    phone.wait_for_function(OUTBOX_EMPTY)  # answered
    # The facilitator renames the track meanwhile: its row is built again, and the focus
    # goes to the same button in the new row, not to the page.
    track_id = next(iter(other.acks.values()))["track"]["id"]
    renamed = "Gemensam ingång för brukare och anhöriga"
    change = {"step_id": room["steps"][3], "op": "rename_track", "track_id": track_id, "text": renamed}
    assert room["socket"].call("tracks", change)["ok"]
    add = phone.get_by_role("button", name=f"Lägg en prick: {renamed}")
    add.wait_for()
    assert add.evaluate("el => el === document.activeElement")
    phone.keyboard.press("Space")
    phone.get_by_role("img", name="2 av dina prickar").wait_for()
    phone.get_by_text("Du har 1 av 3 prickar kvar.", exact=False).wait_for()
    assert phone.evaluate("document.activeElement.getAttribute('aria-label')").startswith("Lägg en prick")
    assert axe_violations(phone) == []


@pytest.mark.parametrize("device", ["Galaxy S5", "iPhone SE"])
def test_old_android_and_ios(browser: Any, room: dict[str, Any], device: str) -> None:
    """Chromium dressed as the device: its screen, touch, pixel ratio and user agent."""
    open_step(room, 0)
    descriptor = dict(browser.devices[device])
    descriptor.pop("default_browser_type", None)
    phone = joined_phone(browser, room, size="device", **descriptor)
    field = phone.get_by_label("Ditt ord eller korta uttryck")
    field.tap()
    field.fill(f"Tillit {device}")
    phone.get_by_role("button", name="Skicka").tap()
    phone.locator(".entry-sent", has_text=f"Tillit {device}").wait_for()
    assert phone.evaluate(OVERFLOW) <= 0


def test_a_slow_network_still_joins(browser: Any, room: dict[str, Any]) -> None:
    """Slow 3G as Chrome's DevTools define it: 400 ms round trips, 400 kbit/s down.
    (bench/phone_network.py measures how long it takes.)"""
    open_step(room, 0)
    phone = new_page(browser, "phone")
    cdp = phone.context.new_cdp_session(phone)
    cdp.send("Network.enable")
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 400, "downloadThroughput": 50_000, "uploadThroughput": 50_000},
    )
    phone.goto(room["Join URL"])
    phone.get_by_role("button", name="Delta").click()
    phone.locator("#connection[data-state=connected]").wait_for()
    phone.get_by_label("Ditt ord eller korta uttryck").fill("Långsamt men säkert")
    phone.get_by_role("button", name="Skicka").click()
    phone.locator(".entry-sent", has_text="Långsamt men säkert").wait_for()


def test_reduced_motion_turns_movement_off(browser: Any, room: dict[str, Any]) -> None:
    phone = joined_phone(browser, room, reduced_motion="reduce")
    button = phone.get_by_role("button", name="Skicka")
    assert button.evaluate("el => getComputedStyle(el).transitionDuration") == "0s"
    projector = new_page(browser, "projector", reduced_motion="reduce")
    projector.goto(room["Projector URL"])
    open_step(room, 1)
    projector.locator("#board").wait_for(state="attached")
    assert projector.locator("#board").evaluate("el => getComputedStyle(el).scrollBehavior") == "auto"
