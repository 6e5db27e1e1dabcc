"""Tracks end to end in a real browser: two phones propose tracks, the facilitator
merges a duplicate and opens voting, the phones place their dots (the budget holds),
the projector ranks the tracks live with a shared place for a tie, and a card on the
board becomes a track. axe finds no serious problem in any state visited."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from bench.server import ServerProcess
from tests.browser.conftest import axe_violations, new_page
from tests.browser.test_live_workshop import live_dashboard

pytestmark = [pytest.mark.browser, pytest.mark.slow]
SHOTS = Path(os.environ.get("RUNDABORD_SHOTS", tempfile.gettempdir()))


def join(browser: Any, workshop: dict[str, str], name: str) -> Any:
    phone = new_page(browser, "phone")
    phone.goto(workshop["Join URL"])
    phone.get_by_text("Stå på deltagarlistan (frivilligt)").click()
    phone.get_by_label("Ditt namn (frivilligt)").fill(name)
    phone.get_by_label("Ja, visa mitt namn, min roll och organisation på deltagarlistan").check()
    phone.get_by_role("button", name="Delta").click()
    phone.locator("#connection[data-state=connected]").wait_for()
    return phone


def propose(phone: Any, text: str) -> None:
    phone.get_by_label("Föreslå ett spår att ta vidare").fill(text)
    phone.get_by_role("button", name="Föreslå", exact=True).click()
    phone.locator(".entry-sent .entry-text").get_by_text(text, exact=True).wait_for()


def add_dot(phone: Any, track: str) -> None:
    phone.get_by_role("button", name=f"Lägg en prick: {track}").click()


def test_tracks_voted_live(browser: Any, server: ServerProcess, workshop: dict[str, str]) -> None:
    dashboard = live_dashboard(browser, server, workshop, "Spår för vidareutveckling")

    projector = new_page(browser, "projector")
    projector.goto(workshop["Projector URL"])
    projector.get_by_text("Väntar på de första bidragen").wait_for()

    kim, ali = join(browser, workshop, "Kim"), join(browser, workshop, "Ali")
    kim.get_by_text("Inga spår föreslagna än.").wait_for()
    propose(kim, "Hur skapas tillit mellan huvudmännen?")
    propose(kim, "Gemensam målbild")
    propose(ali, "Gemensamma mål")
    assert axe_violations(kim) == []
    projector.locator("#tracks").get_by_text("Gemensamma mål").wait_for()

    # The facilitator folds the duplicate into the first and opens voting.
    row = dashboard.locator(".track-row").filter(
        has=dashboard.locator(".track-text", has_text="Gemensamma mål")
    )
    row.get_by_role("button", name=re.compile("^Åtgärder")).click()  # the row's actions, behind one button
    row.get_by_label("Slå ihop med").select_option(label="Gemensam målbild")
    row.get_by_role("button", name=re.compile("^Slå ihop")).click()
    projector.locator("#tracks").get_by_text("Gemensamma mål").wait_for(state="detached")
    kim.locator(".track-list").get_by_text("Gemensamma mål").wait_for(state="detached")
    assert axe_violations(dashboard) == []
    dashboard.get_by_role("button", name="Öppna röstningen").click()
    kim.get_by_text("Du har 3 av 3 prickar kvar. Högst 2 på ett spår.").wait_for()
    assert axe_violations(kim) == []

    # Kim: two dots on one track, one on the other; a fourth does not fit.
    tillit = "Hur skapas tillit mellan huvudmännen?"
    add_dot(kim, tillit)
    add_dot(kim, tillit)
    add_dot(kim, "Gemensam målbild")
    kim.get_by_text("Du har 0 av 3 prickar kvar.", exact=False).wait_for()
    # The + stays focusable (aria-disabled) and says why when pressed.
    kim.get_by_role("button", name="Lägg en prick: Gemensam målbild").click(force=True)
    kim.locator(".vote-status.is-warning").get_by_text("Du har använt alla dina prickar").wait_for()
    add_dot(ali, "Gemensam målbild")

    # The projector ranks them live; the tie shares first place.
    ranking = projector.locator("#tracks li")
    expect(ranking.locator(".rank")).to_have_text(["delad plats 1", "delad plats 1"])
    expect(ranking.locator(".count")).to_have_text(["2 prickar", "2 prickar"])
    assert axe_violations(projector) == []
    projector.screenshot(path=str(SHOTS / "projector-tracks.png"))
    kim.screenshot(path=str(SHOTS / "phone-tracks.png"), full_page=True)
    tillit_row = dashboard.locator(".track-row").filter(has=dashboard.locator(".track-text", has_text=tillit))
    tillit_row.get_by_text("delad plats 1").wait_for()

    # Moving a dot changes the order everywhere.
    kim.get_by_role("button", name=f"Ta tillbaka en prick: {tillit}").click()
    expect(ranking.locator(".track-text")).to_have_text(["Gemensam målbild", tillit])
    expect(ranking.locator(".rank")).to_have_text(["1.", "2."])

    # Closing voting: the phones can no longer place dots; the dots stay counted.
    dashboard.get_by_role("button", name="Stäng röstningen").click()
    kim.get_by_text("Röstningen är inte öppen just nu.").wait_for()
    assert kim.get_by_role("button", name=re.compile("^Lägg en prick")).count() == 0
    expect(ranking.locator(".count")).to_have_text(["2 prickar", "1 prick"])
    dashboard.screenshot(path=str(SHOTS / "dashboard-tracks.png"), full_page=True)
    for page in (dashboard, projector, kim, ali):
        assert page.errors == []  # type: ignore[attr-defined]
