"""Submitting words: limits, idempotency, and what each role sees."""

from __future__ import annotations

import pytest

from models import agenda
from models.errors import DomainError
from models.events import Role
from models.participants import Participant, join_workshop
from models.workshops import Workshop
from readers.snapshots import snapshot
from steps.words.words import Word, submit_word
from webapp.extensions import db


@pytest.fixture
def open_words(workshop: Workshop) -> Workshop:
    agenda.open_step(db.session, workshop.steps[0])
    return workshop


@pytest.fixture
def phone(open_words: Workshop) -> Participant:
    return join_workshop(db.session, open_words, "Kim")


def words_step_id(workshop: Workshop) -> int:
    return workshop.steps[0].id


def test_a_word_is_stored_and_announced(open_words: Workshop, phone: Participant) -> None:
    outcome = submit_word(db.session, phone, words_step_id(open_words), "a1b2c3d4e5", "  Tillit ")
    assert outcome.ack["ok"] and outcome.ack["word"]["text"] == "Tillit"
    assert outcome.event is not None
    projector = outcome.event.message(Role.PROJECTOR)
    assert projector is not None and projector["rows"] == [{"key": "tillit", "display": "Tillit", "count": 1}]
    assert "entries" not in projector and "participant" not in str(projector)
    facilitator = outcome.event.message(Role.FACILITATOR)
    assert facilitator is not None and facilitator["entries"][0]["participant"]["name"] == "Kim"
    assert outcome.event.message(Role.PARTICIPANT) is None


def test_a_resent_submission_is_stored_once_with_the_same_ack(
    open_words: Workshop, phone: Participant
) -> None:
    step_id = words_step_id(open_words)
    first = submit_word(db.session, phone, step_id, "resend-0001", "Tillit")
    again = submit_word(db.session, phone, step_id, "resend-0001", "Tillit")
    assert again.ack == first.ack and again.event is None
    assert db.session.query(Word).count() == 1


def test_two_participants_may_use_the_same_id(open_words: Workshop, phone: Participant) -> None:
    other = join_workshop(db.session, open_words)
    step_id = words_step_id(open_words)
    submit_word(db.session, phone, step_id, "same-id-0001", "Tillit")
    submit_word(db.session, other, step_id, "same-id-0001", "Prata")
    assert db.session.query(Word).count() == 2


@pytest.mark.parametrize(
    ("client_id", "text", "code"),
    [
        ("good-id-0001", "", "empty"),
        ("good-id-0001", "   ", "empty"),
        ("good-id-0001", "x" * 41, "too_long"),
        ("good-id-0001", 42, "invalid_input"),
        ("short", "Tillit", "invalid_input"),
        ("bad id with spaces", "Tillit", "invalid_input"),
        (None, "Tillit", "invalid_input"),
    ],
)
def test_bad_submissions_are_refused_by_name(
    open_words: Workshop, phone: Participant, client_id: object, text: object, code: str
) -> None:
    with pytest.raises(DomainError) as caught:
        submit_word(db.session, phone, words_step_id(open_words), client_id, text)
    assert caught.value.code == code
    assert db.session.query(Word).count() == 0


def test_the_word_limit_counts_per_participant(open_words: Workshop, phone: Participant) -> None:
    step_id = words_step_id(open_words)
    for n in range(3):
        submit_word(db.session, phone, step_id, f"limit-000{n}", f"ord {n}")
    with pytest.raises(DomainError) as caught:
        submit_word(db.session, phone, step_id, "limit-0003", "ett till")
    assert caught.value.code == "limit_reached" and caught.value.params == {"limit": 3}
    # A resend of an accepted word is still answered, even at the limit.
    assert submit_word(db.session, phone, step_id, "limit-0001", "ord 1").ack["ok"]


def test_closed_and_foreign_steps_take_no_words(open_words: Workshop, phone: Participant) -> None:
    with pytest.raises(DomainError) as closed:
        submit_word(db.session, phone, open_words.steps[1].id, "closed-0001", "Tillit")
    assert closed.value.code == "wrong_step_kind"
    agenda.close_step(db.session, open_words.steps[0])
    with pytest.raises(DomainError) as caught:
        submit_word(db.session, phone, words_step_id(open_words), "closed-0002", "Tillit")
    assert caught.value.code == "step_closed"
    with pytest.raises(DomainError) as foreign:
        submit_word(db.session, phone, 999_999, "closed-0003", "Tillit")
    assert foreign.value.code == "invalid_input"


def test_snapshots_agree_with_events(open_words: Workshop, phone: Participant) -> None:
    step_id = words_step_id(open_words)
    submit_word(db.session, phone, step_id, "snap-00001", "Samarbete")
    last = submit_word(db.session, phone, step_id, "snap-00002", "samarbete").event
    assert last is not None
    projector = snapshot(db.session, open_words.id, Role.PROJECTOR)
    assert projector["seq"] == last.seq
    assert projector["open_steps"][0]["rows"] == [{"key": "samarbete", "display": "Samarbete", "count": 2}]
    mine = snapshot(db.session, open_words.id, Role.PARTICIPANT, phone)
    assert [w["text"] for w in mine["open_steps"][0]["mine"]] == ["Samarbete", "samarbete"]
    # Participants got no word events, so their sequence did not move.
    assert mine["seq"] < last.seq


def test_participant_events_chain_without_gaps(open_words: Workshop, phone: Participant) -> None:
    seen = snapshot(db.session, open_words.id, Role.PARTICIPANT, phone)["seq"]
    submit_word(db.session, phone, words_step_id(open_words), "chain-0001", "Tillit")
    event = agenda.open_step(db.session, open_words.steps[1])
    message = event.message(Role.PARTICIPANT)
    assert message is not None and message["prev"] == seen
