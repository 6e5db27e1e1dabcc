"""Curation after the day: a facilitator edits a card's text or splits it; the writer's
own words are kept and are what their phone shows; every change is logged with who and
when, can be undone, goes into the archive, and goes when the writer deletes the card."""

# ruff: noqa: F811
from __future__ import annotations

import pytest

from content.archive import archive_tables, export_archive, import_archive
from models import agenda
from models.accounts import Facilitator
from models.contributions import contributions, delete_contribution
from models.errors import DomainError
from models.events import Role
from models.participants import Participant
from models.workshops import Step, Workshop
from readers.snapshots import snapshot
from readers.workshop_report import workshop_report
from steps.cards.cards import Card, submit_card
from steps.cards.curation import CardEdit, edit_card_text, edits_of, split_card, unsplit_card

# The fixtures of the cards' tests, used here by name (hence the file's F811 below).
from tests.services.test_cards import phone, post, prerequisites  # noqa: F401
from webapp.extensions import db

WHO = (1, "Anna Facilitator")


def test_an_edited_card_keeps_its_writers_words_for_their_phone_and_the_log(
    workshop: Workshop,
    prerequisites: Step,
    phone: Participant,
) -> None:
    card_id = post(phone, prerequisites, "Kim på Storgatans vårdcentral vill ha en väg in")["card"]["id"]  # type: ignore[index]
    event = edit_card_text(db.session, prerequisites, WHO, card_id, "  En   väg in till vården ")
    card = db.session.get(Card, card_id)
    assert card is not None
    assert card.text == "En väg in till vården"
    assert card.original_text == "Kim på Storgatans vårdcentral vill ha en väg in"
    [full] = event.message(Role.FACILITATOR)["cards"]
    assert full["text"] == "En väg in till vården" and full["original"] == card.original_text
    assert full["curated"]["by"] == "Anna Facilitator"
    [shown] = event.message(Role.PROJECTOR)["cards"]
    assert shown["text"] == "En väg in till vården" and "original" not in shown
    assert Role.PARTICIPANT not in event.payloads  # phones hear nothing of it
    # The writer's phone shows their own words; the room's screens the edited text.
    mine = snapshot(db.session, workshop.id, Role.PARTICIPANT, phone)["open_steps"][0]["mine"]
    assert [c["text"] for c in mine] == ["Kim på Storgatans vårdcentral vill ha en väg in"]
    room = snapshot(db.session, workshop.id, Role.PROJECTOR)["open_steps"][0]["cards"]
    assert [c["text"] for c in room] == ["En väg in till vården"]
    [row] = [r for r in workshop_report(db.session, workshop.id).rows if r.kind == "card"]
    assert row.text == "En väg in till vården"
    assert row.original == "Kim på Storgatans vårdcentral vill ha en väg in"
    assert row.curated.startswith("Anna Facilitator, ")  # the raw data's columns (XLSX, CSV)
    items = contributions(db.session, phone)[0]["items"]
    assert [i["text"] for i in items] == ["Kim på Storgatans vårdcentral vill ha en väg in"]
    # Edited back to the writer's words, nothing is kept beside them; both changes logged.
    edit_card_text(db.session, prerequisites, WHO, card_id, "Kim på Storgatans vårdcentral vill ha en väg in")
    assert card.original_text is None
    log = edits_of(db.session, [card_id])
    assert [(e.action, e.by, e.before, e.after) for e in log] == [
        ("edit", "Anna Facilitator", card.text, "En väg in till vården"),
        ("edit", "Anna Facilitator", "En väg in till vården", card.text),
    ]
    assert all(e.at is not None for e in log)


def test_bad_edits_are_refused_and_change_nothing(prerequisites: Step, phone: Participant) -> None:
    card_id = post(phone, prerequisites, "Gemensam målbild")["card"]["id"]  # type: ignore[index]
    for bad in ("", "   ", "x" * 2001, None, 12):
        with pytest.raises(DomainError):
            edit_card_text(db.session, prerequisites, WHO, card_id, bad)
        db.session.rollback()
    for bad_id in (10**6, "1", True):
        with pytest.raises(DomainError):
            edit_card_text(db.session, prerequisites, WHO, bad_id, "Text")
        db.session.rollback()
    with pytest.raises(DomainError):
        split_card(db.session, prerequisites, WHO, card_id, "Gemensam", "")
    db.session.rollback()
    card = db.session.get(Card, card_id)
    assert card is not None and card.text == "Gemensam målbild" and card.original_text is None
    assert db.session.query(Card).count() == 1 and db.session.query(CardEdit).count() == 0


def test_a_split_card_follows_its_card_is_never_on_the_phone_and_is_undone(
    workshop: Workshop,
    prerequisites: Step,
    phone: Participant,
) -> None:
    first = post(phone, prerequisites, "Gemensam målbild och en väg in")["card"]["id"]  # type: ignore[index]
    last = post(phone, prerequisites, "Tillit")["card"]["id"]  # type: ignore[index]
    event = split_card(db.session, prerequisites, WHO, first, "Gemensam målbild", "En väg in")
    new_id = event.reply["card_id"]
    assert [c["text"] for c in event.message(Role.FACILITATOR)["cards"]] == ["Gemensam målbild", "En väg in"]
    room = snapshot(db.session, workshop.id, Role.PROJECTOR)["open_steps"][0]
    assert room["order"]["0"] == [first, new_id, last]  # right after the card it came from
    new = db.session.get(Card, new_id)
    assert new is not None and new.participant_id == phone.id and new.split_from_id == first
    mine = snapshot(db.session, workshop.id, Role.PARTICIPANT, phone)["open_steps"][0]["mine"]
    assert [c["text"] for c in mine] == ["Gemensam målbild och en väg in", "Tillit"]
    agenda.set_step_setting(db.session, prerequisites, "max_cards", 3)
    post(phone, prerequisites, "Ett tredje kort")  # the card split off is not counted as sent
    with pytest.raises(DomainError):  # the writer cannot change a card they did not write
        from steps.cards.cards import edit_card

        edit_card(db.session, phone, {"id": "card-split-0001", "card_id": new_id, "text": "Mitt"})
    db.session.rollback()
    # Undo: the card split off goes, the first card has its whole text again.
    undo = unsplit_card(db.session, prerequisites, WHO, new_id, "Gemensam målbild och en väg in")
    assert new_id in undo.message(Role.PROJECTOR)["removed"]
    assert db.session.get(Card, new_id) is None
    card = db.session.get(Card, first)
    assert card is not None and card.text == "Gemensam målbild och en väg in" and card.original_text is None
    assert [e.action for e in edits_of(db.session, [first])] == ["split", "unsplit"]
    with pytest.raises(DomainError):  # only a card split off can be joined back
        unsplit_card(db.session, prerequisites, WHO, last, "Tillit")


def test_the_writer_deleting_a_curated_card_takes_everything_of_it(
    prerequisites: Step,
    phone: Participant,
) -> None:
    card_id = post(phone, prerequisites, "Kim vill ha en väg in och tillit")["card"]["id"]  # type: ignore[index]
    edit_card_text(db.session, prerequisites, WHO, card_id, "En väg in och tillit")
    split_card(db.session, prerequisites, WHO, card_id, "En väg in", "Tillit")
    delete_contribution(db.session, phone, "card", card_id)
    for card in db.session.query(Card).all():
        assert card.text == "" and card.original_text is None and card.withdrawn_at is not None
    assert db.session.query(CardEdit).count() == 0


def test_curation_goes_into_the_archive_and_comes_back(
    workshop: Workshop,
    prerequisites: Step,
    phone: Participant,
    facilitator: Facilitator,
) -> None:
    card_id = post(phone, prerequisites, "Kim vill ha en väg in och tillit")["card"]["id"]  # type: ignore[index]
    split_card(db.session, prerequisites, WHO, card_id, "Kim vill ha en väg in", "Tillit")
    edit_card_text(db.session, prerequisites, WHO, card_id, "En väg in")
    _facts, tables = archive_tables(db.session, workshop)
    cards = {c["text"]: c for c in tables["cards"]}
    assert cards["En väg in"]["original_text"] == "Kim vill ha en väg in och tillit"
    assert cards["Tillit"]["split_from_id"] == cards["En väg in"]["ref"]
    assert [e["action"] for e in tables["card_edits"]] == ["split", "edit"]
    assert "facilitator_id" not in tables["card_edits"][0] and tables["card_edits"][0]["by"] == WHO[1]
    copy = import_archive(db.session, export_archive(db.session, workshop), facilitator).workshop
    copied = db.session.query(Card).filter(Card.workshop_id == copy.id).order_by(Card.id).all()
    assert [(c.text, c.original_text) for c in copied] == [
        ("En väg in", "Kim vill ha en väg in och tillit"),
        ("Tillit", None),
    ]
    assert copied[1].split_from_id == copied[0].id
    assert len(edits_of(db.session, [c.id for c in copied])) == 2


def test_a_long_card_is_taken_when_the_step_allows_it(prerequisites: Step, phone: Participant) -> None:
    from models import agenda

    long = "Vi behöver en gemensam målbild. " * 60  # about 1,900 characters
    with pytest.raises(DomainError) as error:
        submit_card(db.session, phone, {"id": "card-long-0001", "step_id": prerequisites.id, "text": long})
    assert error.value.code == "too_long"
    db.session.rollback()
    agenda.set_step_setting(db.session, prerequisites, "max_length", 2000)
    card = post(phone, prerequisites, long)["card"]
    assert len(card["text"]) == len(long.strip())  # type: ignore[index]
