"""Questions with upvotes end to end in a real browser: a Questions step made in the
editor to review first, a question held until the facilitator approves it, a second
phone offered the similar question while typing and voting for it instead, the projector
ranking live with the pinned question large and the line of hidden and merged ones, and
the facilitator's correction keeping the writer's words. axe finds no serious problem in
any state visited."""

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
from tests.browser.test_live_workshop import login, new_step_live
from tests.browser.test_tracks import join

pytestmark = [pytest.mark.browser, pytest.mark.slow]
SHOTS = Path(os.environ.get("RUNDABORD_SHOTS", tempfile.gettempdir()))
SHARING = "Hur delar vi journaler mellan kommun och region?"


def ask(phone: Any, text: str) -> None:
    phone.get_by_label("Din fråga eller idé").fill(text)
    phone.locator(".step-questions").get_by_role("button", name="Skicka", exact=True).click()
    phone.locator(".mine .entry-text").get_by_text(text, exact=True).wait_for()


def test_questions_moderated_in_view_of_the_room(
    browser: Any, server: ServerProcess, workshop: dict[str, str]
) -> None:
    dashboard = new_step_live(
        browser,
        server,
        workshop,
        "Frågor med röster",
        "Frågor till panelen",
        lambda page: page.get_by_label("Granska först", exact=False).check(),
    )
    projector = new_page(browser, "projector")
    projector.goto(workshop["Projector URL"])
    projector.locator("#moderation-line").get_by_text("0 dolda · 0 sammanslagna").wait_for()

    kim, ali = join(browser, workshop, "Kim"), join(browser, workshop, "Ali")
    kim.get_by_label("Visa mitt namn (Kim) med frågan").check()
    ask(kim, SHARING)
    kim.locator(".mine").get_by_text("väntar på granskning").wait_for()
    projector.get_by_text("1 väntar på granskning", exact=False).wait_for()
    assert ali.locator(".question-list li").count() == 0
    assert axe_violations(kim) == []

    # The facilitator approves it from the queue; it reaches every screen, with Kim's name.
    queue = dashboard.locator(".review-queue")
    queue.locator(".track-text").get_by_text(SHARING).wait_for()
    assert axe_violations(dashboard) == []
    queue.get_by_role("button", name=re.compile(r"^Godkänn\W+Hur delar")).click()
    projector.locator("#question-ranking").get_by_text(SHARING).wait_for()
    projector.locator("#question-ranking").get_by_text("Kim").wait_for()
    kim.locator(".question-list").get_by_text("Din fråga", exact=False).wait_for()
    kim.locator(".mine").get_by_text("väntar på granskning").wait_for(state="detached")

    # Ali types much the same question and votes for Kim's instead.
    ali.get_by_label("Din fråga eller idé").fill("Hur kan kommun och region dela journaler?")
    ali.get_by_role("button", name=re.compile(r"^Rösta på den i stället\W+Hur delar")).click()
    upvote = ali.get_by_role("button", name=re.compile(rf"^Rösta upp: {re.escape(SHARING)}"))
    expect(upvote).to_have_attribute("aria-pressed", "true")
    expect(projector.locator("#question-ranking li .rank")).to_have_text(["▲ 1"])
    assert ali.get_by_label("Din fråga eller idé").input_value() != ""  # kept, should Ali send it too
    assert axe_violations(ali) == []

    # Ali asks another; approved, then hidden: the projector says one is hidden.
    ask(ali, "Något som inte hör hit")
    queue.get_by_role("button", name=re.compile(r"^Godkänn\W+Något som")).click()
    projector.locator("#question-ranking").get_by_text("Något som inte hör hit").wait_for()
    row = dashboard.locator(".question-row").filter(
        has=dashboard.locator(".track-text", has_text="Något som")
    )
    row.get_by_role("button", name=re.compile("^Åtgärder")).click()
    row.get_by_role("button", name=re.compile("^Dölj")).click()
    projector.locator("#moderation-line").get_by_text("1 dolda · 0 sammanslagna").wait_for()
    kim.get_by_text("1 dolda · 0 sammanslagna").wait_for()

    # Kim's question is pinned and corrected; the writer's words stay beside it.
    row = dashboard.locator(".question-row").filter(
        has=dashboard.locator(".track-text", has_text="journaler")
    )
    row.get_by_role("button", name=re.compile("^Åtgärder")).click()
    row.get_by_role("button", name=re.compile("^Fäst på storbilden")).click()
    expect(projector.locator("#pinned-question")).to_have_text(SHARING)
    row.get_by_role("button", name=re.compile("^Rätta texten")).click()
    row.get_by_label("Frågans text").fill("Hur delar vi journaler mellan kommun och region i praktiken?")
    row.get_by_role("button", name="Spara", exact=True).click()
    row.get_by_text(f"Skrevs: {SHARING}").wait_for()
    expect(projector.locator("#pinned-question")).to_have_text(
        "Hur delar vi journaler mellan kommun och region i praktiken?"
    )
    assert axe_violations(dashboard) == []
    assert axe_violations(projector) == []

    # Ali takes the vote back.
    ali.get_by_role("button", name=re.compile(r"^Rösta upp: Hur delar")).click()
    expect(ali.get_by_role("button", name=re.compile(r"^Rösta upp: Hur delar"))).to_have_attribute(
        "aria-pressed", "false"
    )
    row.get_by_text("▲ 0").wait_for()
    projector.screenshot(path=str(SHOTS / "projector-questions.png"))
    kim.screenshot(path=str(SHOTS / "phone-questions.png"), full_page=True)
    dashboard.screenshot(path=str(SHOTS / "dashboard-questions.png"), full_page=True)
    dashboard.get_by_role("button", name=re.compile(r"^Stäng\W+Frågor till panelen$")).click()
    for page in (dashboard, projector, kim, ali):
        assert page.errors == []  # type: ignore[attr-defined]


def test_cards_written_first_then_revealed_together(
    browser: Any, server: ServerProcess, workshop: dict[str, str]
) -> None:
    """Write, then reveal (a mode of cards and questions steps): the projector counts what
    each table group has written, the phones see only their own, and the facilitator's
    one press shows everything at once."""
    dashboard = new_page(browser, "laptop")
    login(dashboard, server)
    dashboard.goto(workshop["Dashboard URL"].removesuffix("/live"))
    dashboard.get_by_role("link", name="Förutsättningar", exact=True).click()
    dashboard.get_by_label("Skriv först, visa tillsammans", exact=False).check()
    dashboard.get_by_role("button", name="Spara steget").click()
    dashboard.goto(workshop["Dashboard URL"])
    dashboard.get_by_text("Ansluten").wait_for()
    dashboard.get_by_role("button", name=re.compile(r"^Öppna\W+Förutsättningar$")).click()
    bar = dashboard.locator(".reveal-bar")
    bar.get_by_text("Skrivfas", exact=False).wait_for()
    projector = new_page(browser, "projector")
    projector.goto(workshop["Projector URL"])
    projector.get_by_text("0 skrivna hittills").wait_for()

    kim = join(browser, workshop, "Kim")
    kim.get_by_text("Skriv först: de andras bidrag visas", exact=False).wait_for()
    kim.get_by_label("Ditt kort").fill("Gemensam målbild för vård och omsorg")
    kim.get_by_role("button", name="Skicka", exact=True).click()
    projector.get_by_text("1 skrivet hittills").wait_for()
    assert projector.get_by_text("Gemensam målbild för vård och omsorg").count() == 0
    dashboard.locator(".board-card .card-text").get_by_text("Gemensam målbild för vård och omsorg").wait_for()
    assert axe_violations(projector) == []
    assert axe_violations(dashboard) == []
    projector.screenshot(path=str(SHOTS / "projector-writing.png"))

    bar.get_by_role("button", name="Visa allt").click()
    projector.locator("#board").get_by_text("Gemensam målbild för vård och omsorg", exact=True).wait_for()
    expect(projector.locator("#writing-cards")).to_be_hidden()
    kim.get_by_text("Skriv först: de andras bidrag visas", exact=False).wait_for(state="hidden")
    bar.get_by_text("Visat", exact=False).wait_for()
    dashboard.screenshot(path=str(SHOTS / "dashboard-revealed.png"))
    bar.get_by_role("button", name="Tillbaka till skrivandet").click()
    projector.get_by_text("1 skrivet hittills").wait_for()

    # "Skriv först" switched off and on again in the editor while the step is open: the
    # projector shows the board, then the count it has, without a reload (not 0).
    def write_first(on: bool) -> None:
        dashboard.goto(workshop["Dashboard URL"].removesuffix("/live"))
        dashboard.get_by_role("link", name="Förutsättningar", exact=True).click()
        dashboard.get_by_label("Skriv först, visa tillsammans", exact=False).set_checked(on)
        dashboard.get_by_role("button", name="Spara steget").click()

    write_first(False)
    projector.locator("#board").get_by_text("Gemensam målbild för vård och omsorg", exact=True).wait_for()
    expect(projector.locator("#writing-cards")).to_be_hidden()
    write_first(True)
    projector.get_by_text("1 skrivet hittills").wait_for()
    expect(projector.locator("#board")).to_be_hidden()
    dashboard.goto(workshop["Dashboard URL"])
    dashboard.get_by_role("button", name=re.compile(r"^Stäng\W+Förutsättningar$")).click()
    for page in (dashboard, projector, kim):
        assert page.errors == []  # type: ignore[attr-defined]
