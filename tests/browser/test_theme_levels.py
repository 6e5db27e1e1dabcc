"""Themes three levels deep in a real browser: a dimension, a theme and a sub-theme
placed with the theme tools on the board, shown with their path on the dashboard and as
nested headings on the projector. axe finds no serious problem."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import Any

import pytest

from bench.server import ServerProcess
from tests.browser.conftest import axe_violations, new_page
from tests.browser.test_board import card, column
from tests.browser.test_live_workshop import login

pytestmark = [pytest.mark.browser, pytest.mark.slow]
SHOTS = Path(os.environ.get("RUNDABORD_SHOTS", tempfile.gettempdir()))


def place_under(page: Any, name: str, parent: str) -> None:
    tools = column(page, name).locator("details.theme-tools")
    tools.locator("summary").click()
    tools.get_by_label("Placera under").select_option(label=parent)
    tools.get_by_role("button", name="Placera", exact=True).click()


def test_a_dimension_a_theme_and_a_sub_theme(
    browser: Any, server: ServerProcess, workshop: dict[str, str]
) -> None:
    dashboard = new_page(browser, "laptop")
    login(dashboard, server)
    dashboard.goto(workshop["Dashboard URL"])
    dashboard.get_by_text("Ansluten").wait_for()
    dashboard.get_by_role("button", name=re.compile(r"^Öppna\W+Förutsättningar$")).click()
    phone = new_page(browser, "phone")
    phone.goto(workshop["Join URL"])
    phone.get_by_role("button", name="Delta").click()
    for text in ("Gemensam budget", "Delmål per kommun"):
        phone.get_by_label("Ditt kort").fill(text)
        phone.get_by_role("button", name="Skicka").click()
        card(dashboard, text).wait_for()
    for name in ("Styrning", "Mål", "Delmål"):
        dashboard.get_by_label("Nytt tema").fill(name)
        dashboard.get_by_role("button", name="Lägg till tema").click()
        column(dashboard, name).wait_for()
    place_under(dashboard, "Mål", "Styrning")
    place_under(dashboard, "Delmål", "Styrning › Mål")
    delmal = dashboard.locator(".board-column.is-sub")
    delmal.locator(".parent-name", has_text="Styrning › Mål ›").wait_for()
    for text, theme in (("Delmål per kommun", "Delmål"), ("Gemensam budget", "Mål")):
        card(dashboard, text).focus()
        dashboard.keyboard.press("Enter")
        card(dashboard, text).get_by_label("Flytta till").select_option(label=theme)
        dashboard.keyboard.press("Enter")
    delmal.locator(".card-text", has_text="Delmål per kommun").wait_for()
    assert axe_violations(dashboard) == []

    projector = new_page(browser, "projector")
    projector.goto(workshop["Projector URL"])
    projector.locator("h2.dimension", has_text="Styrning").wait_for()
    projector.locator("h3.dimension", has_text="Mål").wait_for()
    projector.locator(".theme-block", has=projector.locator("h4", has_text="Delmål")).get_by_text(
        "Delmål per kommun"
    ).wait_for()
    assert axe_violations(projector) == []
    dashboard.screenshot(path=str(SHOTS / "dashboard-theme-levels.png"))
    projector.screenshot(path=str(SHOTS / "projector-theme-levels.png"))
    for page in (dashboard, projector, phone):
        assert page.errors == []
