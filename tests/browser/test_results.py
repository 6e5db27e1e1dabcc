"""The results page in a real browser: published from the editor's own part (the date and
the parts filled in for the facilitator), read on a phone without an account; axe finds no
serious problem on either page."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import pytest

from bench.server import ServerProcess
from tests.browser.conftest import axe_violations, new_page
from tests.browser.test_live_workshop import login

pytestmark = [pytest.mark.browser, pytest.mark.slow]
SHOTS = Path(os.environ.get("RUNDABORD_SHOTS", tempfile.gettempdir()))


def test_results_published_and_read_on_a_phone(
    browser: Any, server: ServerProcess, workshop: dict[str, str]
) -> None:
    dashboard = new_page(browser, "laptop")
    login(dashboard, server)
    dashboard.goto(workshop["Dashboard URL"].removesuffix("/live"))
    part = dashboard.locator("#part-results")
    part.get_by_label("Publicera resultatsidan på adressen för att delta").check()
    part.get_by_label("Er sammanfattning (frivilligt)").fill("Tack för i dag!\n\nVi återkommer i januari.")
    assert part.get_by_label("Spåren, efter röster").is_checked()  # every part, until chosen otherwise
    part.get_by_role("button", name="Spara resultatsidan").click()
    part.get_by_text("Sparat.").wait_for()
    assert axe_violations(dashboard) == []

    phone = new_page(browser, "phone")
    phone.goto(workshop["Join URL"])
    phone.get_by_role("link", name="Se vad det blev: resultatet").click()
    phone.get_by_role("heading", name="Från processledarna").wait_for()
    phone.get_by_text("Vi återkommer i januari.").wait_for()
    assert axe_violations(phone) == []
    phone.screenshot(path=str(SHOTS / "phone-results.png"), full_page=True)
    for page in (dashboard, phone):
        assert page.errors == []
