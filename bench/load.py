"""Load a real Rundabord server with simulated phones, and the floor beside it.

    .venv/bin/python -m bench.load --profile burst --phones 50,200,500
    .venv/bin/python -m bench.load --profile stress --phones 50,200,500
    .venv/bin/python -m bench.load --profile burst --phones 100 --idle 1000
    .venv/bin/python -m bench.load --profile upvote --phones 500
    .venv/bin/python -m bench.load --profile join --phones 500 --window 10
    .venv/bin/python -m bench.load --phones 50 --posts 8 --rate 1
    .venv/bin/python -m bench.load --profile burst --phones 500 --py-spy /tmp/burst.txt

For each number of phones it starts a fresh server (as `make run` does: gevent, one
process, a SQLite file), creates a workshop and opens its Words step and its first
Cards step. N phones (python-socketio's asyncio client) join by the code over HTTP
like a browser, then send their words and cards, each with its own id and an outbox
that resends what was not acknowledged; a projector and a logged-in dashboard watch.
Then it runs the same phones and schedule against the floor (`bench/floor.py`, a
bare Flask-SocketIO app that only acknowledges and forwards) in the same way; with
--stored-floor also against the floor that first commits each submission to a SQLite
file, the least a server that loses nothing acknowledged must do.

Profiles: `burst` (the workshop's minute: 3 words and 5 cards per phone at random
moments within --window seconds) and `stress` (--rate submissions per second per
phone for --duration seconds) and `upvote` (an open Questions step with 100 questions;
each phone casts --upvotes upvotes, 10 by default, at random moments within --window
seconds; every screen shows the totals, so an upvote counts as seen when its question's
total on the projector reaches it; `projector_upvotes_total` is the projector's last
sum of totals, which must equal what is stored) and `join` (a room scanning the QR code:
each phone at a random moment within --window seconds, at most --parallel at once,
fetches the join form, joins and gets the phone's page, each with its stylesheets and
scripts as a browser with nothing cached does (--cached-files: none), connects and asks
for the state; each part's time and the total from the scan to the open step on screen).
Without --profile, --posts and
--rate set the schedule. --idle keeps that many more phones joined and connected, doing nothing.
--py-spy FILE records where Rundabord's server process spends its time while the phones
send (or join), with py-spy (requirements-dev), as collapsed stacks: one line per stack
with its count of samples, for `sort -k2 -n` or a flame graph.

Figures per run: how long a phone takes to join by the code and connect (25 phones at
a time; p50, p95), submissions sent / acknowledged / stored / seen by the projector and
the dashboard, duplicates, lost, latency submit → acknowledgement and submit →
projector (p50, p95, p99), the server's CPU time per submission (its own process and,
separately, its worker processes), and the ratio of Rundabord's p95 to the floor's.
Submissions go out on schedule, not after the previous answer, so a slow server
shows as latency instead of as fewer submissions. The last line is JSON.

About 620 lines: one benchmark run end to end (server, simulated phones, watchers,
the floor beside it), kept as one script so a reader can follow a run from top to bottom.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import json
import os
import random
import re
import resource
import secrets
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
import requests
import socketio
from sqlalchemy import create_engine
from sqlalchemy import text as sql
from sqlalchemy.engine import Engine

from bench.server import ROOT, ServerProcess, facilitator_and_workshop, free_port
from config import database_url

CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
WORKSHOP_ID = re.compile(r'data-workshop-id="(\d+)"')
STATIC_FILE = re.compile(r'"(/static/[^"]+)"')  # in links, scripts and the kinds' script list
FACILITATOR = ("bench@rundabord.local", "bench password 123")
CARD_CATEGORY = "Förutsättningar"
WORDS_PER_PHONE = 20  # the words step's limit (the most a Words step allows)
# As phone.js: wait 8 s for an acknowledgement, then resend 4 s later (2 s after slow_down).
ACK_TIMEOUT_S = 8
RESEND_S = 4
GIVE_UP_S = 180  # a real outbox never gives up; this one, 3 minutes after the first send
SETTLE_S = 20  # how long to wait after the last submission for the screens to catch up


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def ms(values: list[float], share: float) -> float | None:
    """A percentile for the report, or None when nothing was measured."""
    return round(percentile(values, share), 2) if values else None


def cpu_seconds(pids: list[int]) -> tuple[float, float]:
    """CPU time (user + system) of server processes and, separately, of their child
    processes (Rundabord's word-cloud and suggestion workers)."""
    tick = os.sysconf("SC_CLK_TCK")

    def stat(path: Path) -> tuple[int, float] | None:
        try:
            fields = path.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            return None
        return int(fields[1]), (int(fields[11]) + int(fields[12])) / tick

    own = sum(found[1] for pid in pids if (found := stat(Path(f"/proc/{pid}/stat"))) is not None)
    children = 0.0
    for path in Path("/proc").glob("[0-9]*/stat"):
        found = stat(path)
        if found is not None and found[0] in pids:
            children += found[1]
    return own, children


# --- The two servers ------------------------------------------------------------------------


class Rundabord:
    """A real server with one workshop whose Words step and first Cards step are open."""

    name = "rundabord"
    screen_events: tuple[str, ...] = ("words_changed", "cards_changed")

    def __init__(self) -> None:
        self.scratch = Path(tempfile.mkdtemp(prefix="rundabord-load-"))
        self.server = ServerProcess(self.scratch)
        self.url = self.server.url
        self._store: Engine | None = None

    def start(self) -> None:
        self.server.start()
        self.create_workshop()
        self.prepare_workshop()

    def create_workshop(self) -> None:
        facts = facilitator_and_workshop(self.server, *FACILITATOR, "Last")
        self.join_code = facts["Join code"]
        self.projector_token = facts["Projector URL"].rsplit("/", 1)[1]

    def prepare_workshop(self) -> None:
        """Open the Words step and the first Cards step, with room for every submission."""
        with self.store.begin() as conn:
            steps: dict[int, int] = {
                row.position: row.id for row in conn.execute(sql("SELECT position, id FROM steps"))
            }
            self.words_step, self.cards_step = steps[0], steps[1]
            self.workshop_id = conn.execute(
                sql("SELECT workshop_id FROM steps WHERE id = :id"), {"id": steps[0]}
            ).scalar_one()
            limits = {
                self.words_step: {"max_words": WORDS_PER_PHONE, "max_length": 40},
                self.cards_step: {"max_cards": 50},
            }
            for step_id, settings in limits.items():
                current = conn.execute(
                    sql("SELECT settings FROM steps WHERE id = :id"), {"id": step_id}
                ).scalar_one()
                current = json.loads(current) if isinstance(current, str) else current
                conn.execute(
                    sql("UPDATE steps SET is_open = true, settings = :settings WHERE id = :id"),
                    {"settings": json.dumps({**current, **settings}), "id": step_id},
                )

    @property
    def store(self) -> Engine:
        if self._store is None:
            self._store = create_engine(database_url(self.server.database_url))
        return self._store

    @property
    def pids(self) -> list[int]:
        assert self.server.process is not None
        return [self.server.process.pid]

    def stop(self) -> None:
        self.server.stop()
        if self._store is not None:
            self._store.dispose()

    async def join(
        self, http: aiohttp.ClientSession, times: list[float] | None = None, files: bool = False
    ) -> dict[str, Any]:
        """Join by the code as a browser does: the form, its CSRF token, the cookie (kept in
        `http`, the phone's own session, which its socket then uses), then the phone's page
        the answer leads to. `times` gets the moments the form and the page had arrived;
        with `files`, each page's stylesheets and scripts are fetched after it, as a browser
        with nothing cached does, and `times` gets the moments they had arrived too."""
        fetched: set[str] = set()
        async with http.get(f"{self.url}/j/{self.join_code}") as page:
            text = await page.text()
            form = {"display_name": "", "consent": "", "csrf_token": _match(CSRF, text)}
        if times is not None:
            times.append(time.perf_counter())
        if files:
            await self.files(http, text, fetched)
            if times is not None:
                times.append(time.perf_counter())
        async with http.post(f"{self.url}/j/{self.join_code}", data=form) as joined:
            text = await joined.text()
            auth = {"role": "participant", "workshop": int(_match(WORKSHOP_ID, text))}
        if times is not None:
            times.append(time.perf_counter())
        if files:
            await self.files(http, text, fetched)
            if times is not None:
                times.append(time.perf_counter())
        return auth

    async def files(self, http: aiohttp.ClientSession, page: str, fetched: set[str]) -> None:
        """The stylesheets and scripts a page names (its links, its module preloads, the
        step kinds' scripts), six at a time as a browser fetches from one server."""
        wanted = [url for url in dict.fromkeys(STATIC_FILE.findall(page)) if url not in fetched]
        fetched.update(wanted)
        gate = asyncio.Semaphore(6)

        async def fetch(url: str) -> None:
            async with gate, http.get(self.url + url) as answer:
                answer.raise_for_status()
                await answer.read()

        await asyncio.gather(*(fetch(url) for url in wanted))

    async def projector(self, http: aiohttp.ClientSession) -> dict[str, Any]:
        return {"role": "projector", "token": self.projector_token}

    async def dashboard(self, http: aiohttp.ClientSession) -> dict[str, Any]:
        async with http.get(f"{self.url}/f/login") as page:
            csrf = _match(CSRF, await page.text())
        form = {"email": FACILITATOR[0], "password": FACILITATOR[1], "csrf_token": csrf}
        async with http.post(f"{self.url}/f/login", data=form) as answer:
            answer.raise_for_status()
        return {"role": "facilitator", "workshop": self.workshop_id}

    def submission(self, kind: str, text: str) -> tuple[str, dict[str, Any]]:
        if kind == "word":
            return "submit_word", {"step_id": self.words_step, "text": text}
        return "submit_card", {"step_id": self.cards_step, "text": text, "category": CARD_CATEGORY}

    def texts(self, event: str, message: dict[str, Any]) -> list[str]:
        if event == "words_changed":
            return [row["display"] for row in message.get("rows", [])]
        return [card["text"] for card in message.get("cards", [])]

    def stored(self) -> tuple[int, int]:
        """Rows stored, and distinct texts among them."""
        with self.store.connect() as conn:
            rows = conn.execute(
                sql(
                    "SELECT text FROM words WHERE step_id = :w"
                    " UNION ALL SELECT text FROM cards WHERE step_id = :c"
                ),
                {"w": self.words_step, "c": self.cards_step},
            ).all()
        return len(rows), len({row.text for row in rows})


class RundabordUpvotes(Rundabord):
    """The upvote profile's server: also an open Questions step with 100 questions. A
    phone's n-th upvote goes to its own run of questions (never the same one twice); an
    upvote counts as seen on a screen once the question's total there reaches its place
    among the upvotes sent to that question."""

    screen_events = ("questions_changed",)
    questions = 100

    def __init__(self) -> None:
        super().__init__()
        self.by_question: dict[int, list[str]] = {}  # question id -> upvotes sent, in order
        self.last_totals: dict[int, int] = {}  # the projector's latest totals

    def prepare_workshop(self) -> None:
        super().prepare_workshop()
        now = time.strftime("%Y-%m-%d %H:%M:%S")
        with self.store.begin() as conn:
            self.questions_step = conn.execute(
                sql(
                    "INSERT INTO steps (workshop_id, position, kind, title, prompt, settings, is_open, state)"
                    " VALUES (:w, 99, 'questions', 'Frågor', '', '{}', true, '{}') RETURNING id"
                ),
                {"w": self.workshop_id},
            ).scalar_one()
            self.question_ids = [
                conn.execute(
                    sql(
                        "INSERT INTO questions (workshop_id, step_id, text, named, approved_at, created_at)"
                        " VALUES (:w, :s, :t, false, :now, :now) RETURNING id"
                    ),
                    {"w": self.workshop_id, "s": self.questions_step, "t": f"Fråga {n}?", "now": now},
                ).scalar_one()
                for n in range(self.questions)
            ]

    def submission(self, kind: str, text: str) -> tuple[str, dict[str, Any]]:
        phone, n = (int(part) for part in text.split()[1].split("-"))
        question = self.question_ids[(phone * 7 + n) % self.questions]
        self.by_question.setdefault(question, []).append(text)
        return "upvote", {"step_id": self.questions_step, "question_id": question, "on": True, "n": n + 1}

    def texts(self, event: str, message: dict[str, Any]) -> list[str]:
        seen = []
        for question in message.get("questions", []):
            if "participant" not in question:  # the projector's view: keep its totals
                self.last_totals[question["id"]] = question["upvotes"]
            seen += self.by_question.get(question["id"], [])[: question["upvotes"]]
        return seen

    def stored(self) -> tuple[int, int]:
        """Upvotes stored, and distinct (phone, question) among them."""
        with self.store.connect() as conn:
            rows = conn.execute(
                sql("SELECT participant_id, question_id FROM upvotes WHERE step_id = :s AND up"),
                {"s": self.questions_step},
            ).all()
        return len(rows), len(set(rows))


class Floor:
    """`bench/floor.py`: acknowledges and forwards, stores nothing; or, `stored`, also stores
    each submission as one row committed to a SQLite file before acknowledging it."""

    screen_events = ("word", "card", "upvote")

    def __init__(self, stored: bool = False) -> None:
        self.name = "stored floor" if stored else "floor"
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None
        self.scratch = Path(tempfile.mkdtemp(prefix="rundabord-floor-")) if stored else None
        self.database = self.scratch / "floor.db" if self.scratch else None

    def start(self) -> None:
        env = {**os.environ, "PORT": str(self.port)}
        if self.database is not None:
            env["FLOOR_DATABASE"] = str(self.database)
        self.process = subprocess.Popen([sys.executable, "-m", "bench.floor"], cwd=ROOT, env=env)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if requests.get(self.url + "/", timeout=1).status_code == 200:
                    return
            except requests.ConnectionError:
                time.sleep(0.1)
        raise RuntimeError("the floor did not start")

    @property
    def pids(self) -> list[int]:
        assert self.process is not None
        return [self.process.pid]

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(10)

    async def join(
        self, http: aiohttp.ClientSession, times: list[float] | None = None, files: bool = False
    ) -> dict[str, Any]:
        if times is not None:  # nothing to fetch: the floor only connects
            times += [time.perf_counter()] * (4 if files else 2)
        return {"role": "participant"}

    async def projector(self, http: aiohttp.ClientSession) -> dict[str, Any]:
        return {"role": "projector"}

    async def dashboard(self, http: aiohttp.ClientSession) -> dict[str, Any]:
        return {"role": "facilitator"}

    @staticmethod
    def submission(kind: str, text: str) -> tuple[str, dict[str, Any]]:
        return f"submit_{kind}", {"text": text}

    @staticmethod
    def texts(event: str, message: dict[str, Any]) -> list[str]:
        return [message["text"]]

    def stored(self) -> tuple[int, int] | None:
        if self.database is None:
            return None
        with contextlib.closing(sqlite3.connect(self.database)) as connection:
            rows = connection.execute("SELECT COUNT(*), COUNT(DISTINCT text) FROM submissions").fetchone()
        return int(rows[0]), int(rows[1])


Target = Rundabord | RundabordUpvotes | Floor


def _match(pattern: re.Pattern[str], text: str) -> str:
    found = pattern.search(text)
    if found is None:
        raise RuntimeError(f"expected {pattern.pattern!r} in the page")
    return found.group(1)


def own_session() -> aiohttp.ClientSession:
    """A browser's cookies: one session per phone or screen, for its pages and its socket."""
    return aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))  # unsafe: 127.0.0.1


# --- Phones and screens ----------------------------------------------------------------------


@dataclass
class Tally:
    """What one run sent and saw, with timestamps from one clock (time.perf_counter)."""

    join_ms: list[float] = field(default_factory=list)  # join by the code (HTTP), then connect
    sent: dict[str, float] = field(default_factory=dict)  # text -> first send
    ack_ms: list[float] = field(default_factory=list)
    acknowledged: int = 0
    refused: dict[str, int] = field(default_factory=dict)  # error code -> how many
    resent: int = 0
    reconnects: int = 0
    seen: dict[str, dict[str, float]] = field(default_factory=lambda: {"projector": {}, "dashboard": {}})
    received: dict[str, int] = field(default_factory=lambda: {"projector": 0, "dashboard": 0})


class Phone:
    """One participant: joins, connects, and sends with an outbox (resend until acknowledged)."""

    def __init__(self, target: Target, number: int) -> None:
        self.target = target
        self.number = number
        self.http = own_session()
        self.sio = socketio.AsyncClient(reconnection=False, http_session=self.http, handle_sigint=False)
        self.auth: dict[str, Any] = {}
        self.reconnecting = asyncio.Lock()

    async def connect(self) -> None:
        self.auth = await self.target.join(self.http)
        await self.sio.connect(self.target.url, auth=self.auth, transports=["websocket"], wait_timeout=30)

    async def reconnect(self, tally: Tally) -> None:
        """After a dropped connection (an overloaded server misses pings), as phone.js does:
        connect again with the same session and let the outbox resend."""
        async with self.reconnecting:
            if self.sio.connected:
                return
            tally.reconnects += 1
            await asyncio.sleep(1)
            with contextlib.suppress(socketio.exceptions.ConnectionError):  # the next try tries again
                await self.sio.connect(self.target.url, auth=self.auth, transports=["websocket"])

    async def submit(self, tally: Tally, kind: str, text: str) -> None:
        event, payload = self.target.submission(kind, text)
        payload["id"] = secrets.token_hex(8)
        start = time.perf_counter()
        tally.sent[text] = start
        first = True
        while time.perf_counter() - start < GIVE_UP_S:
            if not first:
                tally.resent += 1
                payload["resend"] = True  # as phone.js marks an item it sent before
            first = False
            try:
                ack = await self.sio.call(event, payload, timeout=ACK_TIMEOUT_S)
            except socketio.exceptions.TimeoutError:
                await asyncio.sleep(RESEND_S)
                continue
            except socketio.exceptions.BadNamespaceError:  # not connected
                await self.reconnect(tally)
                await asyncio.sleep(RESEND_S)
                continue
            if ack.get("error") == "slow_down":  # the phone waits and resends, as phone.js does
                await asyncio.sleep(2)
                continue
            tally.ack_ms.append((time.perf_counter() - start) * 1000)
            if ack.get("ok"):
                tally.acknowledged += 1
            else:
                code = str(ack.get("error"))
                tally.refused[code] = tally.refused.get(code, 0) + 1
            return

    async def run(self, tally: Tally, schedule: list[tuple[float, str]], started: float) -> None:
        tasks = []
        for n, (at, kind) in enumerate(schedule):
            await asyncio.sleep(max(0.0, started + at - time.perf_counter()))
            text = {
                "word": f"ord {self.number} nr {n}",  # "ord 1-23" and "ord 12-3" are one word
                "card": f"kort {self.number}-{n} om samverkan",
                "upvote": f"upvote {self.number}-{n}",
            }[kind]
            tasks.append(asyncio.create_task(self.submit(tally, kind, text)))
        await asyncio.gather(*tasks)

    async def close(self) -> None:
        if self.sio.connected:
            await self.sio.disconnect()
        await self.http.close()


async def screen(target: Target, http: aiohttp.ClientSession, tally: Tally, who: str) -> socketio.AsyncClient:
    """The projector or the dashboard, connected: notes when each submitted text first appears."""
    sio = socketio.AsyncClient(reconnection=False, http_session=http, handle_sigint=False)
    seen = tally.seen[who]

    def handler(event: str) -> Callable[[dict[str, Any]], None]:
        def on_message(message: dict[str, Any]) -> None:
            now = time.perf_counter()
            tally.received[who] += 1
            for text in target.texts(event, message):
                seen.setdefault(text, now)

        return on_message

    for event in target.screen_events:
        sio.on(event, handler(event))
    auth = await (target.projector(http) if who == "projector" else target.dashboard(http))
    await sio.connect(target.url, auth=auth, transports=["websocket"])
    return sio


# --- Schedules ----------------------------------------------------------------------------------


def burst_schedule(rng: random.Random, words: int, cards: int, window: float) -> list[tuple[float, str]]:
    """The workshop's minute: each submission at a random moment within the window."""
    kinds = ["word"] * words + ["card"] * cards
    rng.shuffle(kinds)
    return sorted(zip((rng.uniform(0, window) for _ in kinds), kinds, strict=True))


def steady_schedule(rng: random.Random, posts: int, rate: float) -> list[tuple[float, str]]:
    """`posts` submissions, `rate` a second from a random start; 3 in 8 are words, up to the
    words step's limit (a minute at one a second: 20 words and 40 cards)."""
    phase = rng.uniform(0, 1 / rate)
    kinds = ["word" if n % 8 in (0, 3, 6) else "card" for n in range(posts)]
    for n in [n for n, kind in enumerate(kinds) if kind == "word"][WORDS_PER_PHONE:]:
        kinds[n] = "card"
    return [(phase + n / rate, kind) for n, kind in enumerate(kinds)]


# --- One run ----------------------------------------------------------------------------------


async def connect_all(phones: list[Phone], tally: Tally, parallel: int = 25) -> None:
    """Every phone joins and connects, `parallel` at a time (a room arriving); each join's
    time goes in the tally."""
    gate = asyncio.Semaphore(parallel)

    async def one(phone: Phone) -> None:
        async with gate:
            started = time.perf_counter()
            await phone.connect()
            tally.join_ms.append((time.perf_counter() - started) * 1000)

    await asyncio.gather(*(one(p) for p in phones))


@contextlib.contextmanager
def profiled(target: Target, to: Path | None) -> Any:
    """py-spy recording the server's main process while the block runs (Rundabord only)."""
    if to is None or not isinstance(target, Rundabord):
        yield
        return
    options = ["--pid", str(target.pids[0]), "--nonblocking", "--rate", "250", "--format", "raw"]
    options += ["--output", str(to)]
    spy = subprocess.Popen(
        [str(Path(sys.executable).with_name("py-spy")), "record", *options], stdout=subprocess.DEVNULL
    )
    try:
        yield
    finally:
        spy.send_signal(signal.SIGINT)  # py-spy writes its file on ^C
        spy.wait(30)


async def run_once(
    target: Target,
    phones: int,
    idle: int,
    schedules: list[list[tuple[float, str]]],
    profile_to: Path | None = None,
) -> dict[str, Any]:
    tally = Tally()
    sessions = {who: own_session() for who in ("projector", "dashboard")}
    try:
        screens = [await screen(target, http, tally, who) for who, http in sessions.items()]
        active = [Phone(target, n) for n in range(phones)]
        waiting = [Phone(target, phones + n) for n in range(idle)]
        await connect_all(active + waiting, tally)
        cpu_before, workers_before = cpu_seconds(target.pids)
        client_before = time.process_time()
        started = time.perf_counter() + 0.5
        with profiled(target, profile_to):
            await asyncio.gather(*(p.run(tally, s, started) for p, s in zip(active, schedules, strict=True)))
        sending_s = time.perf_counter() - started
        deadline = time.monotonic() + SETTLE_S
        while time.monotonic() < deadline and len(tally.seen["projector"]) < len(tally.sent):
            await asyncio.sleep(0.05)
        await asyncio.sleep(1)  # derived views still on their way
        cpu_after, workers_after = cpu_seconds(target.pids)
        client_cpu_s = time.process_time() - client_before
        for phone in active + waiting:
            await phone.close()
        for sio in screens:
            await sio.disconnect()
    finally:
        for http in sessions.values():
            await http.close()
    return figures(
        target,
        tally,
        phones,
        idle,
        sending_s,
        cpu_after - cpu_before,
        workers_after - workers_before,
        client_cpu_s,
    )


async def join_storm(
    target: Target,
    phones: int,
    window: float,
    parallel: int,
    profile_to: Path | None = None,
    files: bool = True,
) -> dict[str, Any]:
    """A room scanning the QR code: each phone at a random moment within `window` seconds
    (at most `parallel` joining at once, the load tool's own limit) fetches the join form
    (and, with `files`, its stylesheets and scripts), joins, gets the phone's page (and
    its files), connects and asks for the state with the open step: its time from the
    scan to the open step on screen, and each part of it."""
    rng = random.Random(phones)
    scans = sorted(rng.uniform(0, window) for _ in range(phones))
    gate = asyncio.Semaphore(parallel)
    names = ["form", "form_files", "join_and_page", "page_files"] if files else ["form", "join_and_page"]
    parts: dict[str, list[float]] = {name: [] for name in [*names, "connect", "snapshot", "total"]}
    failed: list[str] = []
    clients: list[tuple[aiohttp.ClientSession, socketio.AsyncClient]] = []
    started = time.perf_counter() + 0.5

    async def one(at: float) -> None:
        await asyncio.sleep(max(0.0, started + at - time.perf_counter()))
        scanned = time.perf_counter()
        async with gate:
            http = own_session()
            sio = socketio.AsyncClient(reconnection=False, http_session=http, handle_sigint=False)
            clients.append((http, sio))
            try:
                times = [scanned]
                auth = await target.join(http, times, files)
                await sio.connect(target.url, auth=auth, transports=["websocket"], wait_timeout=30)
                times.append(time.perf_counter())
                if isinstance(target, Floor):
                    times.append(times[-1])
                else:
                    snap = await sio.call("get_snapshot", {}, timeout=30)
                    if not snap.get("ok") or not snap.get("open_steps"):
                        raise RuntimeError(f"no open step: {snap}")
                    times.append(time.perf_counter())
            except Exception as error:
                failed.append(type(error).__name__)
                return
        for name, (begin, end) in zip(parts, itertools.pairwise(times), strict=False):
            parts[name].append((end - begin) * 1000)
        parts["total"].append((times[-1] - times[0]) * 1000)

    cpu_before, _workers = cpu_seconds(target.pids)
    with profiled(target, profile_to):
        await asyncio.gather(*(one(at) for at in scans))
    cpu_after, _workers = cpu_seconds(target.pids)
    for http, sio in clients:
        if sio.connected:
            await sio.disconnect()
        await http.close()
    result: dict[str, Any] = {
        "server": target.name,
        "phones": phones,
        "window_s": window,
        "files": files,
        "failed": len(failed),
    }
    for name, values in parts.items():
        result[f"{name}_p50_ms"] = ms(values, 0.5)
        result[f"{name}_p95_ms"] = ms(values, 0.95)
    result["last_on_screen_s"] = round(max(parts["total"], default=0) / 1000 + window, 1)
    result["server_cpu_ms_per_join"] = round((cpu_after - cpu_before) * 1000 / phones, 2)
    return result


def measure_join(target: Target, **storm: Any) -> dict[str, Any]:
    """`join_storm` against a server of its own, started and stopped here."""
    target.start()
    try:
        return asyncio.run(join_storm(target, **storm))
    finally:
        target.stop()
        if target.scratch is not None:
            shutil.rmtree(target.scratch, ignore_errors=True)


def figures(
    target: Target,
    tally: Tally,
    phones: int,
    idle: int,
    sending_s: float,
    cpu_s: float,
    workers_cpu_s: float,
    client_cpu_s: float,
) -> dict[str, Any]:
    sent = len(tally.sent)
    projector_ms = [
        (t - tally.sent[text]) * 1000 for text, t in tally.seen["projector"].items() if text in tally.sent
    ]
    stored = target.stored()
    lost = sent - (stored[1] if stored else tally.acknowledged)
    return {
        "server": target.name,
        "phones": phones,
        "idle_phones": idle,
        "sent": sent,
        "rate_per_s": round(sent / sending_s, 1) if sending_s else None,
        "acknowledged": tally.acknowledged,
        "refused": tally.refused,
        "resent": tally.resent,
        "reconnects": tally.reconnects,
        "stored": stored[0] if stored else None,
        "projector_received": len([t for t in tally.seen["projector"] if t in tally.sent]),
        "dashboard_received": len([t for t in tally.seen["dashboard"] if t in tally.sent]),
        "projector_messages": tally.received["projector"],
        "duplicates": (stored[0] - stored[1]) if stored else 0,
        "lost": lost,
        "join_p50_ms": ms(tally.join_ms, 0.5),
        "join_p95_ms": ms(tally.join_ms, 0.95),
        "ack_p50_ms": ms(tally.ack_ms, 0.5),
        "ack_p95_ms": ms(tally.ack_ms, 0.95),
        "ack_p99_ms": ms(tally.ack_ms, 0.99),
        "projector_p50_ms": ms(projector_ms, 0.5),
        "projector_p95_ms": ms(projector_ms, 0.95),
        "projector_p99_ms": ms(projector_ms, 0.99),
        "server_cpu_ms_per_submission": round(cpu_s * 1000 / sent, 3) if sent else None,
        "workers_cpu_ms_per_submission": round(workers_cpu_s * 1000 / sent, 3) if sent else None,
        "client_cpu_s": round(client_cpu_s, 1),
    }


def measure(
    target: Target,
    phones: int,
    idle: int,
    schedules: list[list[tuple[float, str]]],
    profile_to: Path | None = None,
) -> dict[str, Any]:
    target.start()
    try:
        result = asyncio.run(run_once(target, phones, idle, schedules, profile_to))
    finally:
        target.stop()
    if target.scratch is not None:  # kept when the run failed, for the server's log
        shutil.rmtree(target.scratch, ignore_errors=True)
    return result


def schedules_for(args: argparse.Namespace, phones: int) -> list[list[tuple[float, str]]]:
    rng = random.Random(phones)  # the same schedule for Rundabord and the floor
    if args.profile == "burst":
        return [burst_schedule(rng, args.words, args.cards, args.window) for _ in range(phones)]
    if args.profile == "upvote":  # 10 upvotes per phone at random moments within the window
        return [
            sorted((rng.uniform(0, args.window), "upvote") for _ in range(args.upvotes))
            for _ in range(phones)
        ]
    posts = args.posts if args.profile is None else int(args.duration * args.rate)
    return [steady_schedule(rng, posts, args.rate) for _ in range(phones)]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--profile", choices=["burst", "stress", "upvote", "join"])
    parser.add_argument("--parallel", type=int, default=100, help="join: phones joining at once at most")
    parser.add_argument("--phones", default="50", help="one number or several, comma-separated")
    parser.add_argument("--posts", type=int, default=8, help="submissions per phone (no --profile)")
    parser.add_argument("--rate", type=float, default=1.0, help="submissions per second per phone")
    parser.add_argument("--words", type=int, default=3, help="burst: words per phone")
    parser.add_argument("--cards", type=int, default=5, help="burst: cards per phone")
    parser.add_argument("--window", type=float, default=60, help="burst, upvote: seconds")
    parser.add_argument("--upvotes", type=int, default=10, help="upvote: upvotes per phone")
    parser.add_argument("--duration", type=float, default=20, help="stress: seconds")
    parser.add_argument("--idle", type=int, default=0, help="more phones connected, sending nothing")
    parser.add_argument("--no-floor", action="store_true", help="skip the floor")
    parser.add_argument("--py-spy", type=Path, help="record the server's profile into this file")
    parser.add_argument(
        "--cached-files",
        action="store_true",
        help="join: phones that have the pages' stylesheets and scripts already (none fetched)",
    )
    parser.add_argument(
        "--stored-floor",
        action="store_true",
        help="also run the stored floor: the floor that commits each submission to a SQLite file first",
    )
    args = parser.parse_args()
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))  # the servers inherit it

    if args.profile == "join":
        storms = []
        for phones in (int(n) for n in args.phones.split(",")):
            storm = {"phones": phones, "window": args.window, "parallel": args.parallel}
            storm["files"] = not args.cached_files
            mine = measure_join(Rundabord(), **storm, profile_to=args.py_spy)
            floor_runs = [] if args.no_floor else [measure_join(Floor(), **storm)]
            report(mine, floor_runs)
            row = dict(mine)
            for floor in floor_runs:
                row["floor_total_p95_ms"] = floor["total_p95_ms"]
                row["floor_server_cpu_ms_per_join"] = floor["server_cpu_ms_per_join"]
            storms.append(row)
        print(json.dumps({"profile": "join", "runs": storms}))
        return

    runs = []
    for phones in (int(n) for n in args.phones.split(",")):
        schedules = schedules_for(args, phones)
        server = RundabordUpvotes() if args.profile == "upvote" else Rundabord()
        mine = measure(server, phones, args.idle, schedules, args.py_spy)
        if isinstance(server, RundabordUpvotes):  # counted twice anywhere, the totals would say so
            mine["projector_upvotes_total"] = sum(server.last_totals.values())
        floors = [] if args.no_floor else [Floor()]
        if args.stored_floor:
            floors.append(Floor(stored=True))
        others = [measure(floor, phones, args.idle, schedules) for floor in floors]
        runs.append(summary(mine, others))
        report(mine, others)
    result: dict[str, Any] = {"profile": args.profile or "custom", "runs": runs}
    if args.profile == "stress":
        kept = [r for r in runs if r["lost"] == 0 and (r["projector_p95_ms"] or 1e9) < 100]
        result["sustained_per_s"] = max((r["rate_per_s"] for r in kept), default=0)
    print(json.dumps(result))


def summary(mine: dict[str, Any], floors: list[dict[str, Any]]) -> dict[str, Any]:
    keys = (
        "phones",
        "idle_phones",
        "sent",
        "rate_per_s",
        "acknowledged",
        "stored",
        "projector_received",
        "duplicates",
        "lost",
        "join_p95_ms",
        "ack_p95_ms",
        "projector_p50_ms",
        "projector_p95_ms",
        "projector_p99_ms",
        "server_cpu_ms_per_submission",
        "workers_cpu_ms_per_submission",
        "projector_upvotes_total",
    )
    row = {key: mine[key] for key in keys if key in mine}
    for floor in floors:
        prefix = floor["server"].replace(" ", "_")  # floor_… or stored_floor_…
        row[f"{prefix}_projector_p95_ms"] = floor["projector_p95_ms"]
        row[f"{prefix}_cpu_ms_per_submission"] = floor["server_cpu_ms_per_submission"]
        row[f"{prefix}_lost"] = floor["lost"]
        if floor["projector_p95_ms"]:
            ratio = round((mine["projector_p95_ms"] or 0) / floor["projector_p95_ms"], 2)
            row[f"p95_ratio_to_{prefix}"] = ratio
    return row


def report(mine: dict[str, Any], floors: list[dict[str, Any]]) -> None:
    print(f"\n{'':>32} {'rundabord':>12}" + "".join(f" {floor['server']:>12}" for floor in floors))
    for key, value in mine.items():
        others = "".join(f" {floor.get(key, '')!s:>12}" for floor in floors)
        print(f"{key:>32} {value!s:>12}{others}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
