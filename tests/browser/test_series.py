"""The series pages in a real browser: the demo's three regional meetings, their matched
themes, a correction saved, the synthesis deck downloaded; axe-clean throughout."""

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


def test_series_matching_and_synthesis(browser: Any, server: ServerProcess, workshop: dict[str, str]) -> None:
    server.flask("load-demo", "--facilitator", "leda@region.se")
    page = new_page(browser, "laptop")
    login(page, server)
    page.get_by_role("link", name="Serier").click()
    assert axe_violations(page) == []
    page.get_by_role("link", name=re.compile("Framtidens vårdkompetens")).click()
    page.get_by_role("heading", name="Mötenas teman, matchade").wait_for()
    assert axe_violations(page) == []
    field = page.get_by_label("Grupp för Gemensamma mål (Linköping)")
    assert field.input_value() == "Gemensamma mål"
    page.get_by_label("Seriens titel").fill("Framtidens vårdkompetens 2027")  # typed, not saved
    field.fill("  målbild")  # another case and a space: the same group as "Målbild"
    page.get_by_role("button", name="Spara matchningen").click()
    page.locator("#part-themes").get_by_text("Sparat.").wait_for()
    assert page.get_by_label("Grupp för Gemensamma mål (Linköping)").input_value() == "Målbild"
    assert page.get_by_label("Seriens titel").input_value() == "Framtidens vårdkompetens 2027"
    page.locator("#part-series").get_by_role("button", name="Spara").click()
    page.locator("#part-series").get_by_text("Sparat.").wait_for()
    page.get_by_role("heading", name="Framtidens vårdkompetens 2027", level=1).wait_for()
    page.screenshot(path=str(SHOTS / "laptop-series.png"), full_page=True)
    with page.expect_download() as download:
        page.get_by_role("link", name="Ladda ner syntesen (.pptx)").click()
    assert download.value.suggested_filename.endswith(".pptx")
    assert page.errors == []  # type: ignore[attr-defined]
