"""Tracks and dot voting: proposing, the budget (also under parallel votes), moving dots,
ties, hidden results, merging duplicates and promoting a card."""

from __future__ import annotations

import itertools
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from flask import Flask

from models import agenda
from models.errors import DomainError
from models.events import Role
from models.participants import Participant, join_workshop
from models.workshops import Step, Workshop
from readers.snapshots import snapshot
from steps.cards.cards import submit_card
from steps.tracks import curation, tracks
from steps.tracks.tracks import Track, Vote, propose_track, vote
from webapp.extensions import db

ids = (f"track-{n:05d}" for n in itertools.count())
numbers = itertools.count(1)


@pytest.fixture
def step(workshop: Workshop) -> Step:
    step = workshop.steps[3]
    assert step.kind == "tracks"
    agenda.open_step(db.session, step)
    return step


@pytest.fixture
def phone(workshop: Workshop) -> Participant:
    return join_workshop(db.session, workshop, "Kim")


def propose(phone: Participant, step: Step, text: str) -> int:
    ack = propose_track(db.session, phone, {"id": next(ids), "step_id": step.id, "text": text}).ack
    return ack["track"]["id"]  # type: ignore[no-any-return]


def dots(phone: Participant, step: Step, track_id: int, count: int, n: int | None = None) -> dict[str, Any]:
    payload = {
        "id": next(ids),
        "step_id": step.id,
        "track_id": track_id,
        "dots": count,
        "n": n or next(numbers),
    }
    return vote(db.session, phone, payload).ack


def open_voting(step: Step) -> None:
    curation.set_phase(db.session, step, "voting", True)


def test_proposals_reach_every_screen_without_names(step: Step, phone: Participant) -> None:
    outcome = propose_track(
        db.session, phone, {"id": "t-00000001", "step_id": step.id, "text": " Hur skapas tillit? "}
    )
    assert outcome.ack["track"]["text"] == "Hur skapas tillit?"
    assert outcome.event is not None
    assert outcome.event.message(Role.FACILITATOR)["tracks"][0]["participant"]["name"] == "Kim"  # type: ignore[index]
    for role in (Role.PROJECTOR, Role.PARTICIPANT):
        message = outcome.event.message(role)
        assert message is not None and "Kim" not in str(message)
    again = propose_track(
        db.session, phone, {"id": "t-00000001", "step_id": step.id, "text": "Hur skapas tillit?"}
    )
    assert again.ack == outcome.ack and again.event is None
    for text in ("Två", "Tre"):
        propose(phone, step, text)
    with pytest.raises(DomainError) as error:  # three proposals each by default
        propose(phone, step, "Fyra")
    assert error.value.code == "limit_reached"


def test_the_budget_holds_and_dots_move_until_voting_closes(step: Step, phone: Participant) -> None:
    first, second, third = (propose(phone, step, t) for t in ("Ett", "Två", "Tre"))
    with pytest.raises(DomainError) as error:
        dots(phone, step, first, 1)
    assert error.value.code == "voting_closed"
    open_voting(step)
    assert dots(phone, step, first, 2)["left"] == 1
    with pytest.raises(DomainError) as error:
        dots(phone, step, second, 2)
    assert error.value.code == "budget_exceeded" and error.value.params == {"limit": 3}
    with pytest.raises(DomainError) as error:
        dots(phone, step, third, 3)  # more than the most on one track (2 in the template)
    assert error.value.code == "invalid_input"
    dots(phone, step, first, 0)  # take them back and place them elsewhere
    ack = dots(phone, step, second, 2)
    assert ack["votes"] == {str(second): 2} and ack["left"] == 1
    # A vote overtaken by a newer one for the same track changes nothing.
    dots(phone, step, third, 0, n=10**12)
    stale = dots(phone, step, second, 1, n=1)
    assert stale["votes"] == {str(second): 2}
    # Resending the same submission is answered from the receipt.
    payload = {"id": "vote-resent-1", "step_id": step.id, "track_id": second, "dots": 1, "n": 10**12 + 1}
    assert vote(db.session, phone, payload).ranking_step == step.id  # the totals follow, batched
    assert vote(db.session, phone, payload).ranking_step is None
    assert tracks.totals(db.session, step.id) == {first: 0, second: 1, third: 0}
    curation.set_phase(db.session, step, "voting", False)
    with pytest.raises(DomainError) as error:
        dots(phone, step, second, 2)
    assert error.value.code == "voting_closed"
    with pytest.raises(DomainError) as error:  # a track with votes cannot be withdrawn
        tracks.withdraw_track(db.session, phone, {"id": next(ids), "track_id": second})
    assert error.value.code == "track_has_votes"


def test_equal_totals_share_a_rank_and_hidden_results_wait_for_the_reveal(
    workshop: Workshop, step: Step, phone: Participant
) -> None:
    agenda.set_step_setting(db.session, step, "hide_results", True)
    a, b, c = (propose(phone, step, t) for t in ("A", "B", "C"))
    open_voting(step)
    other = join_workshop(db.session, workshop, "")
    dots(phone, step, a, 2)
    dots(phone, step, b, 1)
    dots(other, step, b, 1)
    dots(other, step, c, 1)
    shown = snapshot(db.session, workshop.id, Role.PROJECTOR)["open_steps"][0]
    assert shown["results"] is False and all("total" not in t for t in shown["tracks"])
    events = curation.set_phase(db.session, step, "revealed", True)
    projector = events[-1].message(Role.PROJECTOR)
    assert projector is not None and projector["results"] is True
    assert [(t["text"], t["total"], t["rank"], t["tied"]) for t in projector["tracks"]] == [
        ("A", 2, 1, True),
        ("B", 2, 1, True),
        ("C", 1, 3, False),
    ]


def test_merging_moves_dots_up_to_the_most_on_one_track(
    workshop: Workshop, step: Step, phone: Participant
) -> None:
    original, duplicate = propose(phone, step, "Gemensam målbild"), propose(phone, step, "Gemensamma mål")
    open_voting(step)
    dots(phone, step, original, 2)
    dots(phone, step, duplicate, 1)
    other = join_workshop(db.session, workshop, "")
    dots(other, step, duplicate, 2)
    event = curation.merge_tracks(db.session, step, duplicate, original)
    facilitator = event.message(Role.FACILITATOR)
    assert facilitator is not None and [(t["text"], t["total"]) for t in facilitator["tracks"]] == [
        ("Gemensam målbild", 4)
    ]
    assert tracks.votes_of(db.session, step.id, phone.id) == {str(original): 2}  # 2 + 1, at most 2
    assert db.session.get(Track, duplicate).merged_into_id == original  # type: ignore[union-attr]


def test_a_card_or_theme_is_promoted_to_a_track(workshop: Workshop, step: Step, phone: Participant) -> None:
    cards_step = workshop.steps[1]
    agenda.open_step(db.session, cards_step, exclusive=False)
    card = submit_card(
        db.session, phone, {"id": next(ids), "step_id": cards_step.id, "text": "Öronmärkta resurser"}
    )
    event = curation.add_track(db.session, step, None, "card", card.ack["card"]["id"])
    message = event.message(Role.PARTICIPANT)
    assert message is not None and [t["text"] for t in message["tracks"]] == ["Öronmärkta resurser"]
    facilitator = event.message(Role.FACILITATOR)
    assert facilitator is not None and facilitator["tracks"][0]["source"] == {
        "kind": "card",
        "id": card.ack["card"]["id"],
    }
    with pytest.raises(DomainError):
        curation.add_track(db.session, step, None, "card", 10_000)


def test_parallel_votes_never_exceed_the_budget(
    app: Flask, workshop: Workshop, step: Step, phone: Participant
) -> None:
    """Twelve votes of one dot each, on twelve tracks, sent at once: three fit. (On
    PostgreSQL they really run in parallel; SQLite takes one writer at a time anyway.)"""
    others = [join_workshop(db.session, workshop, "") for _ in range(4)]
    track_ids = [propose(p, step, f"Spår {p.id}-{i}") for p in others for i in range(3)]
    open_voting(step)
    phone_id, step_id = phone.id, step.id
    db.session.remove()  # the threads need the connection (SQLite's pool holds one)

    def one_vote(track_id: int) -> str:
        with app.app_context():
            try:
                participant = db.session.get(Participant, phone_id)
                step = db.session.get(Step, step_id)
                dots(participant, step, track_id, 1)  # type: ignore[arg-type]
                return "ok"
            except DomainError as error:
                return error.code
            finally:
                db.session.remove()

    with ThreadPoolExecutor(max_workers=6) as pool:
        outcomes = list(pool.map(one_vote, track_ids))
    assert outcomes.count("ok") == 3
    assert set(outcomes) == {"ok", "budget_exceeded"}
    stored = db.session.query(Vote).filter(Vote.participant_id == phone_id, Vote.dots > 0).all()
    assert sum(v.dots for v in stored) == 3
