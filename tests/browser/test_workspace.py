"""The live dashboard's workspace on a 1366x768 laptop: the open step is the page. After
opening a step of the demo workshop its input is in view without scrolling, the agenda
beside it; another step's input is one click away, and the workspace follows the open
step again when asked. A board's cards are compact: their actions sit behind one button,
and a suggested theme is taken with one key."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from bench.server import ServerProcess, addresses, facilitator_and_workshop
from tests.browser.conftest import axe_violations, new_page
from tests.browser.test_live_workshop import login

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def demo(server: ServerProcess) -> dict[str, str]:
    return facilitator_and_workshop(server, "leda@region.se", "correct horse battery", demo=True)


def in_view(page: Any, locator: Any) -> bool:
    box = locator.bounding_box()
    height = page.viewport_size["height"]
    return box is not None and box["y"] >= 0 and box["y"] + min(box["height"], 40) <= height


def connected_dashboard(browser: Any, server: ServerProcess, url: str) -> Any:
    """A facilitator logged in on a live dashboard (1366x768), connected."""
    dashboard = new_page(browser, "laptop")
    login(dashboard, server)
    dashboard.goto(url)
    dashboard.get_by_text("Ansluten").wait_for()
    return dashboard


def open_step(page: Any, title: str) -> None:
    page.get_by_role("button", name=re.compile(rf"^Öppna\W+{re.escape(title)}$")).click()
    page.locator(".agenda-step.is-open", has_text=title).wait_for()


def test_the_open_step_is_the_page(browser: Any, server: ServerProcess, demo: dict[str, str]) -> None:
    dashboard = connected_dashboard(browser, server, demo["Dashboard URL"])

    # A cards step: its inbox ("Osorterade") and its first card, without scrolling.
    open_step(dashboard, "Förutsättningar")
    workspace = dashboard.locator("#workspace")
    board = workspace.locator(".board-panel")
    board.locator(".board-card").first.wait_for()
    assert dashboard.evaluate("window.scrollY") == 0
    assert in_view(dashboard, board.locator(".board-column.is-unsorted"))
    assert in_view(dashboard, board.locator(".board-card").first)
    assert in_view(dashboard, dashboard.locator(".agenda-step.is-open"))
    assert workspace.locator(".panel").count() == 1  # no other step's panel around it
    assert axe_violations(dashboard) == []

    # A card's actions are behind its one button; Escape closes them, back on the card.
    first = board.locator(".board-card").first
    assert first.locator(".card-actions").is_hidden()
    first.focus()
    dashboard.keyboard.press(".")
    expect(first.get_by_role("button", name=re.compile("^Flytta"))).to_be_focused()
    assert first.get_by_role("button", name=re.compile("^Åtgärder")).get_attribute("aria-expanded") == "true"
    dashboard.keyboard.press("Escape")
    expect(first).to_be_focused()
    assert first.locator(".card-actions").is_hidden()

    # Find a card by its text; then focus mode: the workspace alone, and back.
    board.get_by_label("Sök").fill("kontaktperson")
    expect(board.locator(".board-card:visible")).to_have_count(1)
    board.get_by_label("Sök").fill("")
    expect(board.locator(".board-card:visible")).to_have_count(12)
    # A theme's cards fold away and come back.
    fold = board.get_by_role("button", name="Korten i temat: Gemensamma mål")
    fold.click()
    expect(fold).to_have_attribute("aria-expanded", "false")
    goals = board.locator(".board-column").filter(has=dashboard.locator("h4", has_text="Gemensamma mål"))
    expect(goals.locator(".board-card:visible")).to_have_count(0)
    expect(board.locator(".board-card:visible")).to_have_count(9)
    fold.click()
    expect(board.locator(".board-card:visible")).to_have_count(12)
    focus = dashboard.get_by_role("button", name="Fokusläge")
    focus.click()
    expect(dashboard.locator(".agenda-side")).to_be_hidden()
    assert focus.get_attribute("aria-pressed") == "true"
    assert in_view(dashboard, board.locator(".board-card").first)
    focus.click()
    expect(dashboard.locator(".agenda-side")).to_be_visible()

    # Another step's input is one click away; the open step stays open.
    dashboard.get_by_role("button", name="Ordet samverkan", exact=True).click()
    words = workspace.locator(".words-panel")
    words.wait_for()
    assert in_view(dashboard, words.locator(".word-row").first)
    assert workspace.locator(".board-panel").count() == 0
    following = dashboard.locator("#following")
    expect(following).to_contain_text("Du tittar på ”Ordet samverkan”, inte på det öppna steget.")
    assert axe_violations(dashboard) == []
    following.get_by_role("button", name="Följ det öppna steget").click()
    board.wait_for()
    expect(following).to_be_hidden()

    # Opening a step moves the workspace to it: the tracks step's list is in view.
    open_step(dashboard, "Spår för vidareutveckling")
    tracks = workspace.locator(".tracks-panel")
    tracks.locator(".track-row").first.wait_for()
    assert in_view(dashboard, tracks.locator(".track-row").first)
    assert workspace.locator(".board-panel").count() == 0
    # And the words step too, when opened.
    open_step(dashboard, "Ordet samverkan")
    words.locator(".word-row").first.wait_for()
    assert in_view(dashboard, words.locator(".word-row").first)
    assert dashboard.errors == []


def test_a_colleague_follows_the_open_step_unless_they_chose_another(
    browser: Any, server: ServerProcess, demo: dict[str, str]
) -> None:
    first = connected_dashboard(browser, server, demo["Dashboard URL"])
    second = new_page(browser, "laptop")
    second.context.add_cookies(first.context.cookies())
    second.goto(demo["Dashboard URL"])
    second.get_by_text("Ansluten").wait_for()

    open_step(first, "Hinder och möjligheter")
    second.locator("#workspace .board-panel h3", has_text="Hinder och möjligheter").wait_for()
    # The colleague looks at the words; a step opened elsewhere does not take them away.
    second.get_by_role("button", name="Ordet samverkan", exact=True).click()
    second.locator("#workspace .words-panel").wait_for()
    open_step(first, "Förutsättningar")
    second.locator(".agenda-step.is-open", has_text="Förutsättningar").wait_for()
    assert second.locator("#workspace .words-panel").count() == 1
    second.get_by_role("button", name="Följ det öppna steget").click()
    second.locator("#workspace .board-panel h3", has_text="Förutsättningar").wait_for()


def test_a_suggested_theme_is_one_key(browser: Any, server: ServerProcess) -> None:
    made = server.flask("create-workshop", "--facilitator", "leda@region.se", "--title", "Förslag")
    workshop = addresses(made)
    dashboard = connected_dashboard(browser, server, workshop["Dashboard URL"])
    open_step(dashboard, "Förutsättningar")
    board = dashboard.locator("#workspace .board-panel")
    for name in ("Tillit och relationer", "Ekonomi och resurser"):
        board.get_by_label("Nytt tema").fill(name)
        board.get_by_role("button", name="Lägg till tema").click()
        board.locator(".board-column h4", has_text=name).wait_for()
    phone = new_page(browser, "phone")
    phone.goto(workshop["Join URL"])
    phone.get_by_role("button", name="Delta").click()
    for text in ("Ömsesidig tillit mellan huvudmännen", "Öronmärkta resurser och budget för samverkan"):
        phone.get_by_label("Ditt kort").fill(text)
        phone.get_by_role("button", name="Skicka").click()
        board.locator(".board-card", has_text=text).wait_for()
    board.get_by_role("button", name="Föreslå teman för osorterade kort").click()
    card = board.locator(".board-column.is-unsorted .board-card", has_text="Ömsesidig tillit")
    chip = card.locator(".suggestions button")
    chip.wait_for()
    suggested = re.sub(r"^→ ", "", chip.inner_text().split("\n")[0]).strip()
    card.focus()
    dashboard.keyboard.press("a")
    board.locator(".board-column", has_text=suggested).locator(
        ".card-text", has_text="Ömsesidig tillit"
    ).wait_for()
    dashboard.locator("#announcer").get_by_text(f"är nu nummer 1 av 1 i {suggested}").wait_for()


# Every card and heading on the projector's board whose words may break mid-word: where
# the browser cannot hyphenate Swedish (probed as the page does), only a text that keeps
# its words whole (overflow-wrap: normal) and still fits its box passes.
UNBROKEN = """() => {
  const probe = document.createElement('div');
  probe.lang = 'sv';
  probe.style.cssText = 'position:absolute;width:6em;font-size:16px;hyphens:auto;overflow-wrap:normal';
  probe.textContent = 'Uppdragsbeskrivningarna';
  document.body.append(probe);
  const hyphenates = probe.scrollWidth <= probe.clientWidth + 1;
  probe.remove();
  return [...document.querySelectorAll('.board-cards li, .theme-block > h2, .category-columns h3')]
    .filter((el) => {
      const style = getComputedStyle(el);
      const overflows = el.scrollWidth > el.clientWidth + 1;
      if (hyphenates && style.hyphens === 'auto') return overflows;
      return overflows || style.overflowWrap !== 'normal' || style.wordBreak === 'break-all';
    })
    .map((el) => el.textContent);
}"""


def test_the_projector_never_breaks_a_word(browser: Any, server: ServerProcess, demo: dict[str, str]) -> None:
    dashboard = connected_dashboard(browser, server, demo["Dashboard URL"])
    open_step(dashboard, "Hinder och möjligheter")  # two narrow columns per theme
    for size in ("projector", "laptop"):
        projector = new_page(browser, size)
        projector.goto(demo["Projector URL"])
        projector.locator(".board-cards li", has_text="Uppdragsbeskrivningar").wait_for()
        projector.wait_for_timeout(300)  # the board settles (fonts, columns)
        assert projector.evaluate(UNBROKEN) == [], size
        long_card = projector.locator(".board-cards li", has_text="Ersättningsmodellerna")
        assert long_card.evaluate("el => el.scrollWidth <= el.clientWidth + 1")
        no_hyphens = projector.evaluate("document.documentElement.classList.contains('no-hyphens')")
        if size == "laptop" and no_hyphens:
            # In a column this narrow the compound fits only at a smaller size.
            assert long_card.evaluate("el => el.style.fontSize !== ''")
        assert projector.errors == []
