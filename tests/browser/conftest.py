"""Browser fixtures: Debian's Chromium driven by Playwright, axe-core for accessibility."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bench.server import ServerProcess, facilitator_and_workshop
from tests.support.required import missing

AXE = Path(__file__).parent / "vendor/axe-core/axe.min.js"


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        missing("Chromium is not installed (apt-get install chromium)")
    return path


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("playwright is not installed")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
            ],
        )
        browser.devices = playwright.devices  # phone emulation (test_phone_access)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    server = ServerProcess(tmp_path_factory.mktemp("browser-server"))
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def workshop(server: ServerProcess) -> dict[str, str]:
    return facilitator_and_workshop(
        server, "leda@region.se", "correct horse battery", "Ledning & Styrning i Samverkan"
    )


# How far the page scrolls sideways (0 when it reflows), and what sticks out when it does.
OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
WIDE = """() => [...document.querySelectorAll('body *')]
  .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
  .map((el) => el.outerHTML.slice(0, 80))"""


SIZES = {"phone": (360, 740), "small": (320, 640), "projector": (1920, 1080), "laptop": (1366, 768)}


def new_page(browser: Any, size: str = "laptop", service_workers: str = "block", **options: Any) -> Any:
    """A page in a fresh context. The phone's service worker is blocked unless a test
    asks for it, so that routing and offline emulation reach every request."""
    if size in SIZES:
        options.setdefault("viewport", {"width": SIZES[size][0], "height": SIZES[size][1]})
    options.setdefault("locale", "sv-SE")
    # bypass_csp only so the test can inject axe-core; the app's own policy is tested elsewhere.
    context = browser.new_context(bypass_csp=True, service_workers=service_workers, **options)
    page = context.new_page()
    page.errors = []  # type: ignore[attr-defined]
    page.on("pageerror", lambda error: page.errors.append(str(error)))  # type: ignore[attr-defined]
    page.on("dialog", lambda dialog: page.errors.append(f"dialog: {dialog.message}"))  # type: ignore[attr-defined]
    return page


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """Every axe-core violation (any impact) on the page as it is now."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:3]}
        for v in result["violations"]
    ]


# Each live region's announcements, in order, kept in `window.said`: a region says one
# thing at a time, so a later one (input arriving from the room) can take the place of
# the one a test waits for before the test looks.
RECORD_ANNOUNCEMENTS = """() => {
  window.said = [];
  for (const region of document.querySelectorAll('[aria-live], [role=status], [role=alert]')) {
    const note = () => { if (region.textContent.trim()) window.said.push(region.textContent.trim()); };
    new MutationObserver(note).observe(region, {childList: true, subtree: true, characterData: true});
  }
}"""


def record_announcements(page: Any) -> None:
    """From now on, keep what the page's live regions say (`window.said`)."""
    page.evaluate(RECORD_ANNOUNCEMENTS)


def wait_until_said(page: Any, text: str, timeout_ms: float = 30_000) -> None:
    """Wait until a live region has said `text` since `record_announcements`."""
    page.wait_for_function(
        "(text) => window.said.some((s) => s.includes(text))", arg=text, timeout=timeout_ms
    )
