"""The first issue end to end in a real browser: a phone joins by code and sends a
word, the projector and the dashboard update without reload, axe finds no serious
problem on any page visited, and markup from a participant stays text."""

from __future__ import annotations

import re
from typing import Any

import pytest

from bench.server import ServerProcess
from tests.browser.conftest import axe_violations, new_page

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def login(page: Any, server: ServerProcess) -> None:
    page.goto(server.url + "/f/login")
    assert axe_violations(page) == []
    page.get_by_label("E-post").fill("leda@region.se")
    page.get_by_label("Lösenord").fill("correct horse battery")
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url("**/f/")


def new_step_live(
    browser: Any, server: ServerProcess, workshop: dict[str, str], kind: str, title: str, fill: Any = None
) -> Any:
    """A logged-in facilitator adds a step of `kind` (the editor's label) titled `title`,
    sets it up with `fill(page)` before saving (axe checks the form then), and opens it on
    the live dashboard, which is returned."""
    dashboard = new_page(browser, "laptop")
    login(dashboard, server)
    dashboard.goto(workshop["Dashboard URL"].removesuffix("/live"))
    dashboard.get_by_label("Typ av steg").select_option(label=kind)
    dashboard.get_by_role("button", name="Lägg till steg").click()
    dashboard.get_by_label("Rubrik").fill(title)
    if fill is not None:
        fill(dashboard)
    assert axe_violations(dashboard) == []
    dashboard.get_by_role("button", name="Spara steget").click()
    dashboard.goto(workshop["Dashboard URL"])
    dashboard.get_by_text("Ansluten").wait_for()
    dashboard.get_by_role("button", name=re.compile(rf"^Öppna\W+{re.escape(title)}$")).click()
    return dashboard


def live_dashboard(browser: Any, server: ServerProcess, workshop: dict[str, str], step: str) -> Any:
    """A logged-in facilitator's live dashboard, connected, with the step titled `step` open."""
    dashboard = new_page(browser, "laptop")
    login(dashboard, server)
    dashboard.goto(workshop["Dashboard URL"])
    dashboard.get_by_text("Ansluten").wait_for()
    dashboard.get_by_role("button", name=re.compile(rf"^Öppna\W+{re.escape(step)}$")).click()
    return dashboard


def test_phone_to_projector(browser: Any, server: ServerProcess, workshop: dict[str, str]) -> None:
    dashboard = new_page(browser, "laptop")
    login(dashboard, server)
    assert axe_violations(dashboard) == []
    dashboard.goto(workshop["Dashboard URL"].removesuffix("/live"))
    dashboard.get_by_label("Nya grupper, en per rad").fill("Bord 1\nBord 2")
    dashboard.get_by_role("button", name="Spara grupperna").click()
    dashboard.locator("#part-groups").get_by_text("Sparat.").wait_for()
    dashboard.goto(workshop["Dashboard URL"])
    dashboard.get_by_text("Ansluten").wait_for()
    assert axe_violations(dashboard) == []

    projector = new_page(browser, "projector")
    projector.goto(workshop["Projector URL"])
    projector.locator(".join-code").get_by_text(workshop["Join code"]).wait_for()
    assert axe_violations(projector) == []

    phone = new_page(browser, "phone")
    phone.goto(server.url + "/")
    assert axe_violations(phone) == []
    phone.get_by_label("Kod").fill(workshop["Join code"].lower())
    phone.get_by_role("button", name="Fortsätt").click()
    phone.get_by_role("button", name="Delta").wait_for()
    assert axe_violations(phone) == []
    phone.get_by_text("Stå på deltagarlistan (frivilligt)").click()
    phone.get_by_label("Ditt namn (frivilligt)").fill("Kim")
    phone.get_by_label("Ja, visa mitt namn, min roll och organisation på deltagarlistan").check()
    phone.get_by_label("Din bordsgrupp").select_option(label="Bord 2")
    phone.get_by_role("button", name="Delta").click()
    phone.get_by_text("Väntar på att processledaren").wait_for()
    phone.locator("#connection[data-state=connected]").wait_for()
    assert axe_violations(phone) == []

    dashboard.get_by_role("button", name=re.compile(r"^Öppna\W+Ordet samverkan$")).click()
    phone.get_by_text("Vilka ord tänker du på när du hör samverkan?").wait_for()
    assert axe_violations(phone) == []
    word_field = phone.get_by_label("Ditt ord eller korta uttryck")
    word_field.fill("Tillit")
    phone.get_by_role("button", name="Skicka").click()
    phone.locator(".entry-sent .entry-text").get_by_text("Tillit").wait_for()

    projector.locator("#ranking").get_by_text("Tillit").wait_for()
    assert not projector.locator("#join-slide").is_visible()  # the step replaces the join slide
    dashboard.locator(".words-list label.word").get_by_text("Tillit").wait_for()
    # Each raw entry behind a word says who sent it and from which table.
    tillit = dashboard.locator(".word-row", has_text="Tillit")
    tillit.locator("summary").click()
    tillit.locator("li", has_text="Tillit").get_by_text("– Kim, Bord 2").wait_for()
    tillit.locator("summary").click()
    assert axe_violations(projector) == []
    assert axe_violations(dashboard) == []

    # Markup from the public stays text on every screen.
    payload = "<img src=x onerror=alert(1)>"
    word_field.fill(payload)
    phone.get_by_role("button", name="Skicka").click()
    projector.locator("#ranking").get_by_text(payload).wait_for()
    dashboard.locator(".words-list label.word").get_by_text(payload).wait_for()
    assert projector.locator("#ranking img").count() == 0

    # Offline: the word waits in the outbox and goes when the network returns.
    phone.context.set_offline(True)
    phone.locator("#connection[data-state=offline], #connection[data-state=reconnecting]").wait_for()
    word_field.fill("Förtroende")
    phone.get_by_role("button", name="Skicka").click()
    phone.locator(".entry-sending .entry-text").get_by_text("Förtroende").wait_for()
    phone.context.set_offline(False)
    phone.locator(".entry-sent .entry-text").get_by_text("Förtroende").wait_for(timeout=15000)
    projector.locator("#ranking").get_by_text("Förtroende").wait_for()

    # The cloud replaces the list on the projector; the list stays for screen readers.
    projector.locator("#cloud:not([hidden]) img[src*='.svg?v=']").wait_for()
    assert axe_violations(projector) == []
    projector.get_by_role("button", name="Visa som lista").click()
    projector.locator("#cloud[hidden]").wait_for(state="attached")
    assert projector.get_by_role("button", name="Visa som moln").get_attribute("aria-pressed") == "true"
    assert axe_violations(projector) == []

    # Merge two words on the dashboard: the projector counts them as one.
    dashboard.get_by_label("Tillit", exact=True).check()
    dashboard.get_by_label("Förtroende", exact=True).check()
    dashboard.get_by_role("button", name="Slå ihop markerade (2)").click()
    dashboard.get_by_label("Ord som visas för de sammanslagna orden").fill("Tillit och förtroende")
    dashboard.get_by_role("button", name="Slå ihop", exact=True).click()
    merged = projector.locator("#ranking li", has_text="Tillit och förtroende")
    merged.locator(".count", has_text="2").wait_for()
    assert projector.locator("#ranking li", has_text=re.compile(r"^Förtroende")).count() == 0

    # The dashboard switches the projector between list and cloud.
    dashboard.get_by_role("button", name="Projektor: visa som lista").click()
    projector.get_by_role("button", name="Visa som moln").wait_for()
    dashboard.get_by_role("button", name="Projektor: visa som moln").click()
    projector.locator("#cloud:not([hidden])").wait_for()

    # Hide the markup word: gone from the projector, kept on the dashboard; then undo.
    row = dashboard.locator(".word-row", has_text=payload)
    row.locator("summary").click()
    assert axe_violations(dashboard) == []
    row.get_by_role("button", name="Dölj").click()
    row.get_by_text("Dold", exact=True).wait_for()
    projector.locator("#ranking").get_by_text(payload).wait_for(state="detached")
    dashboard.get_by_role("button", name=re.compile("^Ångra: dölj")).click()
    projector.locator("#ranking").get_by_text(payload).wait_for()

    # The phone changes and withdraws its own words.
    entry = phone.locator(".entry", has_text="Förtroende")
    entry.get_by_role("button", name=re.compile("^Ändra")).click()
    edit = phone.get_by_label("Ändra ditt ord")
    edit.fill("Lyssna")
    assert axe_violations(phone) == []
    phone.get_by_role("button", name="Spara").click()
    phone.locator(".entry-sent .entry-text").get_by_text("Lyssna").wait_for()
    projector.locator("#ranking").get_by_text("Lyssna").wait_for()
    phone.locator(".entry", has_text="Lyssna").get_by_role("button", name=re.compile("^Ta bort")).click()
    phone.locator(".entry", has_text="Lyssna").wait_for(state="detached")
    projector.locator("#ranking").get_by_text("Lyssna").wait_for(state="detached")

    for page in (phone, projector, dashboard):
        assert page.errors == []  # type: ignore[attr-defined]
