"""What a phone is told when the room changes under it: a step closed while the person
was writing, the workshop deleted while the page is open."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from bench.server import ServerProcess, addresses
from tests.browser.conftest import axe_violations, new_page
from tests.browser.test_live_workshop import live_dashboard

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def joined_phone(browser: Any, workshop: dict[str, str]) -> Any:
    phone = new_page(browser, "phone")
    phone.goto(workshop["Join URL"])
    with phone.expect_navigation():
        phone.get_by_role("button", name="Delta").click()
    phone.locator("#connection[data-state=connected]").wait_for()
    return phone


def test_a_step_closed_while_typing_says_the_draft_is_kept_and_brings_it_back(
    browser: Any, server: ServerProcess, workshop: dict[str, str]
) -> None:
    phone = joined_phone(browser, workshop)
    dashboard = live_dashboard(browser, server, workshop, "Förutsättningar")
    phone.get_by_label("Ditt kort").fill("Gemensam målbild för alla parter")
    dashboard.get_by_role("button", name=re.compile(r"^Stäng\W+Förutsättningar$")).click()
    notice = phone.locator("#kept-drafts").get_by_text("”Förutsättningar” stängdes medan du skrev.")
    notice.wait_for()
    assert phone.get_by_label("Ditt kort").count() == 0
    assert axe_violations(phone) == []
    dashboard.get_by_role("button", name=re.compile(r"^Öppna\W+Förutsättningar$")).click()
    phone.get_by_label("Ditt kort").wait_for()
    assert phone.get_by_label("Ditt kort").input_value() == "Gemensam målbild för alla parter"
    assert notice.count() == 0
    dashboard.get_by_role("button", name=re.compile(r"^Stäng\W+Förutsättningar$")).click()
    assert phone.errors == []  # type: ignore[attr-defined]


def test_a_deleted_workshop_tells_its_open_phones_and_projector_at_once(
    browser: Any, server: ServerProcess, workshop: dict[str, str]
) -> None:
    [made] = server.flask_each(
        ["create-workshop", "--facilitator", "leda@region.se", "--title", "Att radera"]
    )
    doomed = addresses(made)
    phone = joined_phone(browser, doomed)
    projector = new_page(browser, "projector")
    projector.goto(doomed["Projector URL"])
    projector.wait_for_function("document.getElementById('connection').dataset.state === 'connected'")
    dashboard = live_dashboard(browser, server, doomed, "Ordet samverkan")
    dashboard.goto(doomed["Dashboard URL"].removesuffix("/live"))
    dashboard.once("dialog", lambda dialog: dialog.accept())
    dashboard.get_by_role("button", name="Radera workshopen").click()
    dashboard.wait_for_url("**/f/")
    for page in (phone, projector):
        page.get_by_role("heading", name="Workshopen har tagits bort").wait_for()
    phone.get_by_text("Processledaren har tagit bort workshopen och allt som skickats till den.").wait_for()
    assert axe_violations(phone) == []
    # The page, left open, does not try again and again: its connection stays closed.
    phone.wait_for_timeout(1500)
    assert phone.get_by_role("heading", name="Workshopen har tagits bort").is_visible()


def test_a_second_tab_of_the_same_participant_follows_and_long_text_is_counted(
    browser: Any, server: ServerProcess, workshop: dict[str, str]
) -> None:
    first = joined_phone(browser, workshop)
    second = first.context.new_page()  # the same phone, another tab: the same participant
    second.errors = []
    second.goto(workshop["Join URL"])
    second.locator("#connection[data-state=connected]").wait_for()
    dashboard = live_dashboard(browser, server, workshop, "Ordet samverkan")
    word = first.get_by_label("Ditt ord eller korta uttryck")
    word.fill("Tillit")
    first.get_by_role("button", name="Skicka").click()
    # The other tab may show the word as being sent for a moment (the tabs share the
    # outbox); then it shows it once, as sent.
    expect(second.locator(".mine .entry-text").get_by_text("Tillit")).to_have_count(1)
    expect(second.locator(".mine .entry-status")).to_have_text(["skickat ✓"])
    assert second.locator(".remaining").inner_text() == first.locator(".remaining").inner_text()

    # Near the limit (40 characters for a word), the field says how much is left.
    word.fill("")
    word.press_sequentially("Samverkan över alla gränser och i")  # 33 characters
    first.locator(".char-count").get_by_text("7 tecken kvar").wait_for()
    word.press_sequentially("ngen väg")
    first.locator(".char-count").get_by_text(
        "Inga tecken kvar: texten är så lång som den får vara."
    ).wait_for()
    assert len(word.input_value()) == 40  # the field takes no more, and said so
    assert axe_violations(first) == []
    dashboard.get_by_role("button", name=re.compile(r"^Stäng\W+Ordet samverkan$")).click()


def test_entering_for_a_group_asks_which_group(
    browser: Any, server: ServerProcess, workshop: dict[str, str]
) -> None:
    dashboard = live_dashboard(browser, server, workshop, "Ordet samverkan")
    editor = dashboard.context.new_page()
    editor.goto(workshop["Dashboard URL"].removesuffix("/live"))
    editor.get_by_label("Nya grupper, en per rad").fill("Bord 1\nBord 2")
    editor.get_by_role("button", name="Spara grupperna").click()
    editor.locator("#part-groups").get_by_text("Sparat.").wait_for()
    dashboard.reload()
    behalf = dashboard.locator("#behalf")
    behalf.get_by_label("Text").fill("Förtroende")
    assert behalf.get_by_label("Bordsgrupp").input_value() == ""  # nothing chosen for them
    behalf.get_by_role("button", name="Skicka för gruppen").click()
    behalf.get_by_text("Välj vilken grupp det gäller, eller ”Ingen grupp”.").wait_for()
    assert dashboard.evaluate("document.activeElement.id") == behalf.get_by_label("Bordsgrupp").get_attribute(
        "id"
    )
    behalf.get_by_label("Bordsgrupp").select_option(label="Bord 2")
    behalf.get_by_role("button", name="Skicka för gruppen").click()
    behalf.get_by_text("Skickat för Bord 2").first.wait_for()
    assert axe_violations(dashboard) == []
    dashboard.get_by_role("button", name=re.compile(r"^Stäng\W+Ordet samverkan$")).click()


def test_narrow_screens_get_one_column_lists_and_boards(
    browser: Any, server: ServerProcess, workshop: dict[str, str]
) -> None:
    from tests.browser.conftest import OVERFLOW
    from tests.browser.test_live_workshop import login

    listing = new_page(browser, "phone")
    login(listing, server)
    live = listing.get_by_role("link", name=re.compile(r"^Kör live")).first
    box = live.bounding_box()
    assert listing.evaluate(OVERFLOW) == 0 and box["x"] + box["width"] <= 360
    code = listing.locator("td.code").first
    assert code.is_visible() and code.bounding_box()["x"] + code.bounding_box()["width"] <= 360
    assert axe_violations(listing) == []

    phone = joined_phone(browser, workshop)
    dashboard = live_dashboard(browser, server, workshop, "Förutsättningar")
    phone.get_by_label("Ditt kort").fill("Gemensamma mål och en samsyn kring ansvarsfördelningen")
    phone.get_by_role("button", name="Skicka").click()
    board = new_page(browser, "phone")  # a scribe's "Visa tavlan" is this view on a phone
    board.goto(workshop["Projector URL"])
    board.locator(".board-cards li").first.wait_for()
    assert board.evaluate("getComputedStyle(document.getElementById('board')).columnCount") == "1"
    assert board.evaluate(OVERFLOW) == 0
    dashboard.get_by_role("button", name=re.compile(r"^Stäng\W+Förutsättningar$")).click()
