"""The workshop editor as a facilitator uses it: table groups that keep the people in
them whatever line is removed or moved."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from bench.server import ServerProcess
from tests.browser.conftest import axe_violations, new_page
from tests.browser.test_live_workshop import login

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def join_at(browser: Any, workshop: dict[str, str], name: str, group: str) -> None:
    phone = new_page(browser, "phone")
    phone.goto(workshop["Join URL"])
    phone.get_by_text("Stå på deltagarlistan (frivilligt)").click()
    phone.get_by_label("Ditt namn (frivilligt)").fill(name)
    phone.get_by_label("Ja, visa mitt namn").check()
    phone.get_by_label("Din bordsgrupp").select_option(label=group)
    with phone.expect_navigation():
        phone.get_by_role("button", name="Delta").click()
    assert phone.get_by_role("button", name="Delta").count() == 0  # joined: the form is gone
    phone.context.close()


def named(action: str, group: str) -> re.Pattern[str]:
    """A control's name: its action, then (for screen readers) the group it acts on."""
    return re.compile(rf"^{action}\W+{group}$")


def tables(page: Any, server: ServerProcess, workshop: dict[str, str]) -> dict[str, str]:
    """Each listed participant's table group, as the participant list shows it."""
    page.goto(f"{server.url}/f/workshops/{workshop['Workshop']}/participants")
    rows = page.locator("tbody tr").all()
    return {row.locator("td").nth(0).inner_text(): row.locator("td").nth(3).inner_text() for row in rows}


def test_removing_and_moving_group_lines_moves_nobody(
    browser: Any, server: ServerProcess, workshop: dict[str, str]
) -> None:
    page = new_page(browser, "laptop")
    login(page, server)
    editor = f"{server.url}/f/workshops/{workshop['Workshop']}"
    page.goto(editor)
    page.get_by_label("Nya grupper, en per rad").fill("Bord 1\nBord 2\nBord 3\nBord 4")
    page.get_by_role("button", name="Spara grupperna").click()
    page.locator("#part-groups").get_by_text("Sparat.").wait_for()
    join_at(browser, workshop, "Kim", "Bord 3")
    join_at(browser, workshop, "Alex", "Bord 1")

    # The report's case: the empty "Bord 2" removed, with Enter in a field.
    page.goto(editor)
    page.get_by_role("checkbox", name=named("Ta bort", "Bord 2")).check()
    page.get_by_label("Namn på grupp 1").press("Enter")
    page.locator("#part-groups").get_by_text("Sparat.").wait_for()
    assert tables(page, server, workshop) == {"Kim": "Bord 3", "Alex": "Bord 1"}

    # Moved down and renamed: still the same people.
    page.goto(editor)
    page.get_by_label("Namn på grupp 1").fill("Bord Ett")
    page.get_by_role("button", name=named("Flytta ned", "Bord 1")).click()
    page.locator("#part-groups").get_by_text("Sparat.").wait_for()
    assert [page.get_by_label(f"Namn på grupp {n}").input_value() for n in (1, 2, 3)] == [
        "Bord 3",
        "Bord Ett",
        "Bord 4",
    ]
    assert tables(page, server, workshop) == {"Kim": "Bord 3", "Alex": "Bord Ett"}

    # A group with people asks where they go; nothing moves until it is told.
    page.goto(editor)
    page.get_by_role("checkbox", name=named("Ta bort", "Bord 3")).check()
    page.get_by_role("button", name="Spara grupperna").click()
    page.locator("#part-groups").get_by_text("Välj vart deltagarna och bidragen i ”Bord 3” ska").wait_for()
    assert axe_violations(page) == []
    assert page.get_by_role("checkbox", name=named("Ta bort", "Bord 3")).is_checked()  # what was typed stays
    assert page.locator("#part-groups").get_attribute("data-unsaved") == "true"  # and is not saved
    destination = page.get_by_label("Om ”Bord 3” tas bort, flytta dess deltagare och bidrag till")
    destination.select_option(label="Bord 4")
    page.get_by_role("button", name="Spara grupperna").click()
    page.locator("#part-groups").get_by_text("Sparat.").wait_for()
    assert tables(page, server, workshop) == {"Kim": "Bord 4", "Alex": "Bord Ett"}
    assert page.errors == []  # type: ignore[attr-defined]


def test_ending_the_workshop_thanks_the_room_at_once_and_keeps_mina_bidrag(
    browser: Any, server: ServerProcess, workshop: dict[str, str]
) -> None:
    phone = new_page(browser, "phone")
    phone.goto(workshop["Join URL"])
    with phone.expect_navigation():
        phone.get_by_role("button", name="Delta").click()
    phone.get_by_text("Ansluten").wait_for()
    projector = new_page(browser, "projector")
    projector.goto(workshop["Projector URL"])
    projector.wait_for_function("document.getElementById('connection').dataset.state === 'connected'")
    dashboard = new_page(browser, "laptop")
    login(dashboard, server)
    dashboard.goto(workshop["Dashboard URL"])
    dashboard.once("dialog", lambda dialog: dialog.accept())
    dashboard.get_by_role("button", name="Avsluta workshopen").click()
    dashboard.get_by_text("Workshopen är avslutad. Deltagarna kan fortfarande").wait_for()

    # No reload: the open phone and the projector say it at once.
    phone.get_by_role("heading", name="Workshopen är avslutad").wait_for()
    assert phone.locator("#steps").is_hidden()
    projector.locator("#ended-slide").get_by_text("Tack för att du deltog!").wait_for()
    assert projector.locator("#join-slide").is_hidden() and projector.locator("#corner-code").is_hidden()
    assert axe_violations(phone) == []
    phone.locator("#ended").get_by_role("link", name="Mina bidrag – se och ta bort det du skickat").click()
    phone.get_by_role("heading", name="Mina bidrag").first.wait_for()

    dashboard.get_by_role("button", name="Öppna workshopen igen").click()
    dashboard.get_by_text("Workshopen är öppen igen.").wait_for()
    phone.go_back()
    phone.get_by_text("Väntar på att processledaren öppnar nästa steg").wait_for()
    assert phone.locator("#ended").is_hidden()
    projector.locator("#join-slide").wait_for()
    for page in (phone, projector):
        assert page.errors == []  # type: ignore[attr-defined]


def test_saving_one_part_of_the_editor_keeps_what_is_typed_in_another(
    browser: Any, server: ServerProcess, workshop: dict[str, str]
) -> None:
    page = new_page(browser, "laptop")
    login(page, server)
    page.goto(f"{server.url}/f/workshops/{workshop['Workshop']}")
    page.get_by_label("Plats").fill("Hotell Gillet, Uppsala")  # typed, not saved
    notes = page.get_by_label("Kategorier för anteckningar, en per rad")
    notes.scroll_into_view_if_needed()
    notes.fill("Dagens höjdpunkter\nKolliderande synsätt")
    page.get_by_role("button", name="Spara kategorierna").click()
    saved = page.locator("#part-notes").get_by_text("Sparat.")
    saved.wait_for()
    box = saved.bounding_box()  # where the user is: in view, by what was saved
    assert box["y"] >= 0 and box["y"] + box["height"] <= 768
    assert page.evaluate("window.scrollY") > 1000  # not the top of a page that jumped
    assert page.get_by_label("Plats").input_value() == "Hotell Gillet, Uppsala"
    assert notes.input_value() == "Dagens höjdpunkter\nKolliderande synsätt"
    assert axe_violations(page) == []

    # Leaving with the place still unsaved asks first; staying keeps it.
    asked: list[str] = []

    def stay(dialog: Any) -> None:
        asked.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", stay)
    page.get_by_role("link", name="Mina workshoppar").click()
    page.wait_for_timeout(500)
    assert asked == ["beforeunload"]
    assert page.get_by_label("Plats").input_value() == "Hotell Gillet, Uppsala"
    # The language button draws the page anew: what was typed comes back with it.
    page.remove_listener("dialog", stay)
    page.on("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="In English").click()
    page.wait_for_function("document.documentElement.lang === 'en'")
    # (the page's script puts the text back once it has run: wait for it, not for the load)
    expect(page.get_by_label("Place")).to_have_value("Hotell Gillet, Uppsala")
    page.get_by_role("button", name="På svenska").click()
    page.wait_for_function("document.documentElement.lang === 'sv'")
    expect(page.get_by_label("Plats")).to_have_value("Hotell Gillet, Uppsala")
    page.locator("#part-facts").get_by_role("button", name="Spara").click()
    page.locator("#part-facts").get_by_text("Sparat.").wait_for()
    page.reload()
    assert page.get_by_label("Plats").input_value() == "Hotell Gillet, Uppsala"
