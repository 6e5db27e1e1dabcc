"""The final discussion end to end in a real browser: the facilitator shows one question
and runs the timer; the projector and the phone show the same question (with its
follow-up prompt) and the same
remaining time, also after a reload; a phone's answer arrives as a card on the board."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import Any

import pytest

from bench.server import ServerProcess
from tests.browser.conftest import axe_violations, new_page
from tests.browser.test_live_workshop import login

pytestmark = [pytest.mark.browser, pytest.mark.slow]
SHOTS = Path(os.environ.get("RUNDABORD_SHOTS", tempfile.gettempdir()))
QUESTION = "Vem saknades i samtalet och bör bjudas in nästa gång?"


def seconds(page: Any) -> int:
    text = page.locator(".timer .time").first.inner_text()
    minutes, secs = text.split(":")
    return int(minutes) * 60 + int(secs)


def test_discussion_with_timer(browser: Any, server: ServerProcess, workshop: dict[str, str]) -> None:
    dashboard = new_page(browser, "laptop")
    login(dashboard, server)
    dashboard.goto(workshop["Dashboard URL"].removesuffix("/live"))
    dashboard.get_by_role("link", name="Slutdiskussion").click()
    dashboard.get_by_label("Deltagarna får skriva korta svar").check()
    dashboard.get_by_label("Följdfrågor (frivilligt), en per rad").fill("4: Vilka organisationer saknades?")
    dashboard.get_by_role("button", name="Spara steget").click()
    dashboard.goto(workshop["Dashboard URL"])
    dashboard.get_by_text("Ansluten").wait_for()
    dashboard.get_by_role("button", name=re.compile(r"^Öppna\W+Slutdiskussion$")).click()

    projector = new_page(browser, "projector")
    projector.goto(workshop["Projector URL"])
    projector.locator("#questions li").first.wait_for()
    assert projector.locator("#questions li").count() == 4  # all questions until one is chosen
    phone = new_page(browser, "phone")
    phone.goto(workshop["Join URL"])
    phone.get_by_role("button", name="Delta").click()
    phone.locator(".questions li").first.wait_for()

    # One question on every screen, and the timer started.
    dashboard.get_by_role("button", name=re.compile(f"^Visa\\W+{re.escape(QUESTION)}$")).click()
    projector.locator("#questions.is-single").get_by_text(QUESTION).wait_for()
    phone.locator(".questions.is-single").get_by_text(QUESTION).wait_for()
    for page in (projector, phone):  # its follow-up prompt under it
        page.locator(".follow-ups li").get_by_text("Vilka organisationer saknades?").wait_for()
    assert projector.locator(".timer .time").inner_text() == "15:00"
    dashboard.get_by_role("button", name="Starta timern").click()
    projector.locator(".timer.is-running").wait_for()
    phone.locator(".timer.is-running").wait_for()
    dashboard.get_by_role("button", name="+5 minuter").click()
    projector.wait_for_function("() => document.querySelector('.timer .time').textContent.startsWith('19:')")
    assert abs(seconds(projector) - seconds(phone)) <= 1
    assert axe_violations(projector) == []
    assert axe_violations(phone) == []
    assert axe_violations(dashboard) == []
    projector.screenshot(path=str(SHOTS / "projector-discussion.png"))

    # Paused: the same time everywhere, also on a screen that reloads.
    dashboard.get_by_role("button", name="Pausa timern").click()
    projector.locator(".timer:not(.is-running)").wait_for()
    phone.locator(".timer:not(.is-running)").wait_for()
    paused = projector.locator(".timer .time").inner_text()
    projector.reload()
    projector.locator(".timer .time").get_by_text(paused).wait_for()
    assert phone.locator(".timer .time").inner_text() == paused

    # An answer under the question on the screen arrives on the dashboard's board.
    phone.get_by_label("Ditt svar (frivilligt)").fill("Brukarorganisationerna")
    phone.get_by_role("button", name="Skicka").click()
    phone.locator(".entry-sent .entry-text").get_by_text("Brukarorganisationerna").wait_for()
    card = dashboard.locator(".board-card", has_text="Brukarorganisationerna")
    card.wait_for()
    assert QUESTION in card.locator(".card-meta").inner_text()
    # A note for the report, under one of the workshop's categories.
    notes = dashboard.locator(".notes-panel")
    notes.get_by_label("Kategori").select_option("Punkter från slutdiskussion")
    notes.get_by_label("Anteckning").fill("Bjud in brukarorganisationerna nästa gång")
    notes.get_by_role("button", name="Lägg till anteckningen").click()
    section = notes.locator(".note-section", has_text="Punkter från slutdiskussion (1)")
    section.locator(".note-text").get_by_text("Bjud in brukarorganisationerna nästa gång").wait_for()
    assert axe_violations(dashboard) == []
    phone.screenshot(path=str(SHOTS / "phone-discussion.png"), full_page=True)
    dashboard.screenshot(path=str(SHOTS / "dashboard-discussion.png"), full_page=True)
    for page in (dashboard, projector, phone):
        assert page.errors == []  # type: ignore[attr-defined]
