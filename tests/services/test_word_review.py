"""Participants editing and withdrawing their words; facilitators merging, renaming,
splitting, hiding, approving and undoing. Hidden words never reach the projector or phones."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from analysis import words as word_analysis
from models import agenda
from models.errors import DomainError
from models.events import Event, Role
from models.participants import Participant, join_workshop
from models.workshops import Step, Workshop
from readers.snapshots import snapshot
from steps.words import review as word_review
from steps.words.words import (
    Word,
    WordDecision,
    decisions_state,
    edit_word,
    entry_rows,
    submit_word,
    withdraw_word,
    word_groups,
)
from webapp.extensions import db


@pytest.fixture
def step(workshop: Workshop) -> Step:
    agenda.open_step(db.session, workshop.steps[0])
    return workshop.steps[0]


@pytest.fixture
def kim(workshop: Workshop, step: Step) -> Participant:
    return join_workshop(db.session, workshop, "Kim")


@pytest.fixture
def ali(workshop: Workshop, step: Step) -> Participant:
    return join_workshop(db.session, workshop, "Ali")


counter = iter(range(10**9))


def send(participant: Participant, step: Step, text: str) -> dict:
    return submit_word(db.session, participant, step.id, f"client-{next(counter):06d}", text).ack


def rows(step: Step) -> list[tuple[str, int]]:
    return [(g.display, g.count) for g in word_groups(db.session, step.id) if not g.hidden]


def test_edit_moves_the_word_to_its_new_group(step: Step, kim: Participant, ali: Participant) -> None:
    word = send(kim, step, "Tillit")["word"]
    send(ali, step, "Prata")
    outcome = edit_word(db.session, kim, word["id"], "edit-000001", "pratar")
    assert outcome.ack["word"]["text"] == "pratar"
    assert rows(step) == [("pratar", 2)]  # a tie between forms shows the one sent first
    assert outcome.event is not None
    projector = outcome.event.message(Role.PROJECTOR)
    assert projector is not None and projector["removed"] == ["tillit"]
    assert projector["rows"] == [{"key": "prata", "display": "pratar", "count": 2}]
    # A resent edit changes nothing more.
    assert edit_word(db.session, kim, word["id"], "edit-000001", "pratar").event is None


def test_withdraw_keeps_the_entry_but_stops_counting_it(step: Step, kim: Participant) -> None:
    words = [send(kim, step, t)["word"] for t in ("Tillit", "Prata", "Lyssna")]
    outcome = withdraw_word(db.session, kim, words[0]["id"], "withdraw-01")
    assert outcome.ack == {"ok": True, "withdrawn": words[0]["id"], "step_id": step.id}
    assert ("Tillit", 1) not in rows(step)
    assert db.session.get(Word, words[0]["id"]).withdrawn_at is not None
    # The place is free again: a fourth word fits under the limit of three.
    assert send(kim, step, "Samtal")["ok"]


def test_only_the_author_may_edit_or_withdraw(step: Step, kim: Participant, ali: Participant) -> None:
    word = send(kim, step, "Tillit")["word"]
    for attempt in (
        lambda: edit_word(db.session, ali, word["id"], "steal-00001", "Hej"),
        lambda: withdraw_word(db.session, ali, word["id"], "steal-00002"),
    ):
        with pytest.raises(DomainError) as caught:
            attempt()
        assert caught.value.code == "not_found"
    assert rows(step) == [("Tillit", 1)]


def test_edit_is_refused_once_the_step_is_closed(step: Step, kim: Participant) -> None:
    word = send(kim, step, "Tillit")["word"]
    agenda.close_step(db.session, step)
    with pytest.raises(DomainError) as caught:
        edit_word(db.session, kim, word["id"], "closed-0001", "Prata")
    assert caught.value.code == "step_closed"
    assert rows(step) == [("Tillit", 1)]


def decide(step: Step, kind: str, **data: object) -> Event:
    return word_review.decide(db.session, step, None, kind, data)


def test_merge_rename_split_hide_undo(step: Step, kim: Participant, ali: Participant) -> None:
    send(kim, step, "Tillit")
    send(ali, step, "förtroendet")
    send(ali, step, "Förtroende")
    event = decide(step, "merge", keys=["tillit", "förtroende"], display="Tillit")
    assert rows(step) == [("Tillit", 3)]
    projector = event.message(Role.PROJECTOR)
    assert projector is not None and projector["full"] is True
    assert projector["rows"] == [{"key": "tillit", "display": "Tillit", "count": 3}]
    decide(step, "rename", key="förtroende", display="Tillit och förtroende")
    assert rows(step) == [("Tillit och förtroende", 3)]
    decide(step, "split", key="tillit")
    assert rows(step) == [("förtroendet", 2), ("Tillit", 1)]
    word_review.undo(db.session, step)
    assert rows(step) == [("Tillit och förtroende", 3)]
    word_review.undo(db.session, step)
    word_review.undo(db.session, step)
    assert rows(step) == [("förtroendet", 2), ("Tillit", 1)]
    with pytest.raises(DomainError) as caught:
        word_review.undo(db.session, step)
    assert caught.value.code == "nothing_to_undo"


def test_new_entries_join_an_earlier_merge(step: Step, kim: Participant, ali: Participant) -> None:
    send(kim, step, "Tillit")
    send(kim, step, "Förtroende")
    decide(step, "merge", keys=["tillit", "förtroende"], display="Tillit")
    outcome = submit_word(db.session, ali, step.id, "after-merge1", "förtroendet")
    assert outcome.event is not None
    projector = outcome.event.message(Role.PROJECTOR)
    assert projector is not None and projector["rows"] == [{"key": "tillit", "display": "Tillit", "count": 3}]


@pytest.mark.parametrize(
    ("kind", "data", "code"),
    [
        ("merge", {"keys": ["tillit"], "display": "x"}, "invalid_input"),
        ("merge", {"keys": ["tillit", "nope"], "display": "x"}, "invalid_input"),
        ("merge", {"keys": ["tillit", "prata"], "display": "  "}, "empty"),
        ("merge", {"keys": ["tillit", "prata"], "display": "x" * 81}, "too_long"),
        ("rename", {"key": "nope", "display": "x"}, "not_found"),
        ("split", {"key": "tillit"}, "invalid_input"),
        ("unhide", {"key": "tillit"}, "invalid_input"),
        ("approve", {"ids": [999_999]}, "not_found"),
        ("explode", {"key": "tillit"}, "invalid_input"),
    ],
)
def test_bad_decisions_are_refused_by_name(
    step: Step, kim: Participant, kind: str, data: dict, code: str
) -> None:
    send(kim, step, "Tillit")
    send(kim, step, "Prata")
    with pytest.raises(DomainError) as caught:
        word_review.decide(db.session, step, None, kind, data)
    assert caught.value.code == code
    assert db.session.query(WordDecision).count() == 0


def test_hidden_words_reach_no_projector_or_phone_payload(
    workshop: Workshop, step: Step, kim: Participant, ali: Participant
) -> None:
    send(kim, step, "Hemligt")
    send(ali, step, "Tillit")
    hide = decide(step, "hide", key="hemlig")
    later = submit_word(db.session, ali, step.id, "after-hide01", "hemliga").event
    assert later is not None
    payloads = [
        hide.message(Role.PROJECTOR),
        later.message(Role.PROJECTOR),
        snapshot(db.session, workshop.id, Role.PROJECTOR),
        snapshot(db.session, workshop.id, Role.PARTICIPANT, kim),
        snapshot(db.session, workshop.id, Role.PARTICIPANT, ali),
    ]
    for payload in payloads:
        assert "emlig" not in json.dumps(payload, ensure_ascii=False)
    assert later.message(Role.PARTICIPANT) is None
    mine = snapshot(db.session, workshop.id, Role.PARTICIPANT, kim)["open_steps"][0]["mine"]
    assert mine[0]["status"] == "hidden" and mine[0]["text"] == ""
    # Facilitators still see the entries, and the word can be shown again.
    dashboard = snapshot(db.session, workshop.id, Role.FACILITATOR)
    assert "Hemligt" in json.dumps(dashboard, ensure_ascii=False)
    decide(step, "unhide", key="hemlig")
    assert ("Hemligt", 2) in rows(step)


def test_stop_words_and_profanity_wait_for_review(workshop: Workshop, step: Step, kim: Participant) -> None:
    outcome = submit_word(db.session, kim, step.id, "held-000001", "Fan")
    assert outcome.ack["word"]["status"] == "held"
    assert outcome.event is not None and outcome.event.message(Role.PROJECTOR) is None
    facilitator = outcome.event.message(Role.FACILITATOR)
    assert facilitator is not None and facilitator["entries"][0]["held"] is True
    assert facilitator["entries"][0]["reason"] == "profanity"
    assert rows(step) == []
    decide(step, "approve", ids=[outcome.ack["word"]["id"]])
    assert rows(step) == [("Fan", 1)]


def test_the_workshop_lists_change_what_is_held(workshop: Workshop, step: Step, kim: Participant) -> None:
    step.settings = {**(step.settings or {}), "max_words": 5}
    assert send(kim, step, "Byråkrati")["word"]["status"] == "sent"
    workshop.held_words = "byråkrati"
    workshop.allowed_words = "och"
    db.session.commit()
    assert send(kim, step, "Byråkratin")["word"]["status"] == "held"
    assert send(kim, step, "och")["word"]["status"] == "sent"
    workshop.held_words = ""  # a filter built for the lists before must not be used again
    db.session.commit()
    assert send(kim, step, "Byråkratin")["word"]["status"] == "sent"


def test_decisions_survive_a_new_session(step: Step, kim: Participant, ali: Participant) -> None:
    send(kim, step, "Tillit")
    send(ali, step, "Förtroende")
    decide(step, "merge", keys=["tillit", "förtroende"], display="Tillit")
    step_id = step.id
    db.session.remove()  # a restart reads only what is stored
    assert [(g.display, g.count) for g in word_groups(db.session, step_id)] == [("Tillit", 2)]


def test_the_database_counts_as_every_word_one_by_one(workshop: Workshop, step: Step) -> None:
    # The step's words are read counted per text (a room's thousands of words are a few
    # hundred texts); the groups are the same as counting each word, in the order sent.
    step.settings = {**(step.settings or {}), "max_words": 10}
    people = [join_workshop(db.session, workshop, name) for name in ("Kim", "Ali", "Eva")]
    sent = [
        (0, "Samverka"), (1, "samverkan"), (2, "Samverka"), (2, "Samverkan"),  # a tie: the first form
        (0, "Tillit"), (1, "tillit"), (1, "Tillit"),
        (0, "Fan"), (1, "Fan"), (2, "Skit"),  # held for review
    ]  # fmt: skip
    held = [send(people[who], step, text)["word"] for who, text in sent][7:]
    decide(step, "approve", ids=[held[1]["id"]])
    decide(step, "merge", keys=["tillit", "samverka"], display="Tillit")
    every_word = [
        w.entry() for w in db.session.scalars(select(Word).where(Word.step_id == step.id).order_by(Word.id))
    ]
    one_by_one = word_analysis.group(every_word, decisions_state(db.session, step.id))
    assert word_groups(db.session, step.id) == one_by_one
    assert len(entry_rows(db.session, step.id)) < len(every_word)
    assert [(g.display, g.count) for g in one_by_one] == [("Tillit", 5), ("samverkan", 2), ("Fan", 1)]


def test_a_step_keeps_its_count_until_its_words_are_counted_again(
    step: Step, kim: Participant, ali: Participant
) -> None:
    """A step begun before the word analysis improved (key version 1) keys new words as
    it always did, so its cloud never changes by itself; counted again on request, its
    words take the newest keys and the facilitator's decisions follow them."""
    assert step.state["key_version"] == word_analysis.KEY_VERSION  # a new step: the newest
    step.state = {}  # as stored before version 2
    db.session.commit()
    send(kim, step, "e-tjänst")
    send(ali, step, "etjänst")
    send(ali, step, "Prata")
    send(kim, step, "LSS:are")
    assert sorted(rows(step)) == [("LSS:are", 1), ("Prata", 1), ("e-tjänst", 1), ("etjänst", 1)]
    decide(step, "rename", key="e-tjänst", display="E-tjänst")
    decide(step, "hide", key="lss:are")
    assert snapshot(db.session, step.workshop_id, Role.FACILITATOR)["steps"][0]["newer_analysis"] is True

    event = word_review.recount(db.session, step)
    assert event.message(Role.FACILITATOR)["full"] is True
    assert event.message(Role.FACILITATOR)["newer_analysis"] is False
    assert sorted(rows(step)) == [("E-tjänst", 2), ("Prata", 1)]  # the name and the hiding followed
    assert [g.key for g in word_groups(db.session, step.id) if g.hidden] == ["lss"]
    assert step.state["key_version"] == word_analysis.KEY_VERSION
    send(kim, step, "e tjänst")  # new words take the newest keys too
    assert sorted(rows(step)) == [("E-tjänst", 3), ("Prata", 1)]
    with pytest.raises(DomainError):
        word_review.recount(db.session, step.workshop.steps[1])  # not a words step
