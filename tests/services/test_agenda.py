"""Workshop and agenda operations, without a server."""

from __future__ import annotations

import pytest

from models import agenda
from models.accounts import Facilitator
from models.errors import InvalidInput, NotFound
from models.events import Role
from models.workshops import Workshop
from webapp.extensions import db


def test_samverkan_template_follows_the_seed_workshops(workshop: Workshop) -> None:
    steps = workshop.steps
    assert [s.kind for s in steps] == ["words", "cards", "cards", "tracks", "discussion"]
    assert steps[0].prompt == "Vilka ord tänker du på när du hör samverkan?"
    assert steps[1].settings["categories"] == ["Förutsättningar"]
    assert steps[2].settings["categories"] == ["Hinder", "Möjligheter"]
    assert steps[2].based_on_step_id == steps[1].id
    assert steps[3].title == "Spår för vidareutveckling"
    assert steps[4].settings["questions"]
    assert len(workshop.join_code) == 6 and workshop.projector_token


def test_opening_a_step_closes_the_others_and_raises_the_sequence(workshop: Workshop) -> None:
    words, cards = workshop.steps[0], workshop.steps[1]
    first = agenda.open_step(db.session, words)
    second = agenda.open_step(db.session, cards)
    assert not words.is_open and cards.is_open
    assert second.seq == first.seq + 1
    phone = second.message(Role.PARTICIPANT)
    assert phone is not None and phone["prev"] == first.seq
    assert [s["id"] for s in phone["open_steps"]] == [cards.id]


def test_several_steps_can_be_open_at_once(workshop: Workshop) -> None:
    agenda.open_step(db.session, workshop.steps[0])
    agenda.open_step(db.session, workshop.steps[4], exclusive=False)
    assert [s.kind for s in workshop.open_steps] == ["words", "discussion"]


def test_participants_see_only_open_steps_facilitators_the_whole_agenda(workshop: Workshop) -> None:
    event = agenda.open_step(db.session, workshop.steps[0])
    facilitators = event.message(Role.FACILITATOR)
    participants = event.message(Role.PARTICIPANT)
    assert facilitators is not None and participants is not None
    assert len(facilitators["steps"]) == 5
    assert "steps" not in participants and len(participants["open_steps"]) == 1


def test_steps_move_and_delete_keeping_positions_dense(workshop: Workshop) -> None:
    last = workshop.steps[-1]
    agenda.move_step(db.session, last, -1)
    assert workshop.steps[3] is last
    agenda.delete_step(db.session, workshop.steps[0])
    assert [s.position for s in workshop.steps] == [0, 1, 2, 3]
    assert workshop.steps[2] is last


def test_a_step_from_another_workshop_is_not_found(workshop: Workshop, facilitator: Facilitator) -> None:
    other = agenda.create_workshop(db.session, facilitator, "Annan")
    with pytest.raises(NotFound):
        agenda.find_step(other, workshop.steps[0].id)


@pytest.mark.parametrize(("title", "field"), [("", "title"), ("x" * 201, "title")])
def test_step_titles_are_required_and_bounded(workshop: Workshop, title: str, field: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        agenda.add_step(db.session, workshop, "words", title)
    assert caught.value.params["field"] == field


def test_a_step_builds_only_on_an_earlier_step(workshop: Workshop) -> None:
    steps = workshop.steps
    with pytest.raises(InvalidInput):
        agenda.update_step(db.session, steps[1], "Förutsättningar", "", {}, based_on_step_id=steps[2].id)


def test_ending_closes_every_step_refuses_joins_and_can_be_undone(workshop: Workshop) -> None:
    from models.errors import DomainError
    from models.participants import join_workshop
    from readers.snapshots import snapshot

    agenda.open_step(db.session, workshop.steps[0], exclusive=False)
    agenda.open_step(db.session, workshop.steps[1], exclusive=False)
    event = agenda.end_workshop(db.session, workshop)
    assert event.payloads[Role.PARTICIPANT] == {
        "reason": "workshop_ended",
        "workshop": {**agenda.workshop_public(workshop), "ended": True},
        "open_steps": [],
    }
    assert event.payloads[Role.PROJECTOR]["workshop"]["ended"] is True
    assert not any(step.is_open for step in workshop.steps)
    with pytest.raises(DomainError) as error:
        join_workshop(db.session, workshop, "Sen")
    assert error.value.code == "workshop_ended"
    with pytest.raises(DomainError) as error:
        agenda.open_step(db.session, workshop.steps[0])
    assert error.value.code == "reopen_first"
    assert snapshot(db.session, workshop.id, Role.PROJECTOR)["workshop"]["ended"] is True
    reopened = agenda.reopen_workshop(db.session, workshop)
    assert reopened.payloads[Role.PARTICIPANT]["workshop"]["ended"] is False
    join_workshop(db.session, workshop, "Sen")
    agenda.open_step(db.session, workshop.steps[0])


def test_a_step_cannot_move_above_the_step_it_is_built_on(workshop: Workshop) -> None:
    from models.errors import DomainError

    prerequisites, obstacles = workshop.steps[1], workshop.steps[2]
    assert obstacles.based_on_step_id == prerequisites.id
    for step, offset in ((obstacles, -1), (prerequisites, 1), (obstacles, -2), (prerequisites, 3)):
        with pytest.raises(DomainError) as error:
            agenda.move_step(db.session, step, offset)
        assert error.value.params == {"step": obstacles.title, "base": prerequisites.title}
        db.session.rollback()
        assert [s.id for s in workshop.steps][1:3] == [prerequisites.id, obstacles.id]
        assert obstacles.based_on_step_id == prerequisites.id
    agenda.move_step(db.session, workshop.steps[0], 2)  # the words step may pass both
    assert [s.id for s in workshop.steps][0:2] == [prerequisites.id, obstacles.id]
