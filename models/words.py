"""Words sent to a Words step, and the operations on them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import ForeignKey, Integer, String, func, select
from sqlalchemy.orm import Mapped, mapped_column

from analysis import words as word_analysis
from models.clock import utcnow
from models.errors import EmptyText, InvalidInput, LimitReached, StepClosed, TextTooLong, WrongStepKind
from models.events import Event, Role, make_event
from models.participants import Participant, participant_public
from models.receipts import Outcome, once
from models.session import DbSession
from models.steps import step_setting
from models.workshops import Step
from webapp.extensions import db


class Word(db.Model):  # type: ignore[name-defined,misc]
    """One word or short phrase from one participant."""

    __tablename__ = "words"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), index=True)
    step_id: Mapped[int] = mapped_column(ForeignKey("steps.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participants.id", ondelete="SET NULL"), index=True
    )
    text: Mapped[str] = mapped_column(String(200))
    key: Mapped[str] = mapped_column(String(200), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


def word_public(word: Word) -> dict[str, Any]:
    """What any screen may show of a word."""
    return {"id": word.id, "step_id": word.step_id, "text": word.text, "key": word.key}


def open_step_of_kind(session: DbSession, participant: Participant, step_id: object, kind: str) -> Step:
    """The open step of this participant's workshop that a submission goes to."""
    if not isinstance(step_id, int) or isinstance(step_id, bool):
        raise InvalidInput(field="step_id")
    step = session.get(Step, step_id)
    if step is None or step.workshop_id != participant.workshop_id:
        raise InvalidInput(field="step_id")
    if step.kind != kind:
        raise WrongStepKind()
    if not step.is_open:
        raise StepClosed()
    return step


def submit_word(
    session: DbSession, participant: Participant, step_id: object, client_id: object, text: object
) -> Outcome:
    """A participant sends a word; resending the same `client_id` changes nothing."""

    def write() -> tuple[dict[str, Any], Event]:
        step = open_step_of_kind(session, participant, step_id, "words")
        cleaned = _valid_text(text, step_setting(step, "max_length"))
        _check_count(session, participant, step)
        word = Word(
            workshop_id=step.workshop_id,
            step_id=step.id,
            participant_id=participant.id,
            text=cleaned,
            key=word_analysis.key(cleaned),
            seq=0,
        )
        session.add(word)
        session.flush()
        public = word_public(word)
        event = make_event(
            session,
            step.workshop_id,
            "word_added",
            {
                Role.FACILITATOR: {"word": public, "participant": participant_public(participant)},
                Role.PROJECTOR: {"word": public},
            },
        )
        word.seq = event.seq
        return {"ok": True, "word": public}, event

    return once(session, participant.id, client_id, write)


def _valid_text(text: object, max_length: int) -> str:
    if not isinstance(text, str):
        raise InvalidInput(field="text")
    cleaned = word_analysis.clean(text)
    if not cleaned:
        raise EmptyText()
    if len(cleaned) > max_length:
        raise TextTooLong(limit=max_length)
    return cleaned


def _check_count(session: DbSession, participant: Participant, step: Step) -> None:
    limit = step_setting(step, "max_words")
    sent = session.scalar(
        select(func.count(Word.id)).where(Word.step_id == step.id, Word.participant_id == participant.id)
    )
    if (sent or 0) >= limit:
        raise LimitReached(limit=limit)


def words_of_participant(session: DbSession, step_id: int, participant_id: int) -> list[Word]:
    return list(
        session.scalars(
            select(Word)
            .where(Word.step_id == step_id, Word.participant_id == participant_id)
            .order_by(Word.id)
        )
    )


def ranked_words(session: DbSession, step_id: int) -> list[dict[str, Any]]:
    """The word list with counts, computed from the stored entries."""
    entries = session.execute(select(Word.key, Word.text).where(Word.step_id == step_id))
    return [
        {"key": w.key, "display": w.display, "count": w.count}
        for w in word_analysis.rank((k, t) for k, t in entries)
    ]


def answered_count(session: DbSession, step_id: int) -> int:
    """How many participants have sent at least one word to the step."""
    return (
        session.scalar(select(func.count(func.distinct(Word.participant_id))).where(Word.step_id == step_id))
        or 0
    )
