"""Load a real Rundabord server with simulated phones and measure what they see.

    .venv/bin/python -m bench.load --phones 50 --posts 3

Starts a server (as `make run` does: gevent, a SQLite file) on a free port unless
--url is given, creates a workshop, opens its Words step, connects one projector
and N phones, and has every phone send M words. Prints submissions sent,
acknowledged, stored and seen by the projector, duplicates, lost, and latency
percentiles, ending with one JSON line of figures.
"""

from __future__ import annotations

import argparse
import json
import re
import sqlite3
import statistics
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import socketio

from bench.phone import Phone
from bench.server import ServerProcess


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def prepare(server: ServerProcess, posts: int) -> tuple[dict[str, str], int]:
    server.flask("create-facilitator", "bench@rundabord.local", "--password", "bench password 123")
    output = server.flask("create-workshop", "--facilitator", "bench@rundabord.local", "--title", "Bench")
    facts = dict(re.findall(r"^([A-Za-z ]+): (\S+)", output, re.MULTILINE))
    with sqlite3.connect(server.instance_dir / "rundabord.db") as conn:
        step_id = conn.execute("SELECT id FROM steps WHERE position = 0").fetchone()[0]
        conn.execute(
            "UPDATE steps SET is_open = 1, settings = ? WHERE id = ?",
            (json.dumps({"max_words": max(posts, 1), "max_length": 40}), step_id),
        )
    return facts, int(step_id)


def run(server: ServerProcess, phones: int, posts: int, rate: float) -> dict[str, Any]:
    facts, step_id = prepare(server, posts)
    seen: dict[str, float] = {}
    projector = socketio.Client(reconnection=False)
    projector.on(
        "words_changed",
        lambda m: [seen.setdefault(row["display"], time.perf_counter()) for row in m["rows"]],
    )
    token = facts["Projector URL"].rsplit("/", 1)[1]
    projector.connect(server.url, auth={"role": "projector", "token": token}, transports=["websocket"])
    clients = [Phone(server.url, facts["Join code"]) for _ in range(phones)]
    for client in clients:
        client.connect()
    sent: dict[str, float] = {}
    ack_ms: list[float] = []
    lock = threading.Lock()

    def work(n: int, client: Phone) -> None:
        for m in range(posts):
            text = f"ord {n}-{m}"
            start = time.perf_counter()
            with lock:
                sent[text] = start
            client.submit("submit_word", {"step_id": step_id, "text": text})
            with lock:
                ack_ms.append((time.perf_counter() - start) * 1000)
            time.sleep(1 / rate)

    threads = [threading.Thread(target=work, args=(n, c)) for n, c in enumerate(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    deadline = time.monotonic() + 10
    while len(seen) < len(sent) and time.monotonic() < deadline:
        time.sleep(0.05)
    with sqlite3.connect(server.instance_dir / "rundabord.db") as conn:
        stored = conn.execute("SELECT COUNT(*), COUNT(DISTINCT text) FROM words").fetchone()
    projector_ms = [(seen[t] - sent[t]) * 1000 for t in sent if t in seen]
    for client in clients:
        client.close()
    projector.disconnect()
    acknowledged = sum(1 for c in clients for a in c.acks.values() if a.get("ok"))
    return {
        "phones": phones,
        "sent": len(sent),
        "acknowledged": acknowledged,
        "stored": stored[0],
        "projector_received": len(seen),
        "duplicates": stored[0] - stored[1],
        "lost": len(sent) - stored[1],
        "ack_p50_ms": round(statistics.median(ack_ms), 2),
        "ack_p95_ms": round(percentile(ack_ms, 0.95), 2),
        "ack_p99_ms": round(percentile(ack_ms, 0.99), 2),
        "projector_p50_ms": round(statistics.median(projector_ms), 2) if projector_ms else None,
        "projector_p95_ms": round(percentile(projector_ms, 0.95), 2),
        "projector_p99_ms": round(percentile(projector_ms, 0.99), 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--phones", type=int, default=50)
    parser.add_argument("--posts", type=int, default=3, help="words per phone")
    parser.add_argument("--rate", type=float, default=1.0, help="submissions per second per phone")
    args = parser.parse_args()
    server = ServerProcess(Path(tempfile.mkdtemp(prefix="rundabord-bench-")))
    server.start()
    try:
        figures = run(server, args.phones, args.posts, args.rate)
    finally:
        server.stop()
    for name, value in figures.items():
        print(f"{name:>20}: {value}")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
