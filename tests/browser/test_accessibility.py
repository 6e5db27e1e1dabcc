"""Every view, in Swedish and in English, as the people in the room use it: axe-core
finds no violation of any impact on any page or state (public pages, login, errors,
the organizer's pages, the dashboard, each kind of step on the phone and the
projector), the facilitator's and the projector's keys work, and live updates are
announced politely without flooding.

With SCREENSHOT_DIR set, every state visited is also saved as a picture to look at.

About 330 lines: one walk through every page and state, in both languages.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bench.phone import Phone, close_all
from bench.server import ServerProcess, facilitator_and_workshop
from content.templates import SAMVERKAN
from tests.browser.conftest import OVERFLOW, WIDE, axe_violations, new_page, record_announcements

pytestmark = [pytest.mark.browser, pytest.mark.slow]
LANGUAGES = ("sv", "en")
SHOTS = Path(os.environ["SCREENSHOT_DIR"]) if os.environ.get("SCREENSHOT_DIR") else None
STEPS = tuple(step.title for step in SAMVERKAN.steps)  # the agenda of the template


@pytest.fixture(scope="module")
def demo(server: ServerProcess) -> dict[str, str]:
    """Seed 002's day, finished, with every kind of step holding input."""
    return facilitator_and_workshop(server, "leda@region.se", "correct horse battery", demo=True)


def look(page: Any, name: str) -> None:
    """The page as it is now: no axe violation, no script error; saved when asked."""
    page.wait_for_load_state("load")
    if SHOTS:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}.png"))
    assert axe_violations(page) == [], name
    assert page.errors == [], name  # type: ignore[attr-defined]


def choose_language(page: Any, lang: str) -> None:
    """Switch with the page's own button, as a person would."""
    if lang == "en":
        page.get_by_role("button", name="In English").click()
    page.locator(f"html[lang={lang}]").wait_for(state="attached")


def login(page: Any, server: ServerProcess, lang: str) -> None:
    page.goto(server.url + "/f/login")
    choose_language(page, lang)
    look(page, f"{lang}-login")
    page.locator("#email").fill("leda@region.se")
    page.locator("#password").fill("wrong password")
    page.locator("main form button[type=submit]").click()
    page.locator(".error, .flash-error").first.wait_for()
    look(page, f"{lang}-login-error")
    page.locator("#password").fill("correct horse battery")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/f/")
    # The account keeps the last language chosen (Settings); this test wants its own.
    if page.locator("html").get_attribute("lang") != lang:
        page.get_by_role("button", name={"sv": "På svenska", "en": "In English"}[lang]).click()
        page.locator(f"html[lang={lang}]").wait_for(state="attached")


def live_dashboard(browser: Any, server: ServerProcess, demo: dict[str, str], lang: str) -> Any:
    """A facilitator logged in (in `lang`) on the demo's live dashboard, connected."""
    dashboard = new_page(browser, "laptop")
    login(dashboard, server, lang)
    dashboard.goto(demo["Dashboard URL"])
    dashboard.locator("#connection[data-state=connected]").wait_for()
    return dashboard


@pytest.mark.parametrize("lang", LANGUAGES)
def test_public_pages(browser: Any, server: ServerProcess, demo: dict[str, str], lang: str) -> None:
    phone = new_page(browser, "phone")
    phone.goto(server.url + "/")
    choose_language(phone, lang)
    look(phone, f"{lang}-phone-start")
    phone.goto(server.url + "/j/NOPE22")
    look(phone, f"{lang}-phone-wrong-code")
    phone.goto(server.url + "/integritet")
    look(phone, f"{lang}-phone-privacy")
    phone.goto(server.url + "/tillganglighet")
    heading = {
        "sv": "Tillgänglighetsredogörelse för Rundabord",
        "en": "Accessibility statement for Rundabord",
    }
    phone.get_by_role("heading", level=1, name=heading[lang]).wait_for()
    for part in {
        "sv": ("Tillsyn", "Hur vi testat tjänsten"),
        "en": ("Enforcement", "How we tested the service"),
    }[lang]:
        phone.get_by_role("heading", level=2, name=part).wait_for()
    look(phone, f"{lang}-phone-accessibility")
    phone.goto(server.url + "/no/such/page")
    look(phone, f"{lang}-error-404")
    phone.goto(demo["Join URL"])
    look(phone, f"{lang}-phone-join")
    phone.locator("main form button[type=submit]").last.click()
    phone.locator("#phone #waiting").wait_for()
    phone.locator("#connection[data-state=connected]").wait_for()
    look(phone, f"{lang}-phone-waiting")
    phone.locator(".mine-link a").click()
    look(phone, f"{lang}-phone-mine")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_organizer_pages(browser: Any, server: ServerProcess, demo: dict[str, str], lang: str) -> None:
    page = new_page(browser, "laptop")
    login(page, server, lang)
    look(page, f"{lang}-laptop-workshops")
    workshop = demo["Dashboard URL"].removesuffix("/live")
    pages = {
        "new": server.url + "/f/workshops/new",
        "editor": workshop,
        "participants": workshop + "/participants",
        "tables": workshop + "/tables",
        "export": workshop + "/export",
        "report": workshop + "/report",  # the printable report, in the language of its reader
        "series-list": server.url + "/f/series",
        "settings": server.url + "/f/settings",
        "other-workshop": server.url + "/f/workshops/999",
    }
    for name, url in pages.items():
        page.goto(url)
        look(page, f"{lang}-laptop-{name}")
    page.goto(workshop)
    page.locator("a[href*='/steps/']").first.click()
    look(page, f"{lang}-laptop-edit-step")
    # Importing cards: a preview of what will be made, and a refused row.
    step_id = list(dict.fromkeys(re.findall(r"/steps/(\d+)", page.request.get(workshop).text())))[1]
    page.goto(f"{workshop}/steps/{step_id}/import-cards")
    look(page, f"{lang}-laptop-import")
    page.locator("textarea[name=text]").fill("Tillit mellan huvudmännen\nGemensam budget")
    page.locator("main form button[type=submit]").first.click()
    page.locator(".import-preview").wait_for()
    look(page, f"{lang}-laptop-import-preview")
    page.locator("textarea[name=text]").fill("text\tcategory\nKort\tHinder")
    page.locator("main form button[type=submit]").first.click()
    page.locator(".import-preview [role=alert]").wait_for()
    look(page, f"{lang}-laptop-import-refused")
    page.goto(server.url + "/f/series")
    page.locator("main a[href*='/f/series/']").first.click()
    look(page, f"{lang}-laptop-series")


def test_organizer_pages_reflow_at_320_px(browser: Any, server: ServerProcess, demo: dict[str, str]) -> None:
    """WCAG 1.4.10: nothing scrolls sideways at 320 px but the wide tables, inside their own box."""
    page = new_page(browser, "small")
    login(page, server, "sv")
    workshop = demo["Dashboard URL"].removesuffix("/live")
    for path in ("/f/", "/f/workshops/new", "/f/series", "/f/settings", "/tillganglighet"):
        page.goto(server.url + path)
        assert page.evaluate(OVERFLOW) <= 0, (path, page.evaluate(WIDE))
    for url in (
        workshop,
        workshop + "/participants",
        workshop + "/tables",
        workshop + "/export",
        demo["Dashboard URL"],
    ):
        page.goto(url)
        page.wait_for_load_state("load")
        if url.endswith("/live"):  # the dashboard's panels arrive with the snapshot
            page.locator("#connection[data-state=connected]").wait_for()
            page.get_by_role("button", name="Förutsättningar", exact=True).click()  # its board
            page.locator("#workspace .board-panel .board-card").first.wait_for()
        assert page.evaluate(OVERFLOW) <= 0, (url, page.evaluate(WIDE))
    assert axe_violations(page) == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_step_on_phone_projector_and_dashboard(
    browser: Any, server: ServerProcess, demo: dict[str, str], lang: str
) -> None:
    dashboard = live_dashboard(browser, server, demo, lang)
    dashboard.locator(".agenda-step").first.wait_for()
    assert dashboard.locator(".agenda-step.is-open").count() == 0  # no step open: the join slide
    look(dashboard, f"{lang}-dashboard")

    projector = new_page(browser, "projector")
    projector.goto(server.url + "/")
    choose_language(projector, lang)
    projector.goto(demo["Projector URL"])
    projector.locator("#join-slide").wait_for()
    look(projector, f"{lang}-projector-join")

    phone = new_page(browser, "phone")
    phone.goto(demo["Join URL"])
    choose_language(phone, lang)
    phone.locator("main form button[type=submit]").last.click()
    phone.locator("#connection[data-state=connected]").wait_for()

    # The first step by its button, then N opens the next one: every kind of step in turn.
    dashboard.get_by_role("button", name=re.compile(rf"^(Öppna|Open)\W+{STEPS[0]}$")).click()
    dashboard.locator("h1").click()
    for number, title in enumerate(STEPS, start=1):
        if number > 1:
            dashboard.keyboard.press("n")
        dashboard.locator(".agenda-step.is-open", has_text=title).wait_for()
        phone.locator(".step-title", has_text=title).wait_for()
        projector.locator("#step-view:not([hidden]) #step-prompt").wait_for()
        projector.wait_for_timeout(300)  # a cloud or a board page settles
        if number == 2:
            # H on the card the facilitator is on hides it, and shows it again.
            card = dashboard.locator(".board-card").first
            card.focus()
            dashboard.keyboard.press("h")
            dashboard.locator(".board-card.is-hidden").first.wait_for()
            dashboard.keyboard.press("h")
            dashboard.locator(".board-card.is-hidden").wait_for(state="detached")
            assert card.evaluate("el => el === document.activeElement")
        look(phone, f"{lang}-phone-step{number}")
        look(projector, f"{lang}-projector-step{number}")
        look(dashboard, f"{lang}-dashboard-step{number}")

    # The projector's own keys: the join slide over the step, high contrast, the list of keys.
    projector.locator("body").press("j")
    projector.locator("#join-slide:not([hidden])").wait_for()
    look(projector, f"{lang}-projector-join-over-step")
    projector.keyboard.press("Escape")
    projector.locator("#step-view:not([hidden])").wait_for()
    projector.keyboard.press("k")
    projector.locator("body.high-contrast").wait_for(state="attached")
    look(projector, f"{lang}-projector-high-contrast")
    projector.reload()
    projector.locator("body.high-contrast").wait_for(state="attached")  # the screen remembers
    projector.keyboard.press("?")
    projector.locator("#keys-help:not([hidden])").wait_for()
    look(projector, f"{lang}-projector-keys")
    projector.keyboard.press("Escape")
    projector.locator("#keys-help").wait_for(state="hidden")
    projector.keyboard.press("k")

    # The dashboard's list of keys is a modal dialog; Esc closes it.
    dashboard.keyboard.press("?")
    dashboard.locator("#keys-help[open]").wait_for()
    look(dashboard, f"{lang}-dashboard-keys")
    dashboard.keyboard.press("Escape")
    dashboard.locator("#keys-help[open]").wait_for(state="detached")
    dashboard.keyboard.press("n")
    dashboard.locator("#announcer").get_by_text(re.compile("inget nästa steg|no next step")).wait_for()

    # Closing the last step brings the join slide back (and leaves the demo as it was found,
    # so the next run of this test starts from the join slide too).
    last = re.escape(STEPS[-1])
    dashboard.get_by_role("button", name=re.compile(rf"^(Stäng|Close)\W+{last}$")).click()
    dashboard.locator(".agenda-step.is-open").wait_for(state="detached")
    projector.locator("#join-slide:not([hidden])").wait_for()


@pytest.fixture
def live(browser: Any, server: ServerProcess, demo: dict[str, str]) -> Iterator[dict[str, Any]]:
    """A dashboard and a projector that record every announcement their live regions make."""
    dashboard = live_dashboard(browser, server, demo, "sv")
    projector = new_page(browser, "projector")
    projector.goto(demo["Projector URL"])
    projector.locator("#connection[data-state=connected]").wait_for(state="attached")
    yield {"dashboard": dashboard, "projector": projector}
    dashboard.context.close()
    projector.context.close()


def test_live_updates_are_announced_without_flooding(
    live: dict[str, Any], server: ServerProcess, demo: dict[str, str]
) -> None:
    dashboard, projector = live["dashboard"], live["projector"]
    dashboard.locator("h1").click()
    dashboard.get_by_role("button", name=re.compile(r"^Öppna\W+Förutsättningar$")).click()
    dashboard.locator("#announcer").get_by_text("Steg öppnat: Förutsättningar").wait_for(state="attached")
    projector.locator("#announcer").get_by_text(re.compile("Visas nu")).wait_for(state="attached")
    # No region that is read aloud holds a list that grows with the room's input.
    for page in (dashboard, projector):
        assert page.evaluate("document.querySelectorAll('[aria-live] li, [role=status] li').length") == 0
        record_announcements(page)

    # Twenty cards from ten phones within a second or two.
    phones = [Phone(server.url, demo["Join code"]) for _ in range(10)]
    try:
        for phone in phones:
            phone.connect()
        editor = dashboard.request.get(demo["Dashboard URL"].removesuffix("/live")).text()
        step_id = int(list(dict.fromkeys(re.findall(r"/steps/(\d+)", editor)))[1])  # Förutsättningar
        ids = [
            p.submit("submit_card", {"step_id": step_id, "text": f"Kort {n} från {i}"})
            for i, p in enumerate(phones)
            for n in range(2)
        ]
        for phone in phones:
            phone.flush()
        assert len(ids) == 20
        dashboard.locator(".board-card", has_text="Kort 1 från 9").wait_for()
        projector.get_by_text("Kort 1 från 9").wait_for()
        dashboard.wait_for_timeout(1000)
    finally:
        close_all(phones)
    for page in (dashboard, projector):
        said = page.evaluate("window.said")
        counted = [s for s in said if re.search(r"\d+ ny(a|tt)? ", s)]
        assert 1 <= len(counted) <= 2, said  # at once, then at most once per ten seconds
        assert len(said) <= 3, said


FOCUS = """() => {
  const el = document.activeElement;
  if (el === document.body) return {what: 'past the last stop', visible: true};  // in the browser's own bar
  const style = getComputedStyle(el);
  const outlined = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
  return {what: el.outerHTML.slice(0, 70), visible: outlined || style.boxShadow !== 'none'};
}"""


def test_focus_is_visible_at_every_tab_stop(
    browser: Any, server: ServerProcess, demo: dict[str, str]
) -> None:
    """Tab through the dashboard and the phone: every stop shows where the focus is."""
    dashboard = live_dashboard(browser, server, demo, "sv")
    phone = new_page(browser, "phone")
    phone.goto(demo["Join URL"])
    phone.locator("main form button[type=submit]").last.click()
    phone.locator("#connection[data-state=connected]").wait_for()
    for page in (dashboard, phone):
        seen = []
        for _ in range(40):
            page.keyboard.press("Tab")
            seen.append(page.evaluate(FOCUS))
        hidden = [stop["what"] for stop in seen if not stop["visible"]]
        assert hidden == [], hidden
