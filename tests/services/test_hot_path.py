"""The statements a phone's submission costs: each row written once, the workshop read once
per transaction, the receipt looked up only for a resend. A budget, like Django's
assertNumQueries: the count is what the server's CPU per submission follows
(bench/submit_path.py), and it is the same on every machine, so it can be tested."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, insert

from content.templates import create_from_template
from models import agenda
from models.accounts import create_facilitator
from models.clock import utcnow
from models.errors import DomainError
from models.events import lock_workshop
from models.participants import Participant, join_workshop
from models.workshops import Step, Workshop
from steps.cards.cards import Card, submit_card
from steps.words.words import Word, submit_word
from tests.support.sql import statements
from webapp import create_app
from webapp.extensions import db


@pytest.fixture
def phone(workshop: Workshop) -> Participant:
    return join_workshop(db.session, workshop, "Kim")


def open_step(workshop: Workshop, kind: str) -> int:
    """Open the workshop's first step of this kind (and close the one open before)."""
    step = next(s for s in workshop.steps if s.kind == kind and not s.based_on_step_id)
    agenda.open_step(db.session, step)
    return step.id


def test_a_word_writes_its_row_once_and_reads_the_workshop_once(
    workshop: Workshop, phone: Participant
) -> None:
    step_id = open_step(workshop, "words")
    submit_word(db.session, phone, step_id, "warm-up-0001", "Tillit")
    with statements() as sent:
        outcome = submit_word(db.session, phone, step_id, "budget-0001", "Förtroende")
    assert outcome.ack["ok"]
    inserts = [s for s in sent if s.startswith("INSERT")]
    assert sorted(inserts) == ["INSERT receipts", "INSERT words"]
    assert "UPDATE words" not in sent  # its seq went in with the row
    assert sent.count("SELECT workshops") <= 1
    assert "SELECT receipts" not in sent  # no look-up first
    assert len(sent) <= 9, sent  # participant, step, limit, workshop, decisions, the word's group
    word = db.session.get(Word, outcome.ack["word"]["id"])
    assert word is not None and word.seq == outcome.event.seq  # type: ignore[union-attr]


def test_a_card_writes_its_row_once(workshop: Workshop, phone: Participant) -> None:
    step_id = open_step(workshop, "cards")
    payload = {"step_id": step_id, "text": "Gemensam målbild", "category": "Förutsättningar"}
    submit_card(db.session, phone, {**payload, "id": "warm-up-0002"})
    with statements() as sent:
        outcome = submit_card(db.session, phone, {**payload, "id": "budget-0002"})
    assert outcome.ack["ok"]
    assert sorted(s for s in sent if s.startswith("INSERT")) == ["INSERT cards", "INSERT receipts"]
    assert "UPDATE cards" not in sent
    assert sent.count("SELECT workshops") <= 1
    assert len(sent) <= 8, sent  # participant, step, limit, last position, workshop
    card = db.session.get(Card, outcome.ack["card"]["id"])
    assert card is not None and card.seq == outcome.event.seq  # type: ignore[union-attr]


def test_a_resend_runs_again_is_rolled_back_and_gets_the_stored_ack(
    workshop: Workshop, phone: Participant
) -> None:
    step_id = open_step(workshop, "words")
    first = submit_word(db.session, phone, step_id, "resend-0003", "Tillit")
    seq = db.session.get(Workshop, workshop.id).seq  # type: ignore[union-attr]
    again = submit_word(db.session, phone, step_id, "resend-0003", "Tillit")  # fails on the receipt's key
    assert again.ack == first.ack and again.event is None and again.resent
    agenda.close_step(db.session, db.session.get(Step, step_id))
    closed = submit_word(db.session, phone, step_id, "resend-0003", "Tillit")  # fails on the closed step
    assert closed.ack == first.ack and closed.resent
    with pytest.raises(DomainError):
        submit_word(db.session, phone, step_id, "new-one-0004", "Tillit")  # no receipt: the error stands
    assert db.session.query(Word).count() == 1
    assert db.session.get(Workshop, workshop.id).seq == seq + 1  # type: ignore[union-attr]  # closing the step


def test_the_workshop_lock_is_taken_once_per_transaction(workshop: Workshop) -> None:
    workshop_id = workshop.id
    db.session.commit()
    with statements() as sent:
        first = lock_workshop(db.session, workshop_id)
        again = lock_workshop(db.session, workshop_id)
    assert again is first and sent == ["SELECT workshops"]
    db.session.commit()
    with statements() as sent:
        lock_workshop(db.session, workshop_id)  # a new transaction locks again
    assert len(sent) == 1
    db.session.rollback()


@contextmanager
def sqlite_steps() -> Iterator[list[int]]:
    """SQLite's virtual-machine steps sent meanwhile, in tens: what its queries cost, counted
    the same on every machine (rows read through an index, or a step's every row)."""
    steps = [0]
    touched = set()

    def tick() -> int:
        steps[0] += 1
        return 0  # go on

    def count_on(conn: Any, *_args: object) -> None:
        raw = conn.connection.driver_connection
        if raw not in touched:
            touched.add(raw)
            raw.set_progress_handler(tick, 10)

    event.listen(db.engine, "before_cursor_execute", count_on)
    try:
        yield steps
    finally:
        event.remove(db.engine, "before_cursor_execute", count_on)
        for raw in touched:
            raw.set_progress_handler(None, 10)


@pytest.fixture
def sqlite_workshop(tmp_path: Path) -> Iterator[Workshop]:
    """A workshop on SQLite alone: its steps are what is counted."""
    app = create_app(
        {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'steps.db'}", "INSTANCE_DIR": tmp_path}
    )
    with app.app_context():
        db.create_all()
        leader = create_facilitator(db.session, "leda@region.se", "correct horse battery", "Leda")
        yield create_from_template(db.session, leader, "samverkan", "Samverkan")
        db.session.remove()
        db.engine.dispose()


def fill(model: type[Word] | type[Card], workshop: Workshop, step_id: int, rows: int) -> None:
    """`rows` items from others in the step, as a full room leaves it."""
    others = [join_workshop(db.session, workshop, f"Deltagare {n}").id for n in range(50)]
    item = {"workshop_id": workshop.id, "step_id": step_id, "seq": 0, "created_at": utcnow()}
    if model is Word:
        item |= {"text": "samarbete", "key": "samarbete", "held_reason": None}
    else:
        item |= {"text": "Gemensam målbild", "category": "Förutsättningar", "position": 0, "theme_id": None}
    db.session.execute(
        insert(model.__table__),  # type: ignore[union-attr]
        [
            {**item, "participant_id": others[n % 50], "position": n}
            if model is Card
            else {**item, "participant_id": others[n % 50]}
            for n in range(rows)
        ],
    )
    db.session.commit()


@pytest.mark.parametrize("kind", ["word", "card"])
def test_a_submission_costs_the_same_in_a_full_step(sqlite_workshop: Workshop, kind: str) -> None:
    workshop = sqlite_workshop
    phone = join_workshop(db.session, workshop, "Kim")
    step_id = open_step(workshop, "words" if kind == "word" else "cards")

    def send(n: int) -> None:
        if kind == "word":
            outcome = submit_word(db.session, phone, step_id, f"steps-{n:04}", "Tillit" if n else "Samarbete")
        else:
            payload = {"step_id": step_id, "text": f"Kort {n}", "category": "Förutsättningar"}
            outcome = submit_card(db.session, phone, {**payload, "id": f"steps-{n:04}"})
        assert outcome.ack["ok"]

    send(0)
    with sqlite_steps() as empty:
        send(1)
    fill(Word if kind == "word" else Card, workshop, step_id, 3000)
    with sqlite_steps() as full:
        send(2)
    # Read through indexes, the 3,000 others cost a few steps more; read row by row, 50 times more.
    assert full[0] < 2 * empty[0] + 50, (empty, full)
