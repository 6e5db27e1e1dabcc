"""The checks every participant submission shares, whatever it is (a word, a card): the
step it goes to is open and of the right kind, the text is clean and short enough,
the participant has not reached the step's limit, and what they change is their own."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from sqlalchemy import ForeignKey, Index, Select, func, select, union
from sqlalchemy.orm import Mapped, mapped_column

from analysis.words import clean, clean_sentence
from models.clock import utcnow
from models.errors import (
    EmptyText,
    InvalidInput,
    LimitReached,
    NotFound,
    StepClosed,
    TextTooLong,
    WrongStepKind,
)
from models.hot_path import fetch, run, sent_count
from models.participants import Participant
from models.session import DbSession
from models.workshops import Step
from steps.registry import kind_of
from steps.settings import step_setting


class ParticipantInput:
    """The columns every participant's input shares (Word, Card, Track): whose it is, from
    which table group, in which step, and when it was changed or withdrawn (it is kept)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), index=True)
    # indexed with participant_id by each model (`step_indexes`)
    step_id: Mapped[int] = mapped_column(ForeignKey("steps.id", ondelete="CASCADE"))
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participants.id", ondelete="SET NULL"), index=True
    )
    group_id: Mapped[int | None] = mapped_column(ForeignKey("table_groups.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    edited_at: Mapped[dt.datetime | None]
    withdrawn_at: Mapped[dt.datetime | None]


def step_indexes(table: str, *more: Index) -> tuple[Index, ...]:
    """The indexes of a ParticipantInput table: what one participant sent in a step, counted
    on every submission (`check_limit`), then `more`. Each begins with step_id, which a
    board or a cloud reads by; without them SQLite reads a step's every row per submission."""
    return (Index(f"ix_{table}_step_participant", "step_id", "participant_id"), *more)


class Submitted(Protocol):
    """A model of one participant's input in a step (Word, Card)."""

    id: Any
    step_id: Any
    participant_id: Any
    withdrawn_at: Any


Item = TypeVar("Item", bound=Submitted)


def participants_who_sent(session: DbSession, *sent: Select[Any]) -> int:
    """How many participants have sent something to a step (the dashboard's "Har svarat"):
    the distinct participant ids that `sent` select (one column each: a kind's inputs in
    the step, its votes), input entered for a table group, which has none, left out."""
    ids = (sent[0] if len(sent) == 1 else union(*sent)).subquery()
    column = ids.c[0]
    return session.scalar(select(func.count(func.distinct(column))).where(column.is_not(None))) or 0


def _id(value: object, field: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise InvalidInput(field=field)
    return value


def whole_number(value: object, field: str, low: int = 0) -> int:
    """A whole number of at least `low` from a payload (a vote's dots, an id), or a named error."""
    if not isinstance(value, int) or isinstance(value, bool) or value < low:
        raise InvalidInput(field=field)
    return value


def own_view(item: Any) -> dict[str, Any]:
    """What the participant who sent a card or a track sees of it; once the facilitator
    has hidden it, its text is not sent back."""
    hidden = item.hidden_at is not None
    return {
        "id": item.id,
        "step_id": item.step_id,
        "text": "" if hidden else item.text,
        "status": "hidden" if hidden else "sent",
    }


def open_step_taking(session: DbSession, participant: Participant, step_id: object, item: str) -> Step:
    """The open step of this participant's workshop that a submission goes to; it must
    take `item` ("word", "card", "track", "vote": see `StepKind.accepts`)."""
    step = fetch(session, Step, _id(step_id, "step_id"))
    if step is None or step.workshop_id != participant.workshop_id:
        raise InvalidInput(field="step_id")
    if not kind_of(step).accepts(step, item):
        raise WrongStepKind()
    if not step.is_open:
        raise StepClosed()
    return step


def valid_text(
    text: object, max_length: int, field: str = "text", cleaner: Callable[[str], str] = clean
) -> str:
    """A cleaned, non-empty text of at most `max_length` characters, or a named error."""
    if not isinstance(text, str):
        raise InvalidInput(field=field)
    cleaned = cleaner(text)
    if not cleaned:
        raise EmptyText()
    if len(cleaned) > max_length:
        raise TextTooLong(limit=max_length)
    return cleaned


def valid_sentence(text: object, max_length: int) -> str:
    """A card's or a track's text: like `valid_text`, keeping its punctuation."""
    return valid_text(text, max_length, cleaner=clean_sentence)


def check_limit(
    session: DbSession, model: type[Item], participant: Participant, step: Step, setting: str
) -> None:
    """Refuse one more item when the participant already has the step's `setting` many.
    A group's stand-in has no limit: it enters what a whole table wrote."""
    if participant.on_behalf:
        return
    limit = step_setting(step, setting)
    table = model.__table__  # type: ignore[attr-defined]
    sent = run(session, sent_count(table), {"step_id": step.id, "participant_id": participant.id}).scalar()
    if (sent or 0) >= limit:
        raise LimitReached(limit=limit)


def own_open_item(
    session: DbSession, model: type[Item], participant: Participant, item_id: object, field: str, item: str
) -> tuple[Item, Step]:
    """One of the participant's own items that is not withdrawn, in a step still open."""
    found = session.get(model, _id(item_id, field))
    if found is None or found.participant_id != participant.id or found.withdrawn_at is not None:
        raise NotFound()
    return found, open_step_taking(session, participant, found.step_id, item)
