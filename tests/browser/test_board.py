"""Seed 004's flow end to end in a real browser: table groups, phones post
prerequisites, the facilitator clusters them into themes (by keyboard and by drag
and drop) while the projector and a second dashboard follow, a card is hidden, then
phones post obstacles and opportunities per theme with a level and the projector
shows them side by side; the facilitator corrects levels on the board, edits a card's
text and splits one. axe finds no serious problem in any state visited."""

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
from tests.browser.test_live_workshop import login

pytestmark = [pytest.mark.browser, pytest.mark.slow]
SHOTS = Path(os.environ.get("RUNDABORD_SHOTS", tempfile.gettempdir()))


def card(page: Any, text: str) -> Any:
    return page.locator(".board-card").filter(has=page.locator(".card-text", has_text=text))


def column(page: Any, name: str) -> Any:
    return page.locator(".board-column").filter(has=page.get_by_role("heading", name=name, exact=True))


def test_cards_clustered_live(browser: Any, server: ServerProcess, workshop: dict[str, str]) -> None:
    dashboard = new_page(browser, "laptop")
    login(dashboard, server)
    dashboard.goto(workshop["Dashboard URL"].removesuffix("/live"))
    dashboard.get_by_label("Nya grupper, en per rad").fill("Bord 1\nBord 2")
    dashboard.get_by_role("button", name="Spara grupperna").click()
    dashboard.locator("#part-groups").get_by_text("Sparat.").wait_for()
    dashboard.goto(workshop["Dashboard URL"])
    dashboard.get_by_text("Ansluten").wait_for()
    dashboard.get_by_role("button", name=re.compile(r"^Öppna\W+Förutsättningar$")).click()

    projector = new_page(browser, "projector")
    projector.goto(workshop["Projector URL"])
    projector.get_by_text("Väntar på de första bidragen").wait_for()

    phone = new_page(browser, "phone")
    phone.goto(workshop["Join URL"])
    phone.get_by_label("Din bordsgrupp").select_option(label="Bord 2")
    assert axe_violations(phone) == []
    phone.get_by_role("button", name="Delta").click()
    field = phone.get_by_label("Ditt kort")
    field.wait_for()
    for text in ("Gemensam målbild", "Öronmärkta resurser", "<b>Tillit</b>"):
        field.fill(text)
        phone.get_by_role("button", name="Skicka").click()
        phone.locator(".entry-sent .entry-text").get_by_text(text, exact=True).wait_for()
    field.fill("Gemensam")  # similar cards show while typing
    assert axe_violations(phone) == []

    card(dashboard, "Gemensam målbild").wait_for()
    assert "Bord 2" in card(dashboard, "Gemensam målbild").locator(".card-meta").inner_text()
    expect(dashboard.locator("#answered")).to_have_text("1")  # one phone, three cards (was a dash)
    for name in ("Mål", "Resurser"):
        dashboard.get_by_label("Nytt tema").fill(name)
        dashboard.get_by_role("button", name="Lägg till tema").click()
        column(dashboard, name).wait_for()
    assert axe_violations(dashboard) == []

    second = new_page(browser, "laptop")
    second.context.add_cookies(dashboard.context.cookies())
    second.goto(workshop["Dashboard URL"])
    column(second, "Mål").wait_for()

    # By keyboard: focus the card, Enter, choose the theme, Enter.
    card(dashboard, "Gemensam målbild").focus()
    dashboard.keyboard.press("Enter")
    dashboard.get_by_label("Flytta till").first.select_option(label="Mål")
    dashboard.keyboard.press("Enter")
    column(dashboard, "Mål").locator(".card-text", has_text="Gemensam målbild").wait_for()
    dashboard.locator("#announcer").get_by_text("”Gemensam målbild” är nu nummer 1 av 1 i Mål").wait_for()
    assert card(dashboard, "Gemensam målbild").evaluate("el => el === document.activeElement")
    # By drag and drop.
    card(dashboard, "Öronmärkta resurser").drag_to(column(dashboard, "Resurser"))
    column(dashboard, "Resurser").locator(".card-text", has_text="Öronmärkta resurser").wait_for()

    # Reorder within a column by keyboard (Alt+↑), then undo it with Ctrl+Z.
    card(dashboard, "<b>Tillit</b>").focus()
    dashboard.keyboard.press("Enter")
    dashboard.get_by_label("Flytta till").first.select_option(label="Mål")
    dashboard.keyboard.press("Enter")
    column(second, "Mål").locator(".card-text", has_text="<b>Tillit</b>").wait_for()
    card(dashboard, "<b>Tillit</b>").focus()
    dashboard.keyboard.press("Alt+ArrowUp")
    dashboard.locator("#announcer").get_by_text("”<b>Tillit</b>” är nu nummer 1 av 2 i Mål").wait_for()
    assert card(dashboard, "<b>Tillit</b>").evaluate("el => el === document.activeElement")
    expect(column(second, "Mål").locator(".card-text")).to_have_text(["<b>Tillit</b>", "Gemensam målbild"])
    dashboard.keyboard.press("Control+z")
    dashboard.locator("#announcer").get_by_text("Ångrat: flytta ”<b>Tillit</b>”").wait_for()
    expect(column(dashboard, "Mål").locator(".card-text")).to_have_text(["Gemensam målbild", "<b>Tillit</b>"])

    # A deleted theme comes back with its cards.
    tools = column(dashboard, "Resurser").locator("details.theme-tools")
    tools.locator("summary").click()
    tools.get_by_role("button", name="Ta bort tema").click()
    column(dashboard, "Osorterade").locator(".card-text", has_text="Öronmärkta resurser").wait_for()
    dashboard.get_by_role("button", name="Ångra: ta bort temat ”Resurser”").click()
    column(dashboard, "Resurser").locator(".card-text", has_text="Öronmärkta resurser").wait_for()
    assert axe_violations(dashboard) == []

    # The second dashboard and the projector follow.
    column(second, "Mål").locator(".card-text", has_text="Gemensam målbild").wait_for()
    column(second, "Resurser").locator(".card-text", has_text="Öronmärkta resurser").wait_for()
    projector.locator(".theme-block", has_text="Mål").get_by_text("Gemensam målbild").wait_for()
    projector.locator(".theme-block", has_text="Resurser").get_by_text("Öronmärkta resurser").wait_for()
    assert projector.locator(".board-cards li", has_text="<b>Tillit</b>").count() == 1  # text, not markup
    assert projector.locator(".board b").count() == 0
    assert axe_violations(projector) == []
    projector.screenshot(path=str(SHOTS / "projector-prerequisites.png"))

    # A card's actions are behind its one "⋯" button (Åtgärder), so the board stays compact.
    card(dashboard, "<b>Tillit</b>").get_by_role("button", name=re.compile("^Åtgärder")).click()
    card(dashboard, "<b>Tillit</b>").get_by_role("button", name=re.compile("^Dölj")).click()
    projector.locator(".board-cards li", has_text="<b>Tillit</b>").wait_for(state="detached")
    card(second, "<b>Tillit</b>").locator(".card-text").wait_for()
    assert "is-hidden" in (card(second, "<b>Tillit</b>").get_attribute("class") or "")
    card(dashboard, "Gemensam målbild").get_by_role("button", name=re.compile("^Åtgärder")).click()
    card(dashboard, "Gemensam målbild").get_by_role("button", name=re.compile("^Highlight")).click()
    projector.locator(".board-cards li.is-highlight", has_text="Gemensam målbild").wait_for()
    # The notes panel lists the highlights of the day, each with a way back to its card.
    marked = dashboard.locator(".notes-panel .highlights")
    marked.locator(".note-text").get_by_text("Gemensam målbild").wait_for()
    marked.get_by_role("button", name=re.compile("^Visa var det finns")).click()
    assert card(dashboard, "Gemensam målbild").evaluate("el => el === document.activeElement")

    # Hinder och möjligheter, per theme, with a level.
    dashboard.get_by_role("button", name=re.compile(r"^Öppna\W+Hinder och möjligheter$")).click()
    phone.get_by_role("radio", name="Mål").check()
    phone.get_by_role("radio", name="Hinder").check()
    phone.get_by_label("Nivå (frivilligt)").select_option(label="Regional")
    phone.get_by_label("Ditt kort").fill("Olika mål hos huvudmännen")
    assert axe_violations(phone) == []
    phone.get_by_role("button", name="Skicka").click()
    phone.locator(".entry-sent", has_text="Olika mål hos huvudmännen").get_by_text("Tema: Mål").wait_for()
    phone.get_by_role("radio", name="Möjligheter").check()
    phone.get_by_label("Ditt kort").fill("Regionala arenor")
    phone.get_by_role("button", name="Skicka").click()

    block = projector.locator(".theme-block", has_text="Mål")
    block.locator(".category-columns > div", has_text="Hinder").get_by_text(
        "Olika mål hos huvudmännen"
    ).wait_for()
    block.locator(".category-columns > div", has_text="Möjligheter").get_by_text(
        "Regionala arenor"
    ).wait_for()
    assert axe_violations(projector) == []
    card(dashboard, "Olika mål hos huvudmännen").wait_for()
    assert "Regional" in card(dashboard, "Olika mål hos huvudmännen").locator(".card-meta").inner_text()
    assert axe_violations(dashboard) == []

    # The facilitator corrects a level by keyboard (L), and sets two cards' at once; undo.
    obstacle = card(dashboard, "Olika mål hos huvudmännen")
    obstacle.focus()
    dashboard.keyboard.press("l")
    obstacle.get_by_label("Nivå").select_option(label="Nationell")
    assert axe_violations(dashboard) == []
    dashboard.keyboard.press("Enter")
    expect(card(second, "Olika mål hos huvudmännen").locator(".card-meta")).to_contain_text("Nationell")
    dashboard.keyboard.press("Control+z")
    expect(obstacle.locator(".card-meta")).to_contain_text("Regional")
    obstacle.focus()
    dashboard.keyboard.press(" ")
    card(dashboard, "Regionala arenor").focus()
    dashboard.keyboard.press(" ")
    bar = dashboard.locator(".selection-bar")
    bar.get_by_label("Nivå").select_option(label="Lokal")
    bar.get_by_role("button", name="Sätt nivån").click()
    dashboard.locator("#announcer").get_by_text("Nivå för 2 kort: Lokal").wait_for()
    for text in ("Olika mål hos huvudmännen", "Regionala arenor"):
        expect(card(second, text).locator(".card-meta")).to_contain_text("Lokal")

    # Curation: E edits a card's text, the writer's phone keeps their own words; a card
    # split at the cursor, and the split undone.
    arenas = card(dashboard, "Regionala arenor")
    arenas.focus()
    dashboard.keyboard.press("e")
    editor = arenas.get_by_label("Kortets text")
    editor.fill("Regionala arenor för samverkan. Gemensamma utbildningar")
    assert axe_violations(dashboard) == []
    dashboard.screenshot(path=str(SHOTS / "dashboard-card-edit.png"))
    dashboard.keyboard.press("Control+Enter")
    expect(card(second, "Regionala arenor för samverkan").locator(".card-meta")).to_contain_text("redigerat")
    block.get_by_text("Regionala arenor för samverkan. Gemensamma utbildningar").wait_for()
    own = phone.locator(".entry-sent .entry-text", has_text="Regionala arenor")
    expect(own).to_have_text("Regionala arenor")
    arenas.focus()
    dashboard.keyboard.press("e")
    arenas.locator("summary", has_text="Deltagarens original").click()
    expect(arenas.locator(".card-original-text")).to_have_text("Regionala arenor")
    editor.evaluate("field => field.setSelectionRange(31, 31)")  # after "… för samverkan."
    arenas.get_by_role("button", name="Dela vid markören").click()
    expect(card(second, "Gemensamma utbildningar").locator(".card-meta")).to_contain_text("avdelat")
    block.get_by_text("Gemensamma utbildningar", exact=True).wait_for()
    expect(phone.locator(".entry-sent .entry-text")).to_have_count(2)  # not the card split off
    undo = "Ångra: dela ”Regionala arenor för samverkan. Gemensamma utbildningar”"
    dashboard.get_by_role("button", name=undo).click()
    second.locator(".card-text").get_by_text("Gemensamma utbildningar", exact=True).wait_for(state="detached")
    projector.get_by_text("Gemensamma utbildningar", exact=True).wait_for(state="detached")
    projector.screenshot(path=str(SHOTS / "projector-board.png"))
    dashboard.screenshot(path=str(SHOTS / "dashboard-board.png"), full_page=True)
    phone.screenshot(path=str(SHOTS / "phone-cards.png"), full_page=True)
    for page in (dashboard, second, projector, phone):
        assert page.errors == []
