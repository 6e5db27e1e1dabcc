"""A big board under live clustering: how fast a move reaches every screen, how large
the board's snapshot is, and how long a suggestion takes per card.

    .venv/bin/python -m bench.board [--cards 500] [--themes 20] [--moves 100]

Starts a real server (gevent, SQLite, as `make run`), posts CARDS cards from phones
(texts from bench/data/cards_sv.json), makes THEMES themes and sorts every card
into one, with two dashboards and one projector connected. Then MOVES moves from
the first dashboard: the clock runs from the emit until the second dashboard and
the projector have each received the move. Prints the snapshot sizes (facilitator
and projector), and the suggestion time per card for each backend on a board of
THEMES themes with their cards (in process, as the worker runs it). With
`--workspace`, also what bench/workspace.py measures on the live dashboard in Chromium
(300 cards arriving at 5 a second: long tasks, the time to a card's appearance; the
keys sorting the development sets takes, with suggestions and without). Ends with one
JSON line of figures.
"""

from __future__ import annotations

import argparse
import json
import re
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import requests
import socketio

from analysis.clustering import LexicalBackend, SemanticBackend, ThemeInput, semantic_available
from bench.load import percentile
from bench.phone import Phone
from bench.server import ServerProcess, facilitator_and_workshop

EMAIL, PASSWORD = "bench@rundabord.local", "bench password 123"
CARDS_PER_PHONE = 10
DATA = Path(__file__).resolve().parent / "data" / "cards_sv.json"


def texts(count: int) -> list[str]:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    pool = [card for theme in data["themes"] for card in theme["cards"]]
    return [pool[i % len(pool)] + ("" if i < len(pool) else f" ({i // len(pool) + 1})") for i in range(count)]


def facilitator_client(server: ServerProcess, workshop_id: int) -> tuple[socketio.Client, requests.Session]:
    http = requests.Session()
    page = http.get(server.url + "/f/login", timeout=10)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page.text)
    form = {"email": EMAIL, "password": PASSWORD, "csrf_token": token.group(1) if token else ""}
    http.post(server.url + "/f/login", data=form, timeout=10).raise_for_status()
    client = socketio.Client(reconnection=False)
    cookies = "; ".join(f"{k}={v}" for k, v in http.cookies.items())
    client.connect(
        server.url,
        headers={"Cookie": cookies},
        auth={"role": "facilitator", "workshop": workshop_id},
        transports=["websocket"],
    )
    return client, http


class Watcher:
    """Records when each card's move arrives on one screen."""

    def __init__(self, client: socketio.Client) -> None:
        self.arrived: dict[int, float] = {}
        self.event = threading.Condition()

        @client.on("cards_changed")
        def changed(message: dict[str, Any]) -> None:
            with self.event:
                for card in message["cards"]:
                    self.arrived[card["id"]] = time.perf_counter()
                self.event.notify_all()

    def wait(self, card_id: int, after: float, timeout: float = 10) -> float | None:
        with self.event:
            self.event.wait_for(lambda: self.arrived.get(card_id, 0) >= after, timeout)
            return self.arrived.get(card_id)


def run(cards: int, themes: int, moves: int) -> dict[str, Any]:
    server = ServerProcess(Path(tempfile.mkdtemp(prefix="rundabord-board-")))
    server.start()
    try:
        facts = facilitator_and_workshop(server, EMAIL, PASSWORD, "Bench board")
        workshop_id = int(facts["Workshop"])
        first, _ = facilitator_client(server, workshop_id)
        second, _ = facilitator_client(server, workshop_id)
        projector = socketio.Client(reconnection=False)
        token = facts["Projector URL"].rsplit("/", 1)[1]
        projector.connect(server.url, auth={"role": "projector", "token": token}, transports=["websocket"])
        snapshot = first.call("get_snapshot", {}, timeout=10)
        step_id = snapshot["steps"][1]["id"]  # "Förutsättningar"
        first.call("open_step", {"step_id": step_id}, timeout=10)

        started = time.perf_counter()
        acks: list[float] = []
        all_texts = texts(cards)
        for start in range(0, cards, CARDS_PER_PHONE):
            phone = Phone(server.url, facts["Join code"])
            phone.connect()
            for text in all_texts[start : start + CARDS_PER_PHONE]:
                sent = time.perf_counter()
                phone.submit("submit_card", {"step_id": step_id, "text": text})
                acks.append((time.perf_counter() - sent) * 1000)
            phone.flush()
            phone.close()
        posting_s = time.perf_counter() - started
        for n in range(themes):
            first.call(
                "board", {"step_id": step_id, "op": "create_theme", "name": f"Tema {n + 1}"}, timeout=10
            )
        board = first.call("get_snapshot", {}, timeout=10)["steps"][1]
        theme_ids = [t["id"] for t in board["themes"]]
        card_ids = [c["id"] for c in board["cards"]]
        for n, card_id in enumerate(card_ids):
            first.call(
                "board",
                {
                    "step_id": step_id,
                    "op": "move_card",
                    "card_id": card_id,
                    "theme_id": theme_ids[n % themes],
                },
                timeout=10,
            )

        watchers = [Watcher(second), Watcher(projector)]
        latencies: list[float] = []
        for n in range(moves):
            card_id = card_ids[(n * 7) % len(card_ids)]
            target = theme_ids[(n * 3 + 1) % themes]
            sent = time.perf_counter()
            first.call(
                "board",
                {"step_id": step_id, "op": "move_card", "card_id": card_id, "theme_id": target, "index": 0},
            )
            arrivals = [w.wait(card_id, sent) for w in watchers]
            if all(a is not None for a in arrivals):
                latencies.append((max(a for a in arrivals if a is not None) - sent) * 1000)
        facilitator_kb = (
            len(json.dumps(first.call("get_snapshot", {}, timeout=10), ensure_ascii=False)) / 1024
        )
        projector_kb = (
            len(json.dumps(projector.call("get_snapshot", {}, timeout=10), ensure_ascii=False)) / 1024
        )
        for client in (first, second, projector):
            client.disconnect()
    finally:
        server.stop()
    return {
        "cards": cards,
        "themes": themes,
        "posting_s": round(posting_s, 1),
        "card_ack_p50_ms": round(percentile(acks, 0.5), 1),
        "card_ack_p95_ms": round(percentile(acks, 0.95), 1),
        "moves": moves,
        "moves_arrived": len(latencies),
        "move_p50_ms": round(percentile(latencies, 0.5), 1),
        "move_p95_ms": round(percentile(latencies, 0.95), 1),
        "snapshot_facilitator_kb": round(facilitator_kb, 1),
        "snapshot_projector_kb": round(projector_kb, 1),
    }


def suggestion_times(themes: int, per_theme: int = 20, queries: int = 50) -> dict[str, float]:
    pool = texts(themes * per_theme + queries)
    inputs = [ThemeInput(n, f"Tema {n}", pool[n * per_theme : (n + 1) * per_theme]) for n in range(themes)]
    figures = {}
    backends: list[Any] = [LexicalBackend()]
    if semantic_available():
        backends.append(SemanticBackend())
    for backend in backends:
        started = time.perf_counter()
        for text in pool[-queries:]:
            backend.suggest(text, inputs)
        figures[f"suggest_{backend.name}_ms_per_card"] = round(
            (time.perf_counter() - started) * 1000 / queries, 2
        )
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cards", type=int, default=500)
    parser.add_argument("--themes", type=int, default=20)
    parser.add_argument("--moves", type=int, default=100)
    parser.add_argument(
        "--workspace",
        action="store_true",
        help="also the live dashboard in Chromium while 300 cards arrive, and the keys sorting takes "
        "(bench/workspace.py; its figures prefixed workspace_)",
    )
    args = parser.parse_args()
    figures = run(args.cards, args.themes, args.moves)
    figures.update(suggestion_times(args.themes))
    if args.workspace:
        from bench import workspace  # it builds on this module

        found = workspace.run(300, 5.0, 30)
        found.update(workspace.browser_sorting(), **workspace.sorting_actions())
        figures.update({f"workspace_{key}": value for key, value in found.items()})
    print(
        f"{figures['cards']} cards in {figures['themes']} themes: a move reaches the second dashboard and "
        f"the projector in p50 {figures['move_p50_ms']} ms / p95 {figures['move_p95_ms']} ms "
        f"({figures['moves_arrived']}/{figures['moves']} arrived); snapshot "
        f"{figures['snapshot_facilitator_kb']} KB (facilitator), "
        f"{figures['snapshot_projector_kb']} KB (projector)"
    )
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
