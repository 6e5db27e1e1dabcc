"""The dashboard's "Har svarat i öppet steg" for every kind that takes input: how many
participants have sent something to the open step (it showed a dash for all but Words).
Withdrawn input, dots and upvotes taken back, and input entered for a table group do not
count; someone who sent twice counts once."""

from __future__ import annotations

from models import agenda
from models.participants import join_workshop
from models.workshops import Step, Workshop
from steps.cards.cards import withdraw_card
from steps.registry import kind_of
from tests.conftest import add_step
from tests.services.test_cards import post
from tests.services.test_priorities import OPTIONS, give
from tests.services.test_questions import ask, up
from tests.services.test_tracks import dots, open_voting, propose
from webapp.extensions import db


def answered(step: Step) -> int | None:
    return kind_of(step).answered(db.session, step)


def test_cards_tracks_questions_and_priorities_count_who_has_answered(workshop: Workshop) -> None:
    kim, ali, eva = (join_workshop(db.session, workshop, name) for name in ("Kim", "Ali", "Eva"))

    cards = workshop.steps[1]
    agenda.open_step(db.session, cards)
    assert answered(cards) == 0
    post(kim, cards, "Gemensam journal")
    post(kim, cards, "Mobila team")
    taken_back = post(ali, cards, "Ett kort som dras tillbaka")
    assert answered(cards) == 2
    card_id = taken_back["card"]["id"]  # type: ignore[index]
    withdraw_card(db.session, ali, {"id": "withdraw-ali-1", "step_id": cards.id, "card_id": card_id})
    assert answered(cards) == 1

    tracks = workshop.steps[3]
    agenda.open_step(db.session, tracks)
    track = propose(kim, tracks, "Gemensam journal för kommun och region")
    open_voting(tracks)
    dots(ali, tracks, track, 2)
    dots(eva, tracks, track, 1)
    dots(eva, tracks, track, 0)  # taken back
    assert answered(tracks) == 2

    questions = add_step(workshop, "questions", "Frågor till panelen")
    agenda.open_step(db.session, questions)
    question = ask(kim, questions, "Hur delar vi journaler?")
    up(ali, questions, question)
    up(eva, questions, question)
    up(eva, questions, question, on=False)
    assert answered(questions) == 2

    priorities = add_step(workshop, "priorities", "Vad först?")
    agenda.set_step_settings(db.session, priorities, options=OPTIONS)
    db.session.commit()
    agenda.open_step(db.session, priorities)
    give(kim, priorities, OPTIONS[0], 60)
    give(ali, priorities, OPTIONS[1], 10)
    give(ali, priorities, OPTIONS[1], 0)  # all taken back
    assert answered(priorities) == 1
