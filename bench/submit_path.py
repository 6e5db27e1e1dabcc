"""The cost of one submission inside the server, without the network: CPU time and SQL
statements per word, per card, per dot on a track and per upvote on a question, on
SQLite and (with --database-url) PostgreSQL.

    .venv/bin/python -m bench.submit_path
    .venv/bin/python -m bench.submit_path --database-url postgresql://postgres@127.0.0.1:5432/test

With --database-url it makes a database of its own on that server and drops it after.

It builds the app in this process, makes a workshop from the "samverkan" template, opens
its words step and its first cards step, lets --phones participants join (Flask's test
client, Flask-SocketIO's test client) and sends --posts words and cards from each, the
same handlers a phone reaches. A projector and a dashboard are connected, so every
event is built for every role. CPU is this process's, so it includes the handlers, the
ORM, the driver and building the events; not Engine.IO's framing, nor the word-cloud
renders (they run in worker processes and are not started here).

The figures move with the hot path (`models.receipts.once` and the writes it wraps);
`bench/load.py` shows what they mean for latency with real sockets. The last line is JSON.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import secrets
import tempfile
import time
from pathlib import Path
from typing import Any

from flask import Flask
from sqlalchemy import event, text

from bench.load import FACILITATOR
from bench.server import scratch_database
from config import database_url
from content.templates import create_from_template
from models import agenda
from models.accounts import create_facilitator
from models.workshops import Workshop
from steps.registry import takes
from webapp import create_app
from webapp.extensions import db, socketio


class StatementCounter:
    """Counts the SQL statements the engine sends (BEGIN and COMMIT included)."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, *_args: Any) -> None:
        self.count += 1


def prepare(app: Flask) -> tuple[int, str, int, int]:
    """A facilitator and an empty workshop: its id, join code, words step and cards step."""
    with app.app_context():
        db.create_all()  # a new database: a SQLite file, or a scratch PostgreSQL database
        leader = create_facilitator(db.session, *FACILITATOR, "Bench")
        workshop = create_from_template(db.session, leader, "samverkan", "Bench")
        words = next(s.id for s in workshop.steps if takes(s, "word"))
        cards = next(s.id for s in workshop.steps if takes(s, "card") and not s.based_on_step_id)
        facts = workshop.id, workshop.join_code, words, cards
        db.session.remove()
        return facts


def measure(app: Flask, phones: int, posts: int) -> dict[str, Any]:
    workshop_id, code, words_step, cards_step = prepare(app)
    dashboard_http = app.test_client()
    dashboard_http.post("/f/login", data=dict(zip(("email", "password"), FACILITATOR, strict=True)))
    dashboard = socketio.test_client(
        app, flask_test_client=dashboard_http, auth={"role": "facilitator", "workshop": workshop_id}
    )
    with app.app_context():
        token = db.session.execute(
            text("SELECT projector_token FROM workshops WHERE id = :id"), {"id": workshop_id}
        ).scalar_one()
    projector = socketio.test_client(app, auth={"role": "projector", "token": token})
    clients = []
    for n in range(phones):
        http = app.test_client()
        http.post(f"/j/{code}", data={"display_name": f"Deltagare {n}", "consent": "y"})
        clients.append(
            socketio.test_client(
                app, flask_test_client=http, auth={"role": "participant", "workshop": workshop_id}
            )
        )
    counter = StatementCounter()
    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", counter)
    figures: dict[str, Any] = {}
    try:
        for kind, event_name, step_id, field in (
            ("word", "submit_word", words_step, {}),
            ("card", "submit_card", cards_step, {"category": "Förutsättningar"}),
        ):
            assert dashboard.emit("open_step", {"step_id": step_id}, callback=True) == {"ok": True}
            counter.count = 0
            sent = 0
            cpu = time.process_time()
            for post in range(posts):
                for n, sock in enumerate(clients):
                    payload = {"id": secrets.token_urlsafe(12), "step_id": step_id, **field}
                    payload["text"] = f"ord{post} nummer {n}" if kind == "card" else f"ord{post}x{n % 40}"
                    ack = sock.emit(event_name, payload, callback=True)
                    if not ack.get("ok"):
                        raise RuntimeError(f"{event_name} refused: {ack}")
                    sent += 1
            cpu = time.process_time() - cpu
            figures[f"{kind}_cpu_ms"] = round(cpu * 1000 / sent, 3)
            figures[f"{kind}_statements"] = round(counter.count / sent, 2)
            for sock in (*clients, projector, dashboard):
                sock.get_received()  # drop what arrived; the test client keeps it otherwise
        figures.update(measure_votes(app, workshop_id, clients, dashboard, counter))
        for sock in (*clients, projector, dashboard):
            sock.get_received()
    finally:
        event.remove(engine, "before_cursor_execute", counter)
    return figures


def measure_votes(
    app: Flask, workshop_id: int, clients: list[Any], dashboard: Any, counter: StatementCounter
) -> dict[str, Any]:
    """Dots on a Tracks step (the baseline) and upvotes on a Questions step: each phone
    casts its votes one by one, on 20 tracks and on up to 100 questions. The totals each
    vote changes are sent at once here (RANKING_INTERVAL_S is 0 under TESTING): what a
    vote costs at most, before the batching a running server does."""
    with app.app_context():
        workshop = db.session.get(Workshop, workshop_id)
        assert workshop is not None
        agenda.add_step(db.session, workshop, "questions", "Frågor")
        db.session.commit()
        tracks_step = next(s.id for s in workshop.steps if takes(s, "track"))
        questions_step = workshop.steps[-1].id
        db.session.remove()
    figures: dict[str, Any] = {}

    def ask_all(event_name: str, step_id: int, count: int, key: str) -> list[tuple[int, int]]:
        made = []
        for n in range(count):
            sock = clients[n % len(clients)]
            payload = {"id": secrets.token_urlsafe(12), "step_id": step_id, "text": f"Fråga nummer {n}?"}
            ack = sock.emit(event_name, payload, callback=True)
            if not ack.get("ok"):
                raise RuntimeError(f"{event_name} refused: {ack}")
            made.append((ack[key]["id"], n % len(clients)))
        return made

    def timed(name: str, votes: list[tuple[Any, dict[str, Any]]]) -> None:
        counter.count = 0
        cpu = time.process_time()
        for sock, payload in votes:
            ack = sock.emit(payload.pop("event"), payload, callback=True)
            if not ack.get("ok"):
                raise RuntimeError(f"{name} refused: {ack}")
        cpu = time.process_time() - cpu
        figures[f"{name}_cpu_ms"] = round(cpu * 1000 / len(votes), 3)
        figures[f"{name}_statements"] = round(counter.count / len(votes), 2)
        for sock in (*clients, dashboard):
            sock.get_received()

    assert dashboard.emit("open_step", {"step_id": tracks_step}, callback=True) == {"ok": True}
    tracks = ask_all("propose_track", tracks_step, 20, "track")
    dashboard.emit(
        "tracks", {"step_id": tracks_step, "op": "phase", "name": "voting", "on": True}, callback=True
    )
    dots = []
    for p, sock in enumerate(clients):
        for v in range(3):
            track_id = tracks[(p + v) % len(tracks)][0]
            payload = {"id": secrets.token_urlsafe(12), "step_id": tracks_step, "track_id": track_id}
            dots.append((sock, {"event": "vote", **payload, "dots": 1, "n": v + 1}))
    timed("dot_vote", dots)

    assert dashboard.emit("open_step", {"step_id": questions_step}, callback=True) == {"ok": True}
    questions = ask_all("ask_question", questions_step, min(100, 3 * len(clients)), "question")
    upvotes = []
    for p, sock in enumerate(clients):
        theirs = [q for q, writer in questions if writer != p]
        for v in range(min(10, len(theirs))):
            question_id = theirs[(p * 7 + v) % len(theirs)]
            payload = {"id": secrets.token_urlsafe(12), "step_id": questions_step, "question_id": question_id}
            upvotes.append((sock, {"event": "upvote", **payload, "on": True, "n": v + 1}))
    timed("upvote", upvotes)
    figures["questions"] = len(questions)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--database-url", help="a PostgreSQL server to make a scratch database on (default: a SQLite file)"
    )
    parser.add_argument("--phones", type=int, default=40)
    parser.add_argument("--posts", type=int, default=3, help="words and cards per phone (3 words at most)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, contextlib.ExitStack() as stack:
        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        if args.database_url:  # a database of its own beside it, never the one named
            url = database_url(stack.enter_context(scratch_database(args.database_url, "rundabord_bench")))
        app = create_app(
            {
                "SQLALCHEMY_DATABASE_URI": url,
                "INSTANCE_DIR": tmp,
                "TESTING": True,
                "PRESENCE_NOTIFY_DELAY": 0.5,
            }
        )
        figures = measure(app, args.phones, args.posts)
        with app.app_context():
            db.engine.dispose()
    figures = {"database": url.split(":", 1)[0], "phones": args.phones, "posts": args.posts, **figures}
    for key, value in figures.items():
        print(f"{key:>20} {value}")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
