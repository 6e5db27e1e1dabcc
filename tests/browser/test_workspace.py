"""The live dashboard's workspace on a 1366x768 laptop: the open step is the page. After
opening a step of the demo workshop its input is in view without scrolling, the agenda
beside it; another step's input is one click away, and the workspace follows the open
step again when asked. A board's cards are compact: their actions sit behind one button,
and a suggested theme is taken with one key.

About 420 lines: the workspace walked as one facilitator would, each test a whole task
(open, sort, select, merge, follow), sharing the demo workshop and one server.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from bench.server import ServerProcess, addresses, facilitator_and_workshop
from tests.browser.conftest import axe_violations, new_page, record_announcements, wait_until_said
from tests.browser.test_live_workshop import login

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def demo(server: ServerProcess) -> dict[str, str]:
    return facilitator_and_workshop(server, "leda@region.se", "correct horse battery", demo=True)


def in_view(page: Any, locator: Any) -> bool:
    box = locator.bounding_box()
    height = page.viewport_size["height"]
    return box is not None and box["y"] >= 0 and box["y"] + min(box["height"], 40) <= height


def drag(page: Any, source: Any, target: Any) -> None:
    """A drag by the mouse in steps, as a hand does (a drag from a small handle starts
    only once the pointer has moved a little)."""
    start, end = source.bounding_box(), target.bounding_box()
    page.mouse.move(start["x"] + start["width"] / 2, start["y"] + start["height"] / 2)
    page.mouse.down()
    x, y = end["x"] + end["width"] / 2, end["y"] + min(end["height"] / 2, 20)
    for step in range(1, 11):
        page.mouse.move(start["x"] + (x - start["x"]) * step / 10, start["y"] + (y - start["y"]) * step / 10)
    page.mouse.up()


def connected_dashboard(browser: Any, server: ServerProcess, url: str) -> Any:
    """A facilitator logged in on a live dashboard (1366x768), connected."""
    dashboard = new_page(browser, "laptop")
    login(dashboard, server)
    dashboard.goto(url)
    dashboard.get_by_text("Ansluten").wait_for()
    return dashboard


def open_step(page: Any, title: str) -> None:
    """Open a step of the agenda (an earlier test may have left it open)."""
    page.locator(".agenda-step", has_text=title).wait_for()
    if page.locator(".agenda-step.is-open", has_text=title).count():
        return
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
    record_announcements(dashboard)  # the count of the cards that came in may be said after it
    dashboard.keyboard.press("a")
    board.locator(".board-column", has_text=suggested).locator(
        ".card-text", has_text="Ömsesidig tillit"
    ).wait_for()
    wait_until_said(dashboard, f"är nu nummer 1 av 1 i {suggested}")
    # The focus stayed in the inbox, on the next card; its theme's number sends it there.
    expect(dashboard.locator(".board-card:focus")).to_contain_text("Öronmärkta resurser")
    economy = board.locator(".board-column").filter(
        has=dashboard.locator("h4", has_text="Ekonomi och resurser")
    )
    expect(economy.locator(".theme-number")).to_have_text("2")
    dashboard.keyboard.press("2")
    expect(economy.locator(".card-text", has_text="Öronmärkta resurser")).to_be_visible()
    dashboard.keyboard.press("Control+z")
    board.locator(".board-column.is-unsorted .card-text", has_text="Öronmärkta resurser").wait_for()

    # Many at once: a preview of what goes where, then one change and one undo.
    for text in ("Tillit byggs genom att vi träffas ofta", "Gemensam budget och resurser för insatserna"):
        phone.get_by_label("Ditt kort").fill(text)
        phone.get_by_role("button", name="Skicka").click()
        board.locator(".board-card", has_text=text).wait_for()
    board.get_by_role("button", name="Föreslå teman för osorterade kort").click()
    inbox = board.locator(".board-column.is-unsorted")
    # Suggestions come from the worker process, as the first chip above (which waits as
    # long as any action, 30 s): on a slow machine they take more than expect's 5 s.
    expect(inbox.locator(".board-card .suggestions button")).to_have_count(3, timeout=30_000)
    board.get_by_role("button", name="Godta förslag…").click()
    dialog = dashboard.get_by_role("dialog", name="Godta de föreslagna temana")
    expect(dialog).to_be_visible()
    dialog.get_by_label("Alla förslag (3 kort)").check()
    expect(dialog.locator(".accept-preview li li")).to_have_count(3)
    assert axe_violations(dashboard) == []
    assert inbox.locator(".board-card").count() == 3  # nothing changed yet
    record_announcements(dashboard)  # the count of the cards that came in may be said after it
    dialog.get_by_role("button", name="Godta 3 förslag").click()
    expect(inbox.locator(".board-card")).to_have_count(0)
    wait_until_said(dashboard, "3 kort placerade i sina föreslagna teman")
    board.get_by_role("button", name="Ångra: godta 3 föreslagna teman").click()
    expect(inbox.locator(".board-card")).to_have_count(3)

    # "Föreslå teman": piles with a draft name; one renamed and made a theme, and undone.
    board.get_by_role("button", name="Föreslå teman", exact=True).click()
    pile = board.locator(".proposal-pile").first
    pile.wait_for()
    assert axe_violations(dashboard) == []
    count = pile.locator(".proposal-cards li").count()
    pile.get_by_label("Temats namn").fill("Budget och resurser")
    pile.get_by_role("button", name="Skapa temat").click()
    made = board.locator(".board-column").filter(has=dashboard.locator("h4", has_text="Budget och resurser"))
    expect(made.locator(".board-card")).to_have_count(count)
    expect(inbox.locator(".board-card")).to_have_count(3 - count)
    board.get_by_role("button", name="Ångra: skapa temat ”Budget och resurser”").click()
    expect(inbox.locator(".board-card")).to_have_count(3)
    # Dissolved, a proposal goes and its cards stay where they are.
    board.get_by_role("button", name="Föreslå teman", exact=True).click()
    pile.wait_for()
    piles = board.locator(".proposal-pile").count()
    pile.get_by_role("button", name="Lös upp").click()
    expect(board.locator(".proposal-pile")).to_have_count(piles - 1)
    expect(inbox.locator(".board-card")).to_have_count(3)
    assert dashboard.errors == []


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


def test_several_cards_chosen_and_acted_on_together(
    browser: Any, server: ServerProcess, demo: dict[str, str]
) -> None:
    """By keyboard: Space and Shift+↓ choose three cards, H hides them in one change that
    one undo reverses, Enter moves them all through the bar; by mouse: Ctrl+click chooses
    two and dragging one takes both."""
    dashboard = connected_dashboard(browser, server, demo["Dashboard URL"])
    open_step(dashboard, "Förutsättningar")
    board = dashboard.locator("#workspace .board-panel")
    board.locator(".board-card").first.wait_for()
    goals = board.locator(".board-column").filter(has=dashboard.locator("h4", has_text="Gemensamma mål"))
    texts = goals.locator(".card-text").all_inner_texts()
    assert len(texts) == 3
    cards = goals.locator(".board-card")
    bar = board.locator(".selection-bar")

    # ← and → go to the column beside, at about the same place.
    cards.nth(1).focus()
    dashboard.keyboard.press("ArrowRight")
    focused = dashboard.locator(".board-card:focus")
    expect(focused).to_have_count(1)
    assert focused.locator(".card-text").inner_text() not in texts
    dashboard.keyboard.press("ArrowLeft")
    expect(cards.nth(1)).to_be_focused()

    cards.first.focus()
    dashboard.keyboard.press("Space")
    dashboard.keyboard.press("Shift+ArrowDown")
    dashboard.keyboard.press("Shift+ArrowDown")
    expect(bar).to_be_visible()
    expect(bar.locator(".selection-count")).to_have_text("3 kort valda")
    expect(cards.nth(2)).to_be_focused()
    expect(board.locator(".board-card.is-selected")).to_have_count(3)
    assert "(valt)" in (cards.first.get_attribute("aria-label") or "")
    assert axe_violations(dashboard) == []

    dashboard.keyboard.press("h")  # on a chosen card: all three
    expect(goals.locator(".board-card.is-hidden")).to_have_count(3)
    undo = board.get_by_role("button", name="Ångra: dölj 3 kort")
    expect(undo).to_be_visible()
    dashboard.keyboard.press("Control+z")
    expect(goals.locator(".board-card.is-hidden")).to_have_count(0)
    dashboard.locator("#announcer").get_by_text("Ångrat: dölj 3 kort").wait_for()

    # Enter on a chosen card goes to the bar's "Flytta till"; Enter there moves them all.
    cards.nth(2).focus()
    dashboard.keyboard.press("Enter")
    target = bar.get_by_label("Flytta till")
    expect(target).to_be_focused()
    target.select_option(label="Osorterade")
    dashboard.keyboard.press("Enter")
    inbox = board.locator(".board-column.is-unsorted")
    for text in texts:
        inbox.locator(".card-text", has_text=text).wait_for()
    expect(goals.locator(".board-card")).to_have_count(0)
    expect(bar).to_be_hidden()
    moved = inbox.locator(".board-card", has=dashboard.locator(".card-text", has_text=texts[0]))
    expect(moved).to_be_focused()
    dashboard.keyboard.press("Control+z")  # one undo puts all three back, in their order
    expect(goals.locator(".card-text")).to_have_text(texts)

    # Escape lets the choice go.
    cards.first.focus()
    dashboard.keyboard.press("Space")
    expect(bar).to_be_visible()
    dashboard.keyboard.press("Escape")
    expect(bar).to_be_hidden()

    # Their own theme's number moves nothing, and says so.
    number = goals.locator(".theme-number").inner_text()
    cards.first.focus()
    dashboard.keyboard.press("Space")
    dashboard.keyboard.press("Shift+ArrowDown")
    dashboard.keyboard.press(number)
    dashboard.locator("#announcer").get_by_text("Korten finns redan i Gemensamma mål").wait_for()
    expect(goals.locator(".board-card")).to_have_count(3)
    dashboard.keyboard.press("Escape")

    # By mouse: Ctrl+click two cards, drag one of them, and both go.
    cards.nth(0).click(modifiers=["Control"])
    cards.nth(1).click(modifiers=["Control"])
    expect(bar.locator(".selection-count")).to_have_text("2 kort valda")
    other = (
        board.locator(".theme-columns .board-column")
        .filter(has_not=dashboard.locator("h4", has_text="Gemensamma mål"))
        .first
    )
    other_name = other.locator("h4").inner_text()
    cards.nth(0).drag_to(other.locator(".card-list"))
    for text in texts[:2]:
        other.locator(".card-text", has_text=text).wait_for()
    expect(goals.locator(".card-text")).to_have_text(texts[2:])
    board.get_by_role("button", name=f"Ångra: flytta 2 kort till {other_name}").click()
    expect(goals.locator(".card-text")).to_have_text(texts)
    assert dashboard.errors == []


def test_a_theme_renamed_in_place_and_merged_by_dragging(
    browser: Any, server: ServerProcess, demo: dict[str, str]
) -> None:
    dashboard = connected_dashboard(browser, server, demo["Dashboard URL"])
    open_step(dashboard, "Förutsättningar")
    board = dashboard.locator("#workspace .board-panel")
    board.locator(".board-card").first.wait_for()
    themes = board.locator(".theme-columns .board-column")
    first_name, second_name = (themes.nth(i).locator("h4").inner_text() for i in (0, 1))
    cards_in_first = themes.nth(0).locator(".board-card").count()

    # The name is a button; pressed, a field: Escape keeps the name, Enter renames.
    name = themes.nth(0).get_by_role("button", name=first_name, exact=True)
    name.click()
    field = themes.nth(0).get_by_label("Nytt namn")
    expect(field).to_be_focused()
    dashboard.keyboard.press("Escape")
    expect(name).to_be_focused()
    dashboard.keyboard.press("F2")
    field.fill("Målbild och riktning")
    dashboard.keyboard.press("Enter")
    renamed = themes.nth(0).get_by_role("button", name="Målbild och riktning", exact=True)
    expect(renamed).to_be_focused()
    assert axe_violations(dashboard) == []
    board.get_by_role("button", name=f"Ångra: byt namn på ”{first_name}”").click()
    expect(themes.nth(0).locator("h4")).to_have_text(first_name)

    # Dragged by its header onto another theme, it merges; one undo brings it back.
    second = themes.filter(has=dashboard.locator("h4", has_text=second_name))
    cards_in_second = second.locator(".board-card").count()
    drag(dashboard, themes.nth(0).locator(".theme-grip"), second.locator(".card-list"))
    expect(board.locator(".theme-columns h4", has_text=first_name)).to_have_count(0)
    expect(second.locator(".board-card")).to_have_count(cards_in_first + cards_in_second)
    dashboard.locator("#announcer").get_by_text(f"”{first_name}” ihopslaget med ”{second_name}”").wait_for()
    board.get_by_role("button", name=f"Ångra: slå ihop ”{first_name}”").click()
    expect(board.locator(".theme-columns h4", has_text=first_name)).to_have_count(1)
    first = themes.filter(has=dashboard.locator("h4", has_text=first_name))
    expect(first.locator(".board-card")).to_have_count(cards_in_first)
    assert dashboard.errors == []
