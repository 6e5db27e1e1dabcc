"""A Discussion step while it runs: the question on the screens, the server-held timer,
and short answers from phones that become cards on a board."""

from __future__ import annotations

import pytest

from models import agenda
from models.errors import DomainError
from models.events import Role
from models.participants import join_workshop
from models.workshops import Step, Workshop
from steps.cards import board
from steps.cards.cards import Card, submit_card
from steps.discussion import timer as discussion
from steps.settings import step_setting
from webapp.extensions import db


@pytest.fixture
def step(workshop: Workshop) -> Step:
    step = workshop.steps[4]
    assert step.kind == "discussion"
    agenda.open_step(db.session, step)
    return step


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    now = [1_800_000_000_000]
    monkeypatch.setattr(discussion, "now_ms", lambda: now[0])
    return now


def test_the_timer_runs_on_the_server_and_every_screen_gets_its_end(step: Step, clock: list[int]) -> None:
    assert discussion.time_left_ms(step, clock[0]) == 15 * 60_000  # the template's 15 minutes
    event = discussion.control_timer(db.session, step, "start")
    shown = event.message(Role.PARTICIPANT)["open_steps"][0]["settings"]  # type: ignore[index]
    assert shown["timer_ends_at"] == clock[0] + 15 * 60_000
    clock[0] += 60_000
    discussion.control_timer(db.session, step, "pause")
    assert step_setting(step, "timer_ends_at") == 0
    assert discussion.time_left_ms(step, clock[0] + 999_999) == 14 * 60_000  # stopped: time stands
    discussion.control_timer(db.session, step, "extend", 120)
    assert discussion.time_left_ms(step, clock[0]) == 16 * 60_000
    discussion.control_timer(db.session, step, "start")
    clock[0] += 30_000
    discussion.control_timer(db.session, step, "extend", 60)  # while running: the end moves
    assert step_setting(step, "timer_ends_at") == clock[0] + 16 * 60_000 + 30_000
    # Editing the step keeps the running timer.
    agenda.update_step(
        db.session, step, step.title, step.prompt, {"questions": step_setting(step, "questions")}
    )
    assert step_setting(step, "timer_ends_at") != 0
    discussion.control_timer(db.session, step, "reset")
    assert discussion.time_left_ms(step, clock[0]) == 10 * 60_000  # the edit set the default
    for action, seconds in (("explode", 0), ("extend", 0), ("extend", 10**6), ("extend", True)):
        with pytest.raises(DomainError) as error:
            discussion.control_timer(db.session, step, action, seconds)
        assert error.value.code == "invalid_input"


def test_one_question_at_a_time_or_all(step: Step) -> None:
    discussion.show_question(db.session, step, 1)
    assert step_setting(step, "question") == 1
    discussion.show_question(db.session, step, -1)
    for index in (4, -2, "1", None):
        with pytest.raises(DomainError):
            discussion.show_question(db.session, step, index)


def test_answers_are_cards_under_the_question_shown(workshop: Workshop, step: Step) -> None:
    phone = join_workshop(db.session, workshop, "Kim")
    payload = {"id": "answer-0001", "step_id": step.id, "text": "Tillit, men också tid."}
    with pytest.raises(DomainError) as error:  # answers are off in the template
        submit_card(db.session, phone, payload)
    assert error.value.code == "wrong_step_kind"
    agenda.set_step_setting(db.session, step, "answers", True)
    discussion.show_question(db.session, step, 2)
    ack = submit_card(db.session, phone, payload).ack
    card = db.session.get(Card, ack["card"]["id"])
    assert card is not None and card.category == step_setting(step, "questions")[2]
    assert card.text == "Tillit, men också tid."
    event = board.create_theme(db.session, step, "Tid", card_ids=[card.id])  # sorted like cards
    assert event.message(Role.FACILITATOR)["order"][str(event.reply["theme_id"])] == [card.id]  # type: ignore[index]
