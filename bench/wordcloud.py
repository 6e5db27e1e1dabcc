"""The word cloud under a full room: how fast a new word reaches the projector's
picture, and whether the server keeps answering while clouds are drawn.

    .venv/bin/python -m bench.wordcloud [--participants 800] [--words 3] [--distinct 1000]

Starts a real server (gevent, SQLite, as `make run`), fills a Words step with
PARTICIPANTS x WORDS entries over DISTINCT different words (Zipf-like counts, words
and phrases from the seed documents), then, ROUNDS times, a connected phone sends
one more word and the clock runs until the projector has fetched the new picture.
A burst of 30 words at once measures coalescing. Meanwhile a second client sends
a heartbeat every 20 ms; its round trips during renders, and the server's own
measure of how late its event loop woke (`webapp.loopwatch`), show any stall.
In the same run, a default `WordCloud(width=1920, height=1080)` of the same words
is timed as the baseline. Ends with one JSON line of figures.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import re
import secrets
import sqlite3
import statistics
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import requests
import socketio

from analysis import cloud
from analysis.words import key as word_key
from bench.load import percentile
from bench.phone import Phone
from bench.server import ROOT, ServerProcess, facilitator_and_workshop

SEEDS = ROOT.parent / "shared" / "seeds"


def vocabulary(distinct: int) -> list[str]:
    """DISTINCT texts with different keys: seed words first, then seed phrases, then made-up ones."""
    text = (
        " ".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))) if SEEDS.exists() else ""
    )
    words = [w for w in re.findall(r"[A-Za-zÅÄÖåäöé-]+", text) if len(w) > 3]
    candidates = [w.capitalize() for w in words]
    candidates += [f"{a.capitalize()} {b.lower()}" for a, b in itertools.pairwise(words)]
    chosen: dict[str, str] = {}
    for candidate in candidates:
        chosen.setdefault(word_key(candidate), candidate)
        if len(chosen) >= distinct:
            break
    n = 0
    while len(chosen) < distinct:
        chosen.setdefault(word_key(f"Samverkansord {n}"), f"Samverkansord {n}")
        n += 1
    return list(chosen.values())


def fill(
    server: ServerProcess, participants: int, per_person: int, distinct: int
) -> tuple[dict[str, str], int]:
    """A workshop whose open Words step already holds the room's words (written directly)."""
    facts = facilitator_and_workshop(server, "bench@rundabord.local", "bench password 123", "Bench")
    texts = vocabulary(distinct)
    rng = random.Random(7)
    weights = [1 / (rank + 1) ** 0.8 for rank in range(len(texts))]
    with sqlite3.connect(server.instance_dir / "rundabord.db") as conn:
        workshop_id, step_id = conn.execute("SELECT workshop_id, id FROM steps WHERE position = 0").fetchone()
        conn.execute(
            "UPDATE steps SET is_open = 1, settings = ? WHERE id = ?",
            (json.dumps({"max_words": 20, "max_length": 40}), step_id),
        )
        now = time.strftime("%Y-%m-%d %H:%M:%S")
        rows = []
        order = list(range(len(texts)))
        for _ in range(participants):
            cur = conn.execute(
                "INSERT INTO participants (workshop_id, token, display_name, created_at)"
                " VALUES (?, ?, '', ?)",
                (workshop_id, secrets.token_urlsafe(24), now),
            )
            # Every word is used at least once; the rest follow the Zipf-like weights.
            picks = [order.pop() for _ in range(min(per_person, len(order)))]
            picks += rng.choices(range(len(texts)), weights, k=per_person - len(picks))
            rows += [(workshop_id, step_id, cur.lastrowid, texts[i], word_key(texts[i]), now) for i in picks]
        conn.executemany(
            "INSERT INTO words (workshop_id, step_id, participant_id, text, key, seq, created_at)"
            " VALUES (?, ?, ?, ?, ?, 0, ?)",
            rows,
        )
    return facts, int(step_id)


class Heartbeat(threading.Thread):
    """Round trips of a no-op socket event every 20 ms, each stamped with its start time."""

    def __init__(self, url: str, token: str) -> None:
        super().__init__(daemon=True)
        self.client = socketio.Client(reconnection=False)
        self.client.connect(url, auth={"role": "projector", "token": token}, transports=["websocket"])
        self.samples: list[tuple[float, float]] = []
        self.lags: list[tuple[float, float]] = []  # the server's own event-loop delay
        self.running = True

    def run(self) -> None:
        while self.running:
            start = time.perf_counter()
            ack = self.client.call("heartbeat", {}, timeout=10)
            self.samples.append((start, (time.perf_counter() - start) * 1000))
            self.lags.append((start, float(ack.get("loop_lag_ms", 0))))
            time.sleep(0.02)

    @staticmethod
    def between(samples: list[tuple[float, float]], windows: list[tuple[float, float]]) -> list[float]:
        return [ms for start, ms in samples if any(a <= start <= b for a, b in windows)]


def run(
    server: ServerProcess, participants: int, per_person: int, distinct: int, rounds: int
) -> dict[str, Any]:
    facts, step_id = fill(server, participants, per_person, distinct)
    token = facts["Projector URL"].rsplit("/", 1)[1]
    cloud_base = f"{server.url}/projector/{token}/cloud/{step_id}.svg"
    ready: list[tuple[float, int]] = []
    projector = socketio.Client(reconnection=False)
    projector.on("cloud_ready", lambda m: ready.append((time.perf_counter(), m["version"])))
    projector.connect(server.url, auth={"role": "projector", "token": token}, transports=["websocket"])
    phone = Phone(server.url, facts["Join code"])
    phone.connect()
    beat = Heartbeat(server.url, token)
    beat.start()
    time.sleep(1)
    idle = [ms for _, ms in beat.samples]

    def picture_after(start: float, timeout: float = 30) -> float | None:
        """Seconds from `start` until a cloud rendered after it has been fetched."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            fresh = [v for t, v in ready if t > start]
            if fresh:
                requests.get(f"{cloud_base}?v={max(fresh)}", timeout=10).raise_for_status()
                return time.perf_counter() - start
            time.sleep(0.005)
        return None

    windows: list[tuple[float, float]] = []
    start = time.perf_counter()
    phone.submit("submit_word", {"step_id": step_id, "text": "Tillit"})
    cold = picture_after(start)
    windows.append((start, time.perf_counter()))
    time.sleep(1)
    latencies = []
    for n in range(rounds):
        start = time.perf_counter()
        phone.submit("submit_word", {"step_id": step_id, "text": f"Nytt ord {n}"})
        seconds = picture_after(start)
        windows.append((start, time.perf_counter()))
        if seconds is not None:
            latencies.append(seconds * 1000)
        if n % 15 == 14:  # a phone may hold 20 words: withdraw is not needed, a new phone is
            phone.close()
            phone = Phone(server.url, facts["Join code"])
            phone.connect()
        time.sleep(0.8)
    burst_phones = [Phone(server.url, facts["Join code"]) for _ in range(3)]
    for p in burst_phones:
        p.connect()
    threads = [
        threading.Thread(
            target=lambda p=p, i=i: [
                p.submit("submit_word", {"step_id": step_id, "text": f"Skur {i}-{k}"}) for k in range(10)
            ]
        )
        for i, p in enumerate(burst_phones)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    last = time.perf_counter()
    versions_before = len(ready)
    time.sleep(0.05)
    burst = picture_after(last - 0.05)
    time.sleep(2)
    windows.append((last, time.perf_counter()))
    burst_renders = len(ready) - versions_before
    beat.running = False
    beat.join(5)
    during = beat.between(beat.samples, windows)
    lags = beat.between(beat.lags, windows)
    for p in [phone, *burst_phones]:
        p.close()
    projector.disconnect()
    beat.client.disconnect()
    with sqlite3.connect(server.instance_dir / "rundabord.db") as conn:
        entries = conn.execute("SELECT text FROM words WHERE step_id = ?", (step_id,)).fetchall()
    return {
        "entries": len(entries),
        "cold_ms": round(cold * 1000, 1) if cold else None,
        "latencies": latencies,
        "burst_ms": round(burst * 1000, 1) if burst else None,
        "burst_renders": burst_renders,
        "idle": idle,
        "during": during,
        "lags": lags,
        "texts": [t for (t,) in entries],
    }


def baseline(texts: list[str]) -> dict[str, float]:
    """Default WordCloud at 1920 x 1080 against our incremental layout, same words, in this process."""
    from wordcloud import WordCloud

    counts: dict[str, int] = {}
    for text in texts:
        counts[text] = counts.get(text, 0) + 1
    start = time.perf_counter()
    WordCloud(width=1920, height=1080).generate_from_frequencies(counts).to_svg()
    default_ms = (time.perf_counter() - start) * 1000
    words = [(word_key(t), t, c) for t, c in counts.items()]
    start = time.perf_counter()
    _, placed = cloud.render(words)
    cold_ms = (time.perf_counter() - start) * 1000
    start = time.perf_counter()
    cloud.render([*words, ("ett nytt ord", "Ett nytt ord", 1)], placed)
    incremental_ms = (time.perf_counter() - start) * 1000
    return {"default_ms": default_ms, "cold_ms": cold_ms, "incremental_ms": incremental_ms}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--participants", type=int, default=800)
    parser.add_argument("--words", type=int, default=3, help="words per participant")
    parser.add_argument("--distinct", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    server = ServerProcess(Path(tempfile.mkdtemp(prefix="rundabord-bench-")))
    server.start()
    try:
        result = run(server, args.participants, args.words, args.distinct, args.rounds)
    finally:
        server.stop()
    base = baseline(result["texts"])
    latencies, idle, during = result["latencies"], result["idle"], result["during"]
    figures = {
        "participants": args.participants,
        "entries": result["entries"],
        "distinct_words": args.distinct,
        "to_projector_p50_ms": round(statistics.median(latencies), 1),
        "to_projector_p95_ms": round(percentile(latencies, 0.95), 1),
        "to_projector_max_ms": round(max(latencies), 1),
        "first_cloud_ms": result["cold_ms"],
        "burst_30_to_projector_ms": result["burst_ms"],
        "burst_30_renders": result["burst_renders"],
        "heartbeat_idle_p50_ms": round(statistics.median(idle), 1),
        "heartbeat_rendering_p95_ms": round(percentile(during, 0.95), 1),
        "heartbeat_rendering_max_ms": round(max(during), 1),
        "heartbeat_samples_rendering": len(during),
        "event_loop_stall_rendering_p95_ms": round(percentile(result["lags"], 0.95), 1),
        "event_loop_stall_rendering_max_ms": round(max(result["lags"]), 1),
        "baseline_default_wordcloud_ms": round(base["default_ms"], 1),
        "ours_cold_render_ms": round(base["cold_ms"], 1),
        "ours_incremental_render_ms": round(base["incremental_ms"], 1),
        "baseline_ratio_incremental": round(base["default_ms"] / base["incremental_ms"], 2),
        "baseline_ratio_cold": round(base["default_ms"] / base["cold_ms"], 2),
    }
    for name, value in figures.items():
        print(f"{name:34} {value}")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
