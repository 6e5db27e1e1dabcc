"""The statements a phone's submission costs: each row written once, the workshop read once
per transaction, the receipt looked up only for a resend. A budget, like Django's
assertNumQueries: the count is what the server's CPU per submission follows
(bench/submit_path.py), and it is the same on every machine, so it can be tested."""

from __future__ import annotations

import pytest

from models import agenda
from models.cards import Card, submit_card
from models.errors import DomainError
from models.events import lock_workshop
from models.participants import Participant, join_workshop
from models.words import Word, submit_word
from models.workshops import Step, Workshop
from tests.support.sql import statements
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
