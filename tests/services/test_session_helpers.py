"""The hot path's stand-ins for the ORM (`models.hot_path`): `fetch` is `session.get`,
`add_row` is `add` and `flush`, `run` autoflushes and runs at the driver level as
SQLAlchemy would (values converted, errors SQLAlchemy's), `next_seq` writes the workshop's
numbers without the unit of work. Each must leave the session as the ORM would."""

from __future__ import annotations

import secrets
from collections.abc import Callable

import pytest
from sqlalchemy import event, inspect, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import ORMExecuteState, Session

from models import agenda
from models.events import Role, make_event
from models.hot_path import add_row, fetch, insert_row, run, sent_count, stored_ack
from models.participants import Participant, join_workshop
from models.receipts import Receipt
from models.workshops import Step, Workshop
from steps.cards.cards import Card, submit_card
from steps.words.words import submit_word
from webapp.extensions import db


def cards_step(workshop: Workshop) -> Step:
    return next(s for s in workshop.steps if s.kind == "cards" and not s.based_on_step_id)


def test_fetch_gives_what_session_get_gives(workshop: Workshop) -> None:
    step_id, workshop_id = cards_step(workshop).id, workshop.id
    db.session.commit()
    db.session.expunge_all()
    step = fetch(db.session, Step, step_id)
    assert step is not None and inspect(step).persistent and not db.session.is_modified(step)
    assert fetch(db.session, Step, step_id) is step is db.session.get(Step, step_id)
    assert step.workshop.id == workshop_id  # relationships load when first used
    step.title = "Hinder och möjligheter"  # a change to it is written like any other
    db.session.commit()
    db.session.expunge_all()
    assert db.session.get(Step, step_id).title == "Hinder och möjligheter"  # type: ignore[union-attr]
    assert fetch(db.session, Step, 10_000) is None


def test_fetch_with_lock_reads_a_held_object_again(workshop: Workshop) -> None:
    held = db.session.get(Workshop, workshop.id)
    db.session.execute(Workshop.__table__.update().values(seq=41))  # behind the session's back
    assert fetch(db.session, Workshop, workshop.id, lock=True) is held
    assert held.seq == 41  # type: ignore[union-attr]


def test_add_row_leaves_the_object_as_if_loaded(workshop: Workshop) -> None:
    phone = join_workshop(db.session, workshop, "Kim")
    step = cards_step(workshop)
    card = add_row(
        db.session,
        Card,
        workshop_id=workshop.id,
        step_id=step.id,
        participant_id=phone.id,
        text="Gemensam målbild",
        category="Förutsättningar",
        seq=7,
    )
    assert card.id and inspect(card).persistent and not db.session.is_modified(card)
    assert not inspect(card).unloaded  # every column known: reading one costs no query
    stored = db.session.execute(select(Card.__table__).where(Card.id == card.id)).one()._mapping
    assert {key: getattr(card, key) for key in stored} == dict(stored)  # defaults too
    card.position = 3
    db.session.commit()
    assert db.session.scalar(select(Card.position).where(Card.id == card.id)) == 3


def test_run_sees_what_the_session_has_not_written_yet(workshop: Workshop) -> None:
    phone = join_workshop(db.session, workshop, "Kim")
    step = cards_step(workshop)
    db.session.add(
        Card(workshop_id=workshop.id, step_id=step.id, participant_id=phone.id, text="x", category="Hinder")
    )
    count = run(db.session, sent_count(Card.__table__), {"step_id": step.id, "participant_id": phone.id})
    assert count.scalar() == 1


def test_run_at_the_driver_converts_as_sqlalchemy_does(workshop: Workshop) -> None:
    phone = join_workshop(db.session, workshop, "Kim")
    names = {"participant_id": phone.id, "client_id": "driver-0001"}
    row, receipt_id = insert_row(db.session, Receipt.__table__, {**names, "ack": {"ok": 1}})
    stored = db.session.execute(select(Receipt).where(Receipt.id == receipt_id)).scalar_one()
    assert stored.ack == {"ok": 1} and stored.created_at == row["created_at"]  # JSON, a date, a default
    assert run(db.session, stored_ack(), names).scalar() == {"ok": 1}
    with pytest.raises(IntegrityError):  # the driver's own error, as SQLAlchemy's
        insert_row(db.session, Receipt.__table__, {**names, "ack": {}})
    db.session.rollback()


def test_an_event_writes_the_numbers_and_leaves_nothing_to_write(workshop: Workshop) -> None:
    db.session.commit()
    before = workshop.seq
    event = make_event(db.session, workshop.id, "cards_changed", {Role.PROJECTOR: {"step_id": 1}})
    assert event.seq == before + 1 and event.prev[Role.PROJECTOR] == workshop.projector_seq - 1
    assert workshop not in db.session.dirty  # written already, with the statement built once
    row = db.session.execute(select(Workshop.__table__).where(Workshop.id == workshop.id)).one()
    assert (row.seq, row.projector_seq) == (workshop.seq, workshop.projector_seq) == (event.seq, event.seq)
    assert row.participant_seq == workshop.participant_seq != event.seq  # phones did not see it
    workshop_id = workshop.id
    db.session.commit()
    db.session.expunge_all()
    assert db.session.get(Workshop, workshop_id).seq == event.seq  # type: ignore[union-attr]


def test_fetch_of_a_participant_knows_its_name(workshop: Workshop) -> None:
    phone_id = join_workshop(db.session, workshop, "Kim").id
    db.session.commit()
    db.session.expunge_all()
    phone = fetch(db.session, Participant, phone_id)
    assert phone is not None and phone.display_name == "Kim" and not inspect(phone).unloaded


def word(participant: Participant, step_id: int, text: str) -> object:
    return submit_word(db.session, participant, step_id, secrets.token_hex(8), text)


def card(participant: Participant, step_id: int, text: str) -> object:
    return submit_card(
        db.session, participant, {"id": secrets.token_hex(8), "step_id": step_id, "text": text}
    )


def test_a_word_and_a_card_run_only_core_statements(workshop: Workshop) -> None:
    # Every statement of a submission is built once from the tables' columns: one written
    # with the models' attributes goes through the ORM's compile step each time it runs.
    kim_id = join_workshop(db.session, workshop, "Kim").id
    words_id = next(s.id for s in workshop.steps if s.kind == "words")
    sends = ((words_id, word, "Samverkan"), (cards_step(workshop).id, card, "Gemensamma mål"))
    orm: list[str] = []

    def note(state: ORMExecuteState) -> None:
        if state.is_orm_statement:
            orm.append(str(state.statement))

    def send(step_id: int, submit: Callable[[Participant, int, str], object], text: str) -> None:
        db.session.remove()  # each socket event has a session of its own
        kim = fetch(db.session, Participant, kim_id)
        assert kim is not None
        submit(kim, step_id, text)

    for step_id, submit, text in sends:
        agenda.open_step(db.session, db.session.get(Step, step_id))
        event.listen(Session, "do_orm_execute", note)
        try:
            send(step_id, submit, text)
        finally:
            event.remove(Session, "do_orm_execute", note)
    assert orm == []
