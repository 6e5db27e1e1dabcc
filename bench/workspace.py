"""The facilitator's workspace in a real browser while the room sends cards.

    .venv/bin/python -m bench.workspace [--cards 300] [--rate 5] [--phones 30]

Starts a real server (as `make run`), makes a workshop from the Samverkan template with
five themes on its first cards step and opens it, and opens the live dashboard in
Debian's Chromium at 1366x768. Then CARDS cards (texts from bench/data/cards_sv.json)
arrive from PHONES phones at RATE a second while the facilitator sorts, by keyboard as a
person would: focus the first card in the inbox, Enter, choose a theme, Enter, about once
a second. Measures on the dashboard:

- long tasks: main-thread tasks over 50 ms (PerformanceObserver "longtask"): how many,
  the longest, and their total, over the whole run;
- the time from a card's submission on a phone to its appearance on the dashboard's
  board (both clocks are this machine's): p50, p95, and how many never appeared;
- the moves made while cards arrived.

And (`--sort`, on by default) how many keys sorting a room's cards takes, on the real
dashboard: for each development set (bench/data/cards_sv.json, and the four workshops of
bench/data/cards_sv_more.json; 359 cards to sort in all) a workshop whose themes start with
their names and two cards each, the rest sent from phones into the inbox; then on the
focused card A when its suggested theme is right, else the theme's number key, every key
counted (and one more whenever the focus is not on an unsorted card), with the
suggestions and without them (the number keys only). Each card is checked to be in its
theme at the end. Last, the figures of the model used before the number keys, counted
in this process: A for a right first suggestion, S then A for the second or third, else
Enter, the theme and Enter (3); and the same with "Godta förslag…" every 10 cards.

`--screenshot PATH` saves the dashboard as it is at the end. Ends with one JSON line of
figures.

About 420 lines: one benchmark with its browser scripts; the parts (arrival, sorting,
the model of keys) are measured in the same run and share its server and workshops.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from playwright.sync_api import sync_playwright

from analysis.clustering import (
    SURE_MARGIN,
    LexicalBackend,
    SemanticBackend,
    ThemeInput,
    margin,
    semantic_available,
)
from bench.board import DATA, EMAIL, PASSWORD, facilitator_client, texts
from bench.clustering import MORE
from bench.load import percentile
from bench.phone import Phone, close_all
from bench.server import ServerProcess, addresses, facilitator_and_workshop

THEMES = ("Styrning", "Ekonomi", "Kommunikation", "Tillit", "Kompetens")

# Installed in the dashboard before the cards arrive: long tasks, and when each card's
# text first shows on the board (wall clock, as the phones' sending is timed).
WATCH = """() => {
  window.benchLong = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.benchLong.push(entry.duration);
  }).observe({ type: 'longtask', buffered: true });
  window.benchSeen = {};
  const note = (node) => {
    const cards = node.matches?.('.board-card')
      ? [node] : [...(node.querySelectorAll?.('.board-card') || [])];
    for (const card of cards) {
      const text = card.querySelector('.card-text')?.textContent;
      if (text && !(text in window.benchSeen)) window.benchSeen[text] = Date.now();
    }
  };
  new MutationObserver((records) => {
    for (const record of records) for (const node of record.addedNodes) note(node);
  }).observe(document.body, { childList: true, subtree: true });
}"""


def login(page: Any, url: str) -> None:
    page.goto(url + "/f/login")
    page.get_by_label("E-post").fill(EMAIL)
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url("**/f/")


@contextmanager
def dashboard(server: ServerProcess, facts: dict[str, str]) -> Iterator[Any]:
    """The workshop's live dashboard, logged in, in Debian's Chromium at 1366x768."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": 1366, "height": 768}, locale="sv-SE")
            login(page, server.url)
            page.goto(facts["Dashboard URL"])
            page.locator("#connection[data-state=connected]").wait_for()
            yield page
        finally:
            browser.close()


def send_cards(
    server: ServerProcess, join_code: str, step_id: int, all_texts: list[str], rate: float, phones: int
) -> tuple[dict[str, float], list[Phone]]:
    """Every text from one of `phones` phones, at `rate` a second; when each was sent (ms)."""
    senders = [Phone(server.url, join_code) for _ in range(phones)]
    for phone in senders:
        phone.connect()
    sent: dict[str, float] = {}
    start = time.perf_counter()
    for n, text in enumerate(all_texts):
        delay = start + n / rate - time.perf_counter()
        if delay > 0:
            time.sleep(delay)
        sent[text] = time.time() * 1000
        senders[n % phones].submit("submit_card", {"step_id": step_id, "text": text})
    for phone in senders:
        phone.flush()
    return sent, senders


MOVE_BY_MENU = 3  # Enter, choose the theme, Enter
SEEDS = 2  # cards each theme starts with


def dev_sets() -> list[list[dict[str, Any]]]:
    """The development sets' themes: bench/data/cards_sv.json and the workshops of
    bench/data/cards_sv_more.json, each a list of {name, cards}."""
    more = json.loads(MORE.read_text(encoding="utf-8"))["sets"]
    return [json.loads(DATA.read_text(encoding="utf-8"))["themes"], *(s["themes"] for s in more)]


def arriving_order(themes: list[dict[str, Any]]) -> list[tuple[int, str]]:
    """After each theme's first SEEDS cards: the rest, one theme after another in turn."""
    return [
        (n, theme["cards"][rank])
        for rank in range(SEEDS, max(len(theme["cards"]) for theme in themes))
        for n, theme in enumerate(themes)
        if rank < len(theme["cards"])
    ]


def sorting_actions() -> dict[str, Any]:
    """Keyboard actions per card to sort the development sets' cards with the suggestions'
    keys only (A, S, the menu), counted in this process: the figure before the number keys."""
    backend = SemanticBackend() if semantic_available() else LexicalBackend()
    actions = first_right = batch = cards = 0
    taken = wrong = 0
    for themes in dev_sets():
        known = [list(theme["cards"][:SEEDS]) for theme in themes]  # each theme's cards so far
        board = [ThemeInput(n, theme["name"], known[n]) for n, theme in enumerate(themes)]
        arriving = arriving_order(themes)
        for theme_id, card in arriving:
            suggested = backend.suggest(card, board, limit=3)
            at = suggested.index(theme_id) if theme_id in suggested else None
            actions += MOVE_BY_MENU if at is None else 1 + at
            first_right += at == 0
            known[theme_id].append(card)  # sorted: the theme knows it now
        found = batch_actions(backend, themes, arriving)
        batch += found["actions"]
        taken += found["taken"]
        wrong += found["wrong"]
        cards += len(arriving)
    return {
        "model_cards": cards,
        "model_backend": type(backend).__name__,
        "model_first_right_share": round(first_right / cards, 3),
        "model_actions_per_card_suggested": round(actions / cards, 2),
        "model_actions_per_card_unsuggested": float(MOVE_BY_MENU),
        "model_actions_per_card_batch_accept": round(batch / cards, 2),
        "model_batch_sure_share": round(taken / cards, 3),
        "model_batch_sure_wrong": wrong,
    }


BATCH = 10  # cards the facilitator lets arrive before "Godta förslag…"
ACCEPT_SURE = 2  # the button, then "Godta" (the sure suggestions are chosen when it opens)


def batch_actions(
    backend: Any, themes: list[dict[str, Any]], arriving: list[tuple[int, str]]
) -> dict[str, int]:
    """The same sort when the facilitator, every BATCH cards, accepts the sure suggestions
    in one go (a wrong one among them costs a move by menu to put right) and sorts the
    rest one by one as above."""
    known = [list(theme["cards"][:SEEDS]) for theme in themes]
    board = [ThemeInput(n, theme["name"], known[n]) for n, theme in enumerate(themes)]
    sure_margin = SURE_MARGIN[backend.name]
    actions = taken = wrong = 0
    for start in range(0, len(arriving), BATCH):
        batch = arriving[start : start + BATCH]
        ranked = [backend.ranked(card, board, limit=3) for _theme, card in batch]
        sure = [i for i, found in enumerate(ranked) if found and margin(found) >= sure_margin]
        if sure:
            actions += ACCEPT_SURE
        for i, ((theme_id, _card), found) in enumerate(zip(batch, ranked, strict=True)):
            suggested = [tid for tid, _score in found]
            if i in sure:
                taken += 1
                if suggested[0] != theme_id:
                    wrong += 1
                    actions += MOVE_BY_MENU
            else:
                at = suggested.index(theme_id) if theme_id in suggested else None
                actions += MOVE_BY_MENU if at is None else 1 + at
        for theme_id, card in batch:
            known[theme_id].append(card)
    return {"actions": actions, "taken": taken, "wrong": wrong}


# The card the keyboard is on, its text, its column and the suggestion it shows.
FOCUSED = """() => {
  const card = document.activeElement?.closest?.('.board-card');
  if (!card) return null;
  return {
    id: card.dataset.cardId,
    text: card.querySelector('.card-text').textContent,
    inbox: Boolean(card.closest('.board-column.is-unsorted')),
    chip: card.querySelector('.suggestions:not([hidden]) button')?.firstChild.textContent
      .replace(/^→ /, '') ?? null,
  };
}"""


# Each sorted card's text and the name of the theme it is in.
PLACED = """() => [...document.querySelectorAll('.board-column:not(.is-unsorted)')].flatMap((column) => {
  const name = column.querySelector('.theme-name')?.textContent;
  return [...column.querySelectorAll('.card-text')].map((text) => [text.textContent, name]);
})"""


def sort_in_browser(
    server: ServerProcess, facts: dict[str, str], themes: list[dict[str, Any]], suggestions: bool
) -> dict[str, Any]:
    """Sort a set's cards on the real dashboard by keyboard, counting every key: each theme
    made with its first SEEDS cards, the rest sent from phones into the inbox; then, on the
    focused card, A when its suggestion is right (`suggestions`), else the theme's number
    key (or, past the tenth theme, Enter, the theme, Enter); a key to reach the inbox
    whenever the focus is not on an unsorted card."""
    facilitator, _ = facilitator_client(server, int(facts["Workshop"]))
    senders: list[Phone] = []
    try:
        step_id = facilitator.call("get_snapshot", {}, timeout=10)["steps"][1]["id"]
        facilitator.call("open_step", {"step_id": step_id}, timeout=10)
        seeds = [card for theme in themes for card in theme["cards"][:SEEDS]]
        arriving = arriving_order(themes)
        _, senders = send_cards(
            server, facts["Join code"], step_id, seeds + [c for _n, c in arriving], 50, 30
        )
        step = facilitator.call("get_snapshot", {}, timeout=10)["steps"][1]
        ids = {card["text"]: card["id"] for card in step["cards"]}
        for theme in themes:
            made = {"step_id": step_id, "op": "create_theme", "name": theme["name"]}
            made["card_ids"] = [ids[card] for card in theme["cards"][:SEEDS]]
            facilitator.call("board", made, timeout=10)
        truth = {card: themes[n]["name"] for n, card in arriving}
        number = {theme["name"]: n + 1 for n, theme in enumerate(themes)}
        with dashboard(server, facts) as page:
            inbox = page.locator(".board-column.is-unsorted .board-card")
            inbox.nth(len(arriving) - 1).wait_for()
            if suggestions:  # every card shows its suggestion
                chips = page.locator(".board-column.is-unsorted .suggestions:not([hidden])")
                chips.nth(len(arriving) - 1).wait_for()
            keys = first_right = 0
            started = time.perf_counter()
            while inbox.count():
                card = page.evaluate(FOCUSED)
                if not card or not card["inbox"]:
                    inbox.first.focus()  # a click or Tab to the inbox
                    keys += 1
                    card = page.evaluate(FOCUSED)
                theme = truth[card["text"]]
                if suggestions and card["chip"] == theme:
                    page.keyboard.press("a")
                    first_right += 1
                    keys += 1
                elif number[theme] <= 10:
                    page.keyboard.press(str(number[theme] % 10))
                    keys += 1
                else:
                    page.keyboard.press("Enter")
                    page.locator(".move-form:not([hidden]) select").select_option(label=theme)
                    page.keyboard.press("Enter")
                    keys += MOVE_BY_MENU
                moved = f'.board-column:not(.is-unsorted) .board-card[data-card-id="{card["id"]}"]'
                page.locator(moved).wait_for()
            seconds = time.perf_counter() - started
            placed = page.evaluate(PLACED)
        misplaced = sum(1 for text, name in placed if text in truth and truth[text] != name)
        return {
            "cards": len(arriving),
            "keys": keys,
            "first_right": first_right,
            "seconds": seconds,
            "misplaced": misplaced,
        }
    finally:
        facilitator.disconnect()
        close_all(senders)


RUNS = (("suggested", True), ("unsuggested", False))


def browser_sorting() -> dict[str, Any]:
    """Keys per card to sort the development sets on the dashboard, with the suggestions and
    without (the number keys only)."""
    server = ServerProcess(Path(tempfile.mkdtemp(prefix="rundabord-sort-")))
    server.start()
    try:
        sets = dev_sets()
        runs = [(label, suggestions, themes) for label, suggestions in RUNS for themes in sets]
        made = server.flask_each(
            ["create-facilitator", EMAIL, "--password", PASSWORD],
            *(
                ["create-workshop", "--facilitator", EMAIL, "--title", f"Sortering {n}"]
                for n in range(len(runs))
            ),
        )
        done: dict[str, list[dict[str, Any]]] = {label: [] for label, _ in RUNS}
        for (label, suggestions, themes), output in zip(runs, made[1:], strict=True):
            done[label].append(sort_in_browser(server, addresses(output), themes, suggestions))
        figures: dict[str, Any] = {}
        for label, suggestions in RUNS:
            found = done[label]
            cards = sum(d["cards"] for d in found)
            figures[f"sort_keys_per_card_{label}"] = round(sum(d["keys"] for d in found) / cards, 3)
            figures[f"sort_ms_per_card_{label}"] = round(1000 * sum(d["seconds"] for d in found) / cards, 1)
            figures[f"sort_misplaced_{label}"] = sum(d["misplaced"] for d in found)
            if suggestions:
                figures["sort_cards"] = cards
                figures["sort_first_right_share"] = round(sum(d["first_right"] for d in found) / cards, 3)
        return figures
    finally:
        server.stop()


def run(cards: int, rate: float, phones: int, screenshot: str = "") -> dict[str, Any]:
    server = ServerProcess(Path(tempfile.mkdtemp(prefix="rundabord-workspace-")))
    server.start()
    senders: list[Phone] = []
    try:
        facts = facilitator_and_workshop(server, EMAIL, PASSWORD, "Bench workspace")
        facilitator, _ = facilitator_client(server, int(facts["Workshop"]))
        step_id = facilitator.call("get_snapshot", {}, timeout=10)["steps"][1]["id"]  # "Förutsättningar"
        for name in THEMES:
            facilitator.call("board", {"step_id": step_id, "op": "create_theme", "name": name}, timeout=10)
        facilitator.call("open_step", {"step_id": step_id}, timeout=10)
        with dashboard(server, facts) as page:
            page.locator(".board-panel").first.wait_for()
            page.evaluate(WATCH)
            result: dict[str, Any] = {}

            def send() -> None:
                sent, phones_used = send_cards(
                    server, facts["Join code"], step_id, texts(cards), rate, phones
                )
                result.update(sent=sent, senders=phones_used)

            sending = threading.Thread(target=send)
            sending.start()
            moves = 0
            inbox = page.locator(".board-column.is-unsorted .board-card")
            while sending.is_alive():
                if inbox.count():
                    inbox.first.focus()
                    page.keyboard.press("Enter")
                    page.locator(".move-form:not([hidden]) select").select_option(
                        index=1 + moves % len(THEMES)
                    )
                    page.keyboard.press("Enter")
                    moves += 1
                page.wait_for_timeout(1000)
            sending.join()
            senders = result["senders"]
            page.wait_for_timeout(3000)  # the last cards arrive
            seen: dict[str, float] = page.evaluate("window.benchSeen")
            long_tasks: list[float] = page.evaluate("window.benchLong")
            if screenshot:  # the dashboard as the facilitator sees it at the end
                page.screenshot(path=screenshot)
        sent: dict[str, float] = result["sent"]
        latencies = [seen[text] - at for text, at in sent.items() if text in seen]
        return {
            "cards": cards,
            "rate_per_s": rate,
            "phones": phones,
            "moves": moves,
            "appear_p50_ms": round(percentile(latencies, 0.5), 1),
            "appear_p95_ms": round(percentile(latencies, 0.95), 1),
            "never_appeared": len(sent) - len(latencies),
            "long_tasks": len(long_tasks),
            "long_task_max_ms": round(max(long_tasks, default=0), 1),
            "long_task_total_ms": round(sum(long_tasks), 1),
        }
    finally:
        close_all(senders)
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cards", type=int, default=300)
    parser.add_argument("--rate", type=float, default=5.0, help="cards a second, from all phones together")
    parser.add_argument("--phones", type=int, default=30)
    parser.add_argument("--no-sort", dest="sort", action="store_false", help="skip the sorting actions")
    parser.add_argument("--screenshot", default="", help="save the dashboard at the end to this PNG")
    args = parser.parse_args()
    figures = run(args.cards, args.rate, args.phones, args.screenshot)
    if args.sort:
        figures.update(browser_sorting())
        figures.update(sorting_actions())
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
