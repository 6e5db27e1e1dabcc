"""Questions with upvotes: posting (anonymously or named), upvoting once (and taking it
back), resends and late upvotes, review first, moderation (hide, merge, correct, answer,
pin) and its visible count, parallel upvotes, deleting one's own."""

from __future__ import annotations

import itertools
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from flask import Flask

from models import agenda
from models.contributions import contributions, delete_contribution
from models.errors import DomainError
from models.events import Role
from models.participants import Participant, join_workshop
from models.workshops import Step, Workshop
from readers.snapshots import snapshot
from steps.questions import moderation
from steps.questions.questions import (
    Question,
    Upvote,
    ask_question,
    edit_question,
    similar_questions,
    totals,
    upvote,
    withdraw_question,
)
from tests.conftest import add_step
from webapp.extensions import db

ids = (f"question-{n:05d}" for n in itertools.count())
numbers = itertools.count(1)


@pytest.fixture
def step(workshop: Workshop) -> Step:
    step = add_step(workshop, "questions", "Frågor till panelen")
    assert step.kind == "questions"
    agenda.open_step(db.session, step)
    return step


@pytest.fixture
def phone(workshop: Workshop) -> Participant:
    return join_workshop(db.session, workshop, "Kim")


def ask(phone: Participant, step: Step, text: str, **more: Any) -> int:
    ack = ask_question(db.session, phone, {"id": next(ids), "step_id": step.id, "text": text, **more}).ack
    return ack["question"]["id"]  # type: ignore[no-any-return]


def up(
    phone: Participant, step: Step, question_id: int, on: bool = True, n: int | None = None
) -> dict[str, Any]:
    payload = {
        "id": next(ids),
        "step_id": step.id,
        "question_id": question_id,
        "on": on,
        "n": n or next(numbers),
    }
    return upvote(db.session, phone, payload).ack


def facilitator_view(step: Step) -> dict[str, Any]:
    return snapshot(db.session, step.workshop_id, Role.FACILITATOR)["steps"][-1]  # type: ignore[no-any-return]


def projector_view(step: Step) -> dict[str, Any]:
    return snapshot(db.session, step.workshop_id, Role.PROJECTOR)["open_steps"][0]  # type: ignore[no-any-return]


def test_a_question_reaches_every_screen_anonymous_unless_named(
    step: Step, phone: Participant, workshop: Workshop
) -> None:
    outcome = ask_question(
        db.session, phone, {"id": "q-00000001", "step_id": step.id, "text": " Vem äger frågan? "}
    )
    assert outcome.ack["question"]["text"] == "Vem äger frågan?"
    assert outcome.event is not None
    assert outcome.event.message(Role.FACILITATOR)["questions"][0]["participant"]["name"] == "Kim"  # type: ignore[index]
    for role in (Role.PROJECTOR, Role.PARTICIPANT):
        message = outcome.event.message(role)
        assert message is not None and "Kim" not in str(message)
    again = ask_question(
        db.session, phone, {"id": "q-00000001", "step_id": step.id, "text": "Vem äger frågan?"}
    )
    assert again.ack == outcome.ack and again.event is None
    named = ask(phone, step, "Hur delar vi data?", named=True)
    shown = {q["id"]: q for q in projector_view(step)["questions"]}
    assert shown[named]["name"] == "Kim"
    anonymous = join_workshop(db.session, workshop, "")
    nameless = ask(anonymous, step, "Vem betalar?", named=True)  # no name given: nothing to show
    assert {q["id"]: q for q in projector_view(step)["questions"]}[nameless]["name"] == ""
    ask(phone, step, "Tre")
    with pytest.raises(DomainError) as error:  # three questions each by default
        ask(phone, step, "Fyra")
    assert error.value.code == "limit_reached"


def test_an_upvote_counts_once_and_can_be_taken_back(
    step: Step, phone: Participant, workshop: Workshop
) -> None:
    writer = join_workshop(db.session, workshop, "")
    question = ask(writer, step, "Hur når vi de unga?")
    payload = {"id": "u-00000001", "step_id": step.id, "question_id": question, "on": True, "n": 5}
    first = upvote(db.session, phone, payload)
    assert first.ack["votes"] == {str(question): 1} and first.ranking_step == step.id
    resent = upvote(db.session, phone, payload)
    assert resent.ack == first.ack and resent.ranking_step is None
    up(phone, step, question, n=6)  # on again: still one
    assert totals(db.session, step.id) == {question: 1}
    late = up(phone, step, question, on=False, n=4)  # older than the last one applied
    assert late["votes"] == {str(question): 1}
    assert up(phone, step, question, on=False, n=7)["votes"] == {}
    assert totals(db.session, step.id) == {}
    with pytest.raises(DomainError) as error:  # not one's own
        up(writer, step, question)
    assert error.value.code == "invalid_input"


def test_the_writer_may_edit_until_upvoted_and_always_withdraw(
    step: Step, phone: Participant, workshop: Workshop
) -> None:
    question = ask(phone, step, "Hur når vi de ung?")
    edited = edit_question(
        db.session, phone, {"id": next(ids), "question_id": question, "text": "Hur når vi de unga?"}
    )
    assert edited.ack["question"]["text"] == "Hur når vi de unga?"
    up(join_workshop(db.session, workshop, ""), step, question)
    with pytest.raises(DomainError) as error:
        edit_question(db.session, phone, {"id": next(ids), "question_id": question, "text": "Något annat"})
    assert error.value.code == "question_has_votes"
    withdrawn = withdraw_question(db.session, phone, {"id": next(ids), "question_id": question})
    assert withdrawn.ack["withdrawn"] == question
    assert projector_view(step)["questions"] == []


def test_review_first_holds_a_question_until_approved(
    step: Step, phone: Participant, workshop: Workshop
) -> None:
    agenda.set_step_setting(db.session, step, "review", True)
    question = ask(phone, step, "Får man fråga om lönerna?")
    own = snapshot(db.session, workshop.id, Role.PARTICIPANT, phone)["open_steps"][0]
    assert own["mine"][0]["status"] == "held" and own["questions"] == []
    assert projector_view(step)["counts"]["pending"] == 1
    assert facilitator_view(step)["questions"][0]["pending"] is True
    with pytest.raises(DomainError):  # nobody upvotes what is not shown
        up(join_workshop(db.session, workshop, ""), step, question)
    moderation.approve(db.session, step, question)
    assert [q["id"] for q in projector_view(step)["questions"]] == [question]
    assert projector_view(step)["counts"]["pending"] == 0


def test_moderation_is_counted_where_everyone_sees_it(
    step: Step, phone: Participant, workshop: Workshop
) -> None:
    others = [join_workshop(db.session, workshop, "") for _ in range(3)]
    first = ask(phone, step, "Vem samordnar insatserna?")
    twin = ask(others[0], step, "Vem har samordningsansvaret?")
    rude = ask(others[1], step, "Något olämpligt")
    for voter in others[1:]:
        up(voter, step, first)
    up(others[1], step, twin)  # upvoted both: counts once after the merge
    up(phone, step, twin)  # the writer of the target: their upvote does not land on their own
    moderation.merge(db.session, step, twin, first)
    moderation.set_flag(db.session, step, rude, "hidden", True)
    view = projector_view(step)
    assert [q["id"] for q in view["questions"]] == [first]
    assert view["questions"][0]["upvotes"] == 2
    assert view["counts"] == {"hidden": 1, "merged": 1, "pending": 0, "answered": 0}
    assert db.session.query(Upvote).filter(Upvote.participant_id == phone.id).count() == 0
    moderation.edit(db.session, step, first, "Vem samordnar insatserna kring barnet?")
    moderation.edit(db.session, step, first, "Vem samordnar insatserna runt barnet?")
    row = facilitator_view(step)["questions"][0]
    assert row["original"] == "Vem samordnar insatserna?" and row["merged"] == 1
    moderation.set_flag(db.session, step, first, "pinned", True)
    second = ask(others[2], step, "Hur följer vi upp?")
    moderation.set_flag(db.session, step, second, "pinned", True)  # one pinned at a time
    pinned = [q["id"] for q in projector_view(step)["questions"] if q["pinned"]]
    assert pinned == [second]
    moderation.set_flag(db.session, step, first, "answered", True)
    assert [q["id"] for q in projector_view(step)["questions"]] == [second, first]  # answered last
    with pytest.raises(DomainError):
        moderation.set_flag(db.session, step, first, "nonsense", True)
    with pytest.raises(DomainError):
        moderation.merge(db.session, step, first, first)


def test_parallel_upvotes_from_many_phones_all_count(app: Flask, workshop: Workshop, step: Step) -> None:
    """Twelve phones upvote one question at once: twelve upvotes, none lost or doubled.
    (On PostgreSQL they run in parallel; SQLite takes one writer at a time anyway.)"""
    question = ask(join_workshop(db.session, workshop, ""), step, "Hur får vi tid till samverkan?")
    phones = [join_workshop(db.session, workshop, "").id for _ in range(12)]
    step_id = step.id
    db.session.remove()

    def one(phone_id: int) -> str:
        with app.app_context():
            try:
                participant = db.session.get(Participant, phone_id)
                found = db.session.get(Step, step_id)
                up(participant, found, question)  # type: ignore[arg-type]
                return "ok"
            except DomainError as error:
                return error.code
            finally:
                db.session.remove()

    with ThreadPoolExecutor(max_workers=6) as pool:
        outcomes = list(pool.map(one, phones * 2))  # each twice, as a phone that resends
    assert set(outcomes) == {"ok"}
    with app.app_context():
        assert totals(db.session, step_id) == {question: 12}


def test_similar_questions_are_offered_while_typing(
    step: Step, phone: Participant, workshop: Workshop
) -> None:
    other = join_workshop(db.session, workshop, "")
    asked = ask(other, step, "Hur delar vi information mellan kommun och region?")
    ask(other, step, "Vem betalar för hjälpmedlen?")
    found = similar_questions(db.session, phone, step.id, "Hur kan kommun och region dela information?")
    assert found and found[0]["id"] == asked
    assert similar_questions(db.session, other, step.id, "Hur delar vi information?") == []  # not one's own


def test_deleting_ones_own_takes_it_out_of_every_count(
    step: Step, phone: Participant, workshop: Workshop
) -> None:
    writer = join_workshop(db.session, workshop, "")
    question = ask(writer, step, "Hur når vi äldre utan smartphone?")
    own = ask(phone, step, "Min egen fråga")
    up(phone, step, question)
    items = {item["kind"]: item for group in contributions(db.session, phone) for item in group["items"]}
    assert items["question"]["id"] == own and items["upvotes"]["id"] == step.id
    delete_contribution(db.session, phone, "upvotes", step.id)
    delete_contribution(db.session, phone, "question", own)
    assert totals(db.session, step.id) == {}
    assert db.session.get(Question, own).text == ""  # type: ignore[union-attr]
    assert [q["id"] for q in projector_view(step)["questions"]] == [question]
