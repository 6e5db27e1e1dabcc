"""Curation after the day: a facilitator corrects a card's text (a typo, an anonymisation,
a shortening) or splits a card that says two things into two cards.

The participant's own words stay on the card (`Card.original_text`) until the text is
edited back to them, and every change is logged with who made it and when (`CardEdit`,
in the archive too). The board, the projector and every export show the curated text;
the phone of the person who wrote the card keeps showing their own words, and a card
split off is never listed on their phone (`own_card`, `participant_cards_view`). Each
change is undone by the board's "Ångra" with the operation that reverses it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from sqlalchemy import ForeignKey, String, Text, delete, select
from sqlalchemy.orm import Mapped, mapped_column

from models.clock import utcnow
from models.contributions import erase
from models.errors import InvalidInput, NotFound
from models.events import Event, lock_workshop, upcoming_seq
from models.participants import Participant
from models.session import DbSession
from models.submissions import valid_sentence
from models.workshops import Step
from steps.cards.board import cards_of_theme
from steps.cards.cards import MAX_CARD_LENGTH, Card, cards_event, own_card, written_by_participant
from steps.registry import takes
from webapp.extensions import db

Curator = tuple[int, str]  # the facilitator's id, and their name (or email) for the log


class CardEdit(db.Model):  # type: ignore[name-defined,misc]
    """One facilitator's change to a card's text: who, when, and the text before and after
    (a split: the card's text after, and the new card's in `added_text`)."""

    __tablename__ = "card_edits"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), index=True)
    card_id: Mapped[int] = mapped_column(ForeignKey("cards.id", ondelete="CASCADE"), index=True)
    facilitator_id: Mapped[int | None] = mapped_column(ForeignKey("facilitators.id", ondelete="SET NULL"))
    by: Mapped[str] = mapped_column(String(254), default="")  # the name or email at the time
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    action: Mapped[str] = mapped_column(String(20))
    before: Mapped[str] = mapped_column(Text, default="")
    after: Mapped[str] = mapped_column(Text, default="")
    added_text: Mapped[str | None] = mapped_column(Text)


def _card(session: DbSession, step: Step, card_id: object) -> Card:
    if not takes(step, "card"):
        raise InvalidInput(field="step_id")
    if not isinstance(card_id, int) or isinstance(card_id, bool):
        raise InvalidInput(field="card_id")
    lock_workshop(session, step.workshop_id)
    card = session.get(Card, card_id)
    if card is None or card.step_id != step.id or card.withdrawn_at is not None:
        raise NotFound()
    return card


def _text(value: object) -> str:
    return valid_sentence(value, MAX_CARD_LENGTH)


def _set_text(card: Card, text: str) -> None:
    """The card's text, its writer's own words kept the first time they change (and let go
    when the text is theirs again)."""
    own = card.original_text if card.original_text is not None else card.text
    card.text = text
    card.original_text = None if text == own or card.split_from_id is not None else own


def _log(session: DbSession, card: Card, who: Curator, action: str, before: str, **more: str) -> None:
    facilitator_id, name = who
    now = utcnow()
    card.curated_at, card.curated_by = now, name
    session.add(
        CardEdit(
            workshop_id=card.workshop_id,
            card_id=card.id,
            facilitator_id=facilitator_id,
            by=name,
            at=now,
            action=action,
            before=before,
            after=card.text,
            **more,
        )
    )


def edit_card_text(session: DbSession, step: Step, who: Curator, card_id: object, text: object) -> Event:
    """A facilitator's correction of a card's text."""
    card = _card(session, step, card_id)
    new = _text(text)
    if new != card.text:
        before = card.text
        _set_text(card, new)
        _log(session, card, who, "edit", before)
    session.flush()
    event = cards_event(session, step, [card])
    session.commit()
    return event


def split_card(
    session: DbSession, step: Step, who: Curator, card_id: object, first: object, second: object
) -> Event:
    """A card that says two things as two: it keeps `first`, and a new card with `second`
    follows it in its column, with its writer, group, category, level and theme. The
    reply carries the new card's id."""
    card = _card(session, step, card_id)
    kept, added = _text(first), _text(second)
    before = card.text
    column = cards_of_theme(session, step, card.theme_id)
    new = Card(
        workshop_id=card.workshop_id,
        step_id=card.step_id,
        participant_id=card.participant_id,
        group_id=card.group_id,
        category=card.category,
        level=card.level,
        theme_id=card.theme_id,
        text=added,
        seq=upcoming_seq(session, card.workshop_id),
        hidden_at=card.hidden_at,
        split_from_id=card.id,
        created_at=card.created_at,
    )
    session.add(new)
    column.insert(column.index(card) + 1, new)
    for position, each in enumerate(column):
        each.position = position
    _set_text(card, kept)
    session.flush()
    _log(session, card, who, "split", before, added_text=added)
    new.curated_at, new.curated_by = card.curated_at, card.curated_by
    session.flush()
    event = cards_event(session, step, [card, new])
    session.commit()
    return replace(event, reply={"card_id": new.id})


def unsplit_card(session: DbSession, step: Step, who: Curator, card_id: object, text: object) -> Event:
    """The undo of a split: the card split off goes, and the card it came from gets `text`
    (its text before the split) back."""
    added = _card(session, step, card_id)
    if added.split_from_id is None:
        raise InvalidInput(field="card_id")
    card = session.get(Card, added.split_from_id)
    if card is None:
        raise NotFound()
    before = card.text
    _set_text(card, _text(text))
    _log(session, card, who, "unsplit", before, added_text=added.text)
    session.execute(delete(CardEdit).where(CardEdit.card_id == added.id))
    added.withdrawn_at = utcnow()  # so every screen drops it (the row itself goes)
    session.delete(added)
    session.flush()
    event = cards_event(session, step, [card, added])
    session.commit()
    return event


def edits_of(session: DbSession, card_ids: list[int]) -> list[CardEdit]:
    """The log of these cards' changes, oldest first."""
    return list(session.scalars(select(CardEdit).where(CardEdit.card_id.in_(card_ids)).order_by(CardEdit.id)))


def own_contributions(session: DbSession, participant: Participant) -> list[dict[str, Any]]:
    """The cards the participant wrote, as "Mina bidrag" lists them: in their own words."""
    cards = session.scalars(
        select(Card)
        .where(Card.participant_id == participant.id, Card.withdrawn_at.is_(None), written_by_participant())
        .order_by(Card.id)
    )
    return [{"step_id": c.step_id, "kind": "card", "id": c.id, "text": own_card(c)["text"]} for c in cards]


def erase_card(session: DbSession, step: Step, card: Card) -> Event:
    """A participant's deletion of their card: its text, their own words kept beside a
    facilitator's edit, the cards split off it and the log of its changes all go."""
    split = list(session.scalars(select(Card).where(Card.split_from_id == card.id)))
    for each in (card, *split):
        erase(each)
        each.original_text = None
    session.execute(delete(CardEdit).where(CardEdit.card_id.in_([c.id for c in (card, *split)])))
    session.flush()
    return cards_event(session, step, [card, *split])
