"""Scribes and co-facilitators end to end in a real browser: the facilitator makes a scribe
link for one table group; the scribe, on a phone, enters a word for the group and writes a
note; the dashboard and the projector show the word (marked as entered for the group) and
the note; the scribe reads the board; a revoked link stops working. A co-facilitator is
added by account and then runs the workshop too."""

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


def test_scribe_link_notes_and_input_for_a_group(
    browser: Any, server: ServerProcess, workshop: dict[str, str]
) -> None:
    editor_url = workshop["Dashboard URL"].removesuffix("/live")
    dashboard = new_page(browser, "laptop")
    login(dashboard, server)
    dashboard.goto(editor_url)
    dashboard.get_by_label("Nya grupper, en per rad").fill("Bord 1\nBord 2")
    dashboard.get_by_role("button", name="Spara grupperna").click()
    dashboard.locator("#part-groups").get_by_text("Sparat.").wait_for()

    # A scribe link for Bord 1, with its QR code.
    dashboard.get_by_label("Skribentens namn (frivilligt)").fill("Sam")
    dashboard.get_by_label("Skriver för").select_option(label="Bord 1")
    dashboard.get_by_role("button", name="Skapa en skribentlänk").click()
    dashboard.locator("#part-scribes").get_by_text("Sparat.").wait_for()
    qr = dashboard.get_by_role("img", name="QR-kod till länken för Sam")
    qr.wait_for()
    dashboard.wait_for_function("(img) => img.complete && img.naturalWidth > 0", arg=qr.element_handle())
    scribe_url = dashboard.get_by_label("Länk").input_value()
    assert re.fullmatch(re.escape(server.url) + r"/s/[\w-]{20,}", scribe_url)
    assert axe_violations(dashboard) == []

    # A co-facilitator needs an account; an unknown address is explained, nothing lost.
    server.flask("create-facilitator", "kollega@region.se", "--password", "correct horse battery")
    dashboard.get_by_label("E-postadress till medprocessledarens konto").fill("okand@region.se")
    dashboard.get_by_role("button", name="Lägg till processledaren").click()
    dashboard.get_by_text("Det finns inget konto med den e-postadressen").first.wait_for()
    assert (
        dashboard.get_by_label("E-postadress till medprocessledarens konto").input_value()
        == "okand@region.se"
    )
    dashboard.get_by_label("E-postadress till medprocessledarens konto").fill("kollega@region.se")
    dashboard.get_by_role("button", name="Lägg till processledaren").click()
    dashboard.locator(".facilitator-list li", has_text="kollega@region.se").wait_for()

    dashboard.goto(workshop["Dashboard URL"])
    dashboard.get_by_text("Ansluten").wait_for()
    dashboard.get_by_role("button", name=re.compile(r"^Öppna\W+Ordet samverkan$")).click()
    projector = new_page(browser, "projector")
    projector.goto(workshop["Projector URL"])
    projector.locator("#step-prompt").wait_for()

    # The scribe on a phone: a word from Bord 1's paper, and a note.
    scribe = new_page(browser, "phone")
    scribe.goto(scribe_url)
    scribe.locator("#connection[data-state=connected]").wait_for()
    scribe.get_by_label("Steg").select_option(label="Ordet samverkan")
    assert not scribe.get_by_label("Bordsgrupp").is_visible()  # the link is for Bord 1 only
    scribe.get_by_label("Text").fill("   ")
    scribe.get_by_role("button", name="Skicka för gruppen").click()
    scribe.get_by_text("Skriv något först.").wait_for()  # a clear message beside the field
    scribe.get_by_label("Text").fill("Tillit")
    scribe.get_by_role("button", name="Skicka för gruppen").click()
    scribe.locator(".behalf-status").get_by_text("Skickat för Bord 1").wait_for()
    assert scribe.get_by_label("Text").input_value() == ""
    dashboard.locator(".words-panel .meta", has_text="inmatat för gruppen, Bord 1").wait_for(state="attached")
    projector.locator("#ranking").get_by_text("Tillit").wait_for()

    # The word becomes a highlight of the day: listed beside the notes, with a way back to it.
    row = dashboard.locator(".word-row", has_text="Tillit")
    row.locator("summary").click()
    row.get_by_role("button", name="Highlight").click()
    row.get_by_role("button", name="Highlight", pressed=True).wait_for()
    marked = dashboard.locator(".notes-panel .highlights")
    marked.get_by_text("Markerade som highlights på tavlorna (1)").wait_for()
    marked.get_by_role("button", name=re.compile(r"^Visa var det finns\W+Tillit$")).click()
    dashboard.wait_for_function(
        "() => document.activeElement?.closest('.word-row')?.textContent.includes('Tillit')"
    )

    notes = scribe.get_by_role("region", name="Anteckningar")
    notes.get_by_label("Kategori").select_option("Skribenternas reflektioner")
    notes.get_by_label("Anteckning").fill("Bord 1 vill bjuda in brukarna")
    notes.get_by_role("button", name="Lägg till anteckningen").click()
    dashboard.locator(".notes-panel .note", has_text="Bord 1 vill bjuda in brukarna").get_by_text(
        "Sam, Bord 1"
    ).wait_for()
    dashboard.locator(".notes-panel").get_by_label("Anteckning", exact=True).fill(
        "Processledarens anteckning"
    )
    dashboard.locator(".notes-panel").get_by_role("button", name="Lägg till anteckningen").click()
    theirs = scribe.locator(".note", has_text="Processledarens anteckning")
    theirs.wait_for()
    assert theirs.get_by_role("button").count() == 0  # a scribe changes only their own notes
    assert (
        scribe.locator(".note", has_text="Bord 1 vill bjuda in brukarna")
        .get_by_role("button", name=re.compile("^Ändra"))
        .count()
        == 1
    )
    assert axe_violations(scribe) == []
    assert scribe.errors == []
    scribe.screenshot(path=str(SHOTS / "phone-scribe.png"), full_page=True)

    # The board, read-only, as the projector shows it.
    board = new_page(browser, "laptop")
    board.goto(scribe_url + "/board")
    board.locator("#ranking").get_by_text("Tillit").wait_for()
    assert axe_violations(board) == []

    # Revoked: the open pages say so at once and stop; the link says so on every path.
    dashboard.goto(editor_url)
    dashboard.once("dialog", lambda dialog: dialog.accept())
    dashboard.get_by_role("button", name=re.compile(r"^Dra in länken\W+Sam$")).click()
    dashboard.locator("#part-scribes").get_by_text("Skribentens länk fungerar inte längre.").wait_for()
    for page in (scribe, board):
        page.get_by_role("heading", name="Länken har återkallats").wait_for()
        assert page.get_by_role("button", name="Lägg till anteckningen").count() == 0
    assert axe_violations(scribe) == []
    for path in ("", "/board"):
        response = board.goto(scribe_url + path)
        assert response.status == 410
        board.get_by_text("Länken har återkallats. Be processledaren om en ny länk.").wait_for()

    # The co-facilitator sees the workshop among their own and can run it.
    colleague = new_page(browser, "laptop")
    colleague.goto(server.url + "/f/login")
    colleague.get_by_label("E-post").fill("kollega@region.se")
    colleague.get_by_label("Lösenord").fill("correct horse battery")
    colleague.get_by_role("button", name="Logga in").click()
    colleague.get_by_role("link", name=re.compile("Ledning & Styrning i Samverkan")).first.click()
    colleague.get_by_role("link", name="Kör live").click()
    colleague.get_by_text("Ansluten").wait_for()
    colleague.locator(".notes-panel .note-text").get_by_text("Bord 1 vill bjuda in brukarna").wait_for()

    # The export page: every choice reachable, and the deck downloads.
    colleague.goto(editor_url + "/export")
    assert axe_violations(colleague) == []
    # The export runs as a job: its stage shows beside the button, then a link to the file.
    colleague.get_by_role("button", name="Ladda ner presentationen (.pptx)").click()
    with colleague.expect_download() as download:
        colleague.get_by_role("link", name="Ladda ner filen").click()
    assert download.value.suggested_filename.endswith(".pptx")
    excel = colleague.get_by_role("link", name="Ladda ner som Excel (.xlsx)")
    excel.click()
    with colleague.expect_download() as download:
        excel.locator("xpath=..").get_by_role("link", name="Ladda ner filen").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    colleague.get_by_label("Titelbild").uncheck()
    for box in colleague.locator("fieldset input[type=checkbox]").all():
        box.uncheck()
    colleague.get_by_role("button", name="Ladda ner presentationen (.pptx)").click()
    colleague.get_by_text("Välj minst en del av presentationen.").wait_for()
    assert axe_violations(colleague) == []
    colleague.screenshot(path=str(SHOTS / "laptop-export.png"), full_page=True)
