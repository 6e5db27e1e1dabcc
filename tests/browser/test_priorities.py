"""Prioritisation with points end to end in a real browser: a step made in the editor with
its options, two phones spreading their 100 points (ten at a time and typed), the budget
holding, the projector ranking the options live and the dashboard comparing the table
groups. axe finds no serious problem in any state visited."""

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
from tests.browser.test_live_workshop import new_step_live
from tests.browser.test_tracks import join

pytestmark = [pytest.mark.browser, pytest.mark.slow]
SHOTS = Path(os.environ.get("RUNDABORD_SHOTS", tempfile.gettempdir()))


def test_points_spread_and_compared_live(
    browser: Any, server: ServerProcess, workshop: dict[str, str]
) -> None:
    dashboard = new_step_live(
        browser,
        server,
        workshop,
        "Prioritera: poäng eller två skalor",
        "Vad gör vi först?",
        lambda page: page.get_by_label("Alternativ, ett per rad").fill(
            "Gemensam journal\nMobila team\nSamordnad vårdplanering"
        ),
    )
    projector = new_page(browser, "projector")
    projector.goto(workshop["Projector URL"])
    projector.locator("#priority-ranking li").first.wait_for()

    kim, ali = join(browser, workshop, "Kim"), join(browser, workshop, "Ali")
    kim.get_by_text("Du har 100 av 100 poäng kvar.").wait_for()
    for _ in range(3):
        kim.get_by_role("button", name="10 poäng mer: Mobila team").click()
    kim.get_by_text("Du har 70 av 100 poäng kvar.").wait_for()
    field = kim.get_by_role("spinbutton", name="Poäng till: Gemensam journal")
    field.fill("70")
    field.press("Enter")
    kim.get_by_text("Du har använt alla 100 poäng", exact=False).wait_for()
    expect(kim.get_by_role("button", name="10 poäng mer: Samordnad vårdplanering")).to_be_disabled()
    assert axe_violations(kim) == []
    ali.get_by_role("spinbutton", name="Poäng till: Mobila team").fill("100")
    ali.get_by_role("spinbutton", name="Poäng till: Mobila team").press("Enter")
    ali.get_by_text("Du har använt alla 100 poäng", exact=False).wait_for()

    ranking = projector.locator("#priority-ranking li")
    expect(ranking.locator(".track-text")).to_have_text(
        ["Mobila team", "Gemensam journal", "Samordnad vårdplanering"]
    )
    expect(ranking.locator(".count")).to_have_text(["130 poäng", "70 poäng", "0 poäng"])
    projector.get_by_text("2 har gett poäng").wait_for()
    assert axe_violations(projector) == []
    table = dashboard.locator(".priorities-table")
    expect(table.locator("tbody th")).to_have_text(
        ["Mobila team", "Gemensam journal", "Samordnad vårdplanering"]
    )
    dashboard.get_by_text("2 har gett poäng").wait_for()
    assert axe_violations(dashboard) == []
    projector.screenshot(path=str(SHOTS / "projector-priorities.png"))
    kim.screenshot(path=str(SHOTS / "phone-priorities.png"), full_page=True)
    dashboard.screenshot(path=str(SHOTS / "dashboard-priorities.png"))
    dashboard.get_by_role("button", name=re.compile(r"^Stäng\W+Vad gör vi först\?$")).click()
    for page in (dashboard, projector, kim, ali):
        assert page.errors == []  # type: ignore[attr-defined]


def test_options_placed_on_two_scales(browser: Any, server: ServerProcess, workshop: dict[str, str]) -> None:
    def fill(page: Any) -> None:
        page.get_by_label("Alternativ, ett per rad").fill("Gemensam journal\nMobila team")
        page.get_by_label("Placera varje alternativ på två skalor", exact=False).check()

    dashboard = new_step_live(
        browser, server, workshop, "Prioritera: poäng eller två skalor", "Nytta och insats", fill
    )
    projector = new_page(browser, "projector")
    projector.goto(workshop["Projector URL"])
    projector.locator("#matrix-legend li").first.wait_for()

    kim = join(browser, workshop, "Kim")
    # By keyboard: placed in the middle first, then moved with the keys.
    kim.get_by_role("button", name=re.compile(r"^Placera\W+Mobila team")).click()
    benefit = kim.get_by_role("slider", name=re.compile(r"^Nytta.*Mobila team"))
    expect(benefit).to_be_focused()
    expect(benefit).to_have_attribute("aria-valuetext", "3 av 5")
    benefit.press("End")
    projector.locator("#matrix-legend").get_by_text("Mobila team (Nytta 5.0 · Insats 3.0)").wait_for()
    effort = kim.get_by_role("slider", name=re.compile(r"^Insats.*Mobila team"))
    effort.focus()
    effort.press("ArrowLeft")
    assert axe_violations(kim) == []
    projector.locator("#matrix-legend").get_by_text("Mobila team (Nytta 5.0 · Insats 2.0)").wait_for()
    expect(projector.locator("#matrix-chart .matrix-dot")).to_have_count(1)
    projector.get_by_text("1 har placerat alternativen").wait_for()
    # The other option at the same place: one mark with both numbers, not one dot over the other.
    kim.get_by_role("button", name=re.compile(r"^Placera\W+Gemensam journal")).click()
    kim.get_by_role("slider", name=re.compile(r"^Nytta.*Gemensam journal")).press("End")
    kim.get_by_role("slider", name=re.compile(r"^Insats.*Gemensam journal")).press("ArrowLeft")
    projector.locator("#matrix-legend").get_by_text("Gemensam journal (Nytta 5.0 · Insats 2.0)").wait_for()
    expect(projector.locator("#matrix-chart .matrix-number")).to_have_text(["1, 2"])
    assert axe_violations(projector) == []
    dashboard.locator(".priorities-table").get_by_text("5.0 · 2.0").first.wait_for()
    assert axe_violations(dashboard) == []
    projector.screenshot(path=str(SHOTS / "projector-matrix.png"))
    kim.screenshot(path=str(SHOTS / "phone-matrix.png"), full_page=True)
    dashboard.get_by_role("button", name=re.compile(r"^Stäng\W+Nytta och insats$")).click()
    for page in (dashboard, projector, kim):
        assert page.errors == []  # type: ignore[attr-defined]
