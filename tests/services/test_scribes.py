"""Scribes, co-facilitators and input entered on a table group's behalf: who may do what,
what a scribe sees, and that entered input counts once, like any other."""

from __future__ import annotations

import pytest

from content.templates import create_from_template
from models import agenda, notes
from models.accounts import Facilitator, add_facilitator, hand_over, remove_facilitator
from models.errors import DomainError
from models.events import Role
from models.groups import GroupLine, add_groups, groups_of, save_groups
from models.participants import Senders, group_proxy, join_workshop, participant_list
from models.scribes import find_scribe, invite_scribe, revoke_scribe, scribes_of
from models.workshops import Workshop
from readers.snapshots import snapshot
from steps.cards.cards import submit_card
from steps.words.words import Word, facilitator_words_view, submit_word
from webapp.extensions import db

REFLECTIONS = "Skribenternas reflektioner"


def code_of(call: object) -> str:
    with pytest.raises(DomainError) as error:
        call()  # type: ignore[operator]
    return error.value.code


def test_a_scribe_link_works_until_it_is_revoked(workshop: Workshop, other_facilitator: Facilitator) -> None:
    [group, _] = add_groups(db.session, workshop, "Bord 1\nBord 2")
    scribe = invite_scribe(db.session, workshop, "  Sam   Skribent ", group.id)
    assert (scribe.name, scribe.group_id) == ("Sam Skribent", group.id)
    assert find_scribe(db.session, scribe.token) is scribe
    assert find_scribe(db.session, scribe.token, workshop_id=workshop.id + 1) is None
    theirs = create_from_template(db.session, other_facilitator, "samverkan", "Annan")
    assert code_of(lambda: invite_scribe(db.session, theirs, "X", group.id)) == "invalid_input"
    assert code_of(lambda: invite_scribe(db.session, workshop, "x" * 81)) == "too_long"
    revoke_scribe(db.session, workshop, scribe.id)
    assert find_scribe(db.session, scribe.token) is None
    assert scribes_of(db.session, workshop.id) == []
    assert code_of(lambda: revoke_scribe(db.session, workshop, scribe.id)) == "not_found"


def test_scribes_write_their_own_notes_for_their_group(workshop: Workshop, facilitator: Facilitator) -> None:
    [group] = add_groups(db.session, workshop, "Bord 3")
    scribe = invite_scribe(db.session, workshop, "Sam", group.id)
    notes.add_note(db.session, workshop, facilitator.id, REFLECTIONS, "Processledarens")
    event = notes.add_note(db.session, workshop, None, REFLECTIONS, "Skribentens", scribe)
    assert event.payloads[Role.SCRIBE] == event.payloads[Role.FACILITATOR]
    theirs, mine = event.payloads[Role.SCRIBE]["notes"]
    assert (mine["author"], mine["scribe_id"], mine["group_id"]) == ("Sam", scribe.id, group.id)
    assert (theirs["author"], theirs["scribe_id"], theirs["group_id"]) == ("Leda", None, None)
    # A scribe changes only their own notes; facilitators change every note.
    assert code_of(
        lambda: notes.edit_note(db.session, workshop, theirs["id"], REFLECTIONS, "Ändrad", scribe)
    ) == ("forbidden")
    assert code_of(lambda: notes.delete_note(db.session, workshop, theirs["id"], scribe)) == "forbidden"
    notes.edit_note(db.session, workshop, mine["id"], REFLECTIONS, "Skribentens, ändrad", scribe)
    notes.edit_note(db.session, workshop, mine["id"], REFLECTIONS, "Processledaren rättade")
    notes.delete_note(db.session, workshop, mine["id"], scribe)
    left = notes.notes_view(db.session, workshop)["notes"]
    assert [n["text"] for n in left] == ["Processledarens"]


def test_a_scribe_sees_the_projectors_board_and_the_notes(workshop: Workshop) -> None:
    scribe = invite_scribe(db.session, workshop, "Sam")
    words = workshop.steps[0]
    agenda.open_step(db.session, words)
    phone = join_workshop(db.session, workshop, "Kim")
    outcome = submit_word(db.session, phone, words.id, "scribe-view-01", "Tillit")
    assert outcome.event is not None
    assert outcome.event.payloads[Role.SCRIBE] == outcome.event.payloads[Role.PROJECTOR]
    data = snapshot(db.session, workshop.id, Role.SCRIBE, scribe=scribe)
    assert data["seq"] == db.session.get(Workshop, workshop.id).scribe_seq == outcome.event.seq
    [step] = data["open_steps"]
    assert step["rows"][0]["display"] == "Tillit"
    assert "entries" not in step  # no names, no moderation: what the room sees
    assert data["me"] == {"id": scribe.id, "name": "Sam", "group_id": None}
    assert data["notes"]["categories"][2] == REFLECTIONS


def test_input_entered_for_a_group_counts_once_and_is_marked(workshop: Workshop) -> None:
    bord1, bord2 = add_groups(db.session, workshop, "Bord 1\nBord 2")
    words = workshop.steps[0]
    agenda.open_step(db.session, words)
    proxy = group_proxy(db.session, workshop, bord1.id)
    assert group_proxy(db.session, workshop, bord1.id).id == proxy.id
    assert group_proxy(db.session, workshop, bord2.id).id != proxy.id
    assert group_proxy(db.session, workshop, None).group_id is None
    # A table's paper holds more words than one phone may send: no per-person limit.
    for n in range(5):
        submit_word(db.session, proxy, words.id, f"behalf-word-{n:02d}", "Tillit")
    again = submit_word(db.session, proxy, words.id, "behalf-word-00", "Tillit")  # a resend
    assert again.event is None
    view = facilitator_words_view(db.session, words.id)
    assert view["rows"][0]["count"] == 5
    entry = view["entries"][0]
    assert entry["participant"]["on_behalf"] is True and entry["group_id"] == bord1.id
    assert db.session.query(Word).filter_by(group_id=bord1.id).count() == 5
    # The stand-in is nobody: not on the participant list, not a member keeping a group.
    join_workshop(db.session, workshop, "Kim", group_id=bord1.id)
    listed, anonymous = participant_list(db.session, workshop.id)
    assert ([p.display_name for p in listed], anonymous) == (["Kim"], 0)
    # Bord 2 has only an empty stand-in: it may go without a destination.
    save_groups(
        db.session, workshop, [GroupLine(bord1.id, "Bord 1"), GroupLine(bord2.id, "Bord 2", remove=True)]
    )
    assert [g.name for g in groups_of(db.session, workshop.id)] == ["Bord 1"]
    assert Senders(db.session, [proxy.id]).of(proxy.id) == {"id": proxy.id, "name": "", "on_behalf": True}


def test_a_stand_in_cannot_be_used_as_a_phone(app: object, workshop: Workshop) -> None:
    from models.participants import find_participant

    proxy = group_proxy(db.session, workshop, None)
    assert find_participant(db.session, workshop.id, proxy.token) is None


def test_cards_entered_for_a_group_follow_the_steps_rules(workshop: Workshop) -> None:
    cards = workshop.steps[1]
    agenda.open_step(db.session, cards)
    proxy = group_proxy(db.session, workshop, None)
    payload = {"id": "behalf-card-01", "step_id": cards.id, "text": "<b>Gemensamma mål</b>"}
    category = cards.settings.get("categories", [None])[0] if cards.settings else None
    if category:
        payload["category"] = category
    outcome = submit_card(db.session, proxy, payload)
    assert outcome.ack["ok"] and outcome.ack["card"]["text"] == "<b>Gemensamma mål</b>"
    assert (
        code_of(lambda: submit_card(db.session, proxy, {**payload, "id": "behalf-card-02", "text": " "}))
        == "empty"
    )


def test_co_facilitators_are_invited_by_account(
    workshop: Workshop, facilitator: Facilitator, other_facilitator: Facilitator
) -> None:
    me = facilitator.id
    assert code_of(lambda: add_facilitator(db.session, workshop, me, "okand@kommun.se")) == "unknown_account"
    add_facilitator(db.session, workshop, me, " ANNAN@kommun.se ")
    add_facilitator(db.session, workshop, me, "annan@kommun.se")  # twice is once
    assert sorted(f.id for f in workshop.facilitators) == sorted([facilitator.id, other_facilitator.id])
    assert workshop.is_run_by(other_facilitator.id) and not workshop.is_owned_by(other_facilitator.id)
    other = other_facilitator.id
    remove_facilitator(db.session, workshop, me, other)
    assert not workshop.is_run_by(other)
    assert code_of(lambda: remove_facilitator(db.session, workshop, me, other)) == "invalid_input"


def test_a_co_facilitator_cannot_remove_the_owner_who_hands_over_explicitly(
    workshop: Workshop, facilitator: Facilitator, other_facilitator: Facilitator
) -> None:
    owner, co = facilitator.id, other_facilitator.id
    assert workshop.owner_id == owner
    add_facilitator(db.session, workshop, owner, "annan@kommun.se")
    assert code_of(lambda: remove_facilitator(db.session, workshop, co, owner)) == "owner_only"
    assert code_of(lambda: add_facilitator(db.session, workshop, co, "leda@region.se")) == "owner_only"
    assert code_of(lambda: hand_over(db.session, workshop, co, co)) == "owner_only"
    assert code_of(lambda: remove_facilitator(db.session, workshop, owner, owner)) == "owner_stays"
    assert workshop.is_run_by(owner)
    hand_over(db.session, workshop, owner, co)
    assert workshop.is_owned_by(co) and not workshop.is_owned_by(owner) and workshop.is_run_by(owner)
    remove_facilitator(db.session, workshop, owner, owner)  # a co-facilitator now: may leave
    assert [f.id for f in workshop.facilitators] == [co]
    assert code_of(lambda: remove_facilitator(db.session, workshop, co, co)) == "owner_stays"


def test_highlights_of_the_day_from_words_cards_and_tracks(
    workshop: Workshop, facilitator: Facilitator
) -> None:
    from readers.highlights import highlights_of
    from steps.cards import board
    from steps.tracks import curation, tracks
    from steps.words import review as word_review

    words, cards = workshop.steps[0], workshop.steps[1]
    agenda.open_step(db.session, words, exclusive=False)
    agenda.open_step(db.session, cards, exclusive=False)
    phone = join_workshop(db.session, workshop)
    for n, text in enumerate(["Tillit", "tillit", "Dialog"]):
        submit_word(
            db.session,
            phone if n == 0 else join_workshop(db.session, workshop),
            words.id,
            f"hl-word-{n:04d}",
            text,
        )
    word_review.decide(db.session, words, facilitator.id, "highlight", {"key": "tillit"})
    assert code_of(
        lambda: word_review.decide(db.session, words, facilitator.id, "highlight", {"key": "tillit"})
    ) == (
        "invalid_input"  # already marked
    )
    word_review.decide(
        db.session,
        words,
        facilitator.id,
        "merge",
        {"keys": ["dialog", "tillit"], "display": "Tillit och dialog"},
    )
    card = submit_card(
        db.session, phone, {"id": "hl-card-0001", "step_id": cards.id, "text": "Gemensamma mål"}
    )
    board.set_card_flag(db.session, cards, card.ack["card"]["id"], "highlight", True)
    track_step = workshop.steps[3]
    curation.add_track(db.session, track_step, "Hur skapas tillit?", None, None)
    [track] = tracks.tracks_of(db.session, track_step.id)
    curation.set_track_flag(db.session, track_step, track.id, "highlight", True)
    found = highlights_of(db.session, workshop)
    assert [(h["kind"], h["text"], h["step"]) for h in found] == [
        ("word", "Tillit och dialog", "Ordet samverkan"),  # a merged highlight stays one
        ("card", "Gemensamma mål", "Förutsättningar"),
        ("track", "Hur skapas tillit?", "Spår för vidareutveckling"),
    ]
    view = facilitator_words_view(db.session, words.id)
    assert [r["highlight"] for r in view["rows"]] == [True]
    word_review.undo(db.session, words)  # the merge
    word_review.decide(db.session, words, facilitator.id, "unhighlight", {"key": "tillit"})
    assert [h["kind"] for h in highlights_of(db.session, workshop)] == ["card", "track"]
