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

And, in this process, how many keyboard actions sorting the data's cards takes with the
suggestions against without (`--sort`, on by default): each theme starts with its name
and two of its cards (as a facilitator who has made the themes); the rest arrive
interleaved, and each sorted card joins its theme, so the suggestions learn as the board
grows. With suggestions a card whose best suggestion is right costs 1 (A, or a click on
its chip), the second or third 2 or 3 (S, then A); any other card, and every card
without suggestions, 3 (Enter, choose the theme, Enter). And the same sort when the
facilitator lets 10 cards arrive and then takes their sure suggestions in one go
("Godta förslag…", 2 actions; a wrong one costs 3 more to put right), sorting the rest
one by one.

`--screenshot PATH` saves the dashboard as it is at the end. Ends with one JSON line of
figures.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import threading
import time
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
from bench.load import percentile
from bench.phone import Phone, close_all
from bench.server import ServerProcess, facilitator_and_workshop

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


def sorting_actions() -> dict[str, Any]:
    """Keyboard actions per card to sort the data's cards, with suggestions and without."""
    themes = json.loads(DATA.read_text(encoding="utf-8"))["themes"]
    backend = SemanticBackend() if semantic_available() else LexicalBackend()
    known = [list(theme["cards"][:SEEDS]) for theme in themes]  # each theme's cards so far
    board = [ThemeInput(n, theme["name"], known[n]) for n, theme in enumerate(themes)]
    arriving = [
        (n, card)
        for rank in range(SEEDS, max(len(theme["cards"]) for theme in themes))
        for n, theme in enumerate(themes)
        if rank < len(theme["cards"])
        for card in [theme["cards"][rank]]
    ]
    actions = first_right = 0
    for theme_id, card in arriving:
        suggested = backend.suggest(card, board, limit=3)
        at = suggested.index(theme_id) if theme_id in suggested else None
        actions += MOVE_BY_MENU if at is None else 1 + at
        first_right += at == 0
        known[theme_id].append(card)  # sorted: the theme knows it now
    return {
        "sort_cards": len(arriving),
        "sort_backend": type(backend).__name__,
        "sort_first_right_share": round(first_right / len(arriving), 3),
        "actions_per_card_suggested": round(actions / len(arriving), 2),
        "actions_per_card_unsuggested": float(MOVE_BY_MENU),
        **batch_actions(backend, themes, arriving),
    }


BATCH = 10  # cards the facilitator lets arrive before "Godta förslag…"
ACCEPT_SURE = 2  # the button, then "Godta" (the sure suggestions are chosen when it opens)


def batch_actions(
    backend: Any, themes: list[dict[str, Any]], arriving: list[tuple[int, str]]
) -> dict[str, Any]:
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
    return {
        "actions_per_card_batch_accept": round(actions / len(arriving), 2),
        "batch_sure_share": round(taken / len(arriving), 3),
        "batch_sure_wrong": wrong,
    }


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
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1366, "height": 768}, locale="sv-SE")
            login(page, server.url)
            page.goto(facts["Dashboard URL"])
            page.locator("#connection[data-state=connected]").wait_for()
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
            browser.close()
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
        figures.update(sorting_actions())
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
