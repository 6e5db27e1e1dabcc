"""An information step in a real browser: made in the editor with a text, a link and a
film, opened from the dashboard, shown on the projector and a phone (the film from this
server, loaded on the phone only when played), then exported with its film (.zip). axe
finds no serious problem."""

from __future__ import annotations

import os
import re
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import pytest

from bench.server import ServerProcess
from tests.browser.conftest import axe_violations, new_page
from tests.browser.test_live_workshop import login

pytestmark = [pytest.mark.browser, pytest.mark.slow]
SHOTS = Path(os.environ.get("RUNDABORD_SHOTS", tempfile.gettempdir()))


def test_information_step_on_every_screen(
    browser: Any, server: ServerProcess, workshop: dict[str, str]
) -> None:
    dashboard = new_page(browser, "laptop")
    login(dashboard, server)
    dashboard.goto(workshop["Dashboard URL"].removesuffix("/live"))
    dashboard.get_by_label("Typ av steg").select_option(label="Information (en text, en länk eller en film)")
    dashboard.get_by_role("button", name="Lägg till steg").click()
    dashboard.get_by_label("Rubrik").fill("Se filmen först")
    dashboard.get_by_label("Text", exact=True).fill(
        "Filmen visar en dag på en vårdcentral.\n\nSedan samtalar vi."
    )
    dashboard.get_by_label("Länk (frivilligt)").fill("https://example.org/film")
    assert axe_violations(dashboard) == []
    dashboard.get_by_role("button", name="Spara steget").click()
    dashboard.get_by_role("link", name="Se filmen först").click()
    dashboard.get_by_role("link", name="En film på storbildsskärmen och telefonerna…").click()
    film = Path(tempfile.mkdtemp()) / "dag.mp4"
    film.write_bytes(b"\x00\x00\x00\x18ftypmp42" + bytes(4096))
    dashboard.get_by_label("Film", exact=True).set_input_files(str(film))
    dashboard.get_by_role("button", name="Spara filmen").click()
    dashboard.get_by_text("Filmen är sparad.").wait_for()
    assert axe_violations(dashboard) == []

    dashboard.goto(workshop["Dashboard URL"])
    dashboard.get_by_text("Ansluten").wait_for()
    assert dashboard.get_by_text("Inget steg är öppet.", exact=False).is_visible()
    dashboard.get_by_role("button", name=re.compile(r"^Öppna\W+Se filmen först$")).click()
    # It is open, though it takes no input: the workspace says so, not "no step is open".
    dashboard.get_by_text("Det öppna steget tar inte emot något", exact=False).wait_for()
    assert not dashboard.get_by_text("Inget steg är öppet.", exact=False).is_visible()
    projector = new_page(browser, "projector")
    projector.goto(workshop["Projector URL"])
    projector.locator("#info-body p").get_by_text("Sedan samtalar vi.").wait_for()
    assert (projector.locator("#info-film").get_attribute("src") or "").startswith("/media/")
    projector.get_by_text("https://example.org/film").wait_for()
    assert axe_violations(projector) == []
    phone = new_page(browser, "phone")
    phone.goto(workshop["Join URL"])
    phone.get_by_role("button", name="Delta").click()
    phone.locator(".step-info .info-body p").first.wait_for()
    assert phone.locator(".step-info .info-film").get_attribute("preload") == "none"
    assert (
        phone.get_by_role("link", name="https://example.org/film").get_attribute("rel")
        == "noopener noreferrer"
    )
    assert axe_violations(phone) == []
    projector.screenshot(path=str(SHOTS / "projector-info.png"))
    phone.screenshot(path=str(SHOTS / "phone-info.png"), full_page=True)

    # The archive with its films, to move the workshop to another server: from the export page.
    exports = new_page(browser, "laptop", accept_downloads=True)
    login(exports, server)
    exports.goto(workshop["Dashboard URL"].removesuffix("/live") + "/export")
    exports.get_by_role("link", name="Ladda ner arkivet med filmerna (.zip)").click()
    with exports.expect_download(timeout=60_000) as download:
        exports.get_by_role("link", name="Ladda ner filen").click(timeout=60_000)
    assert download.value.suggested_filename.endswith(".zip")
    with zipfile.ZipFile(download.value.path()) as bundle:
        assert [bundle.read(n) for n in bundle.namelist() if n.startswith("files/")] == [film.read_bytes()]
    assert axe_violations(exports) == []
    for page in (dashboard, projector, phone, exports):
        assert page.errors == []
