"""Questions with upvotes ("Frågor"): participants post short questions or ideas,
anonymously or with their consented name, and upvote others' once each (and take the
upvote back). The projector shows the top ones, the pinned one large, and always a
line saying how many are hidden or merged, so moderation is never out of sight.

Where the step says `review`, a question waits for a facilitator's approval before
anyone else sees it. Upvotes are stored per participant and question and always
counted from the store: an upvote names its state (on or off), so sending it again
changes nothing, and the phone numbers them (`n`), so one that arrives after a newer
one for the same question is ignored. What facilitators do is in
`steps.questions.moderation`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from sqlalchemy import BigInteger, Boolean, ForeignKey, String, UniqueConstraint, func, select
from sqlalchemy.orm import Mapped, mapped_column

from models.clock import utcnow
from models.errors import InvalidInput, NotFound, QuestionHasVotes
from models.events import Event, Role, lock_workshop, make_event
from models.participants import Participant, Senders
from models.receipts import Outcome, once
from models.session import DbSession
from models.submissions import (
    ParticipantInput,
    check_limit,
    open_step_taking,
    own_open_item,
    own_view,
    step_indexes,
    valid_sentence,
    whole_number,
)
from models.workshops import Step
from steps.reveal import writing, written_per_group
from steps.settings import step_setting
from webapp.extensions import db


class Question(ParticipantInput, db.Model):  # type: ignore[name-defined,misc]
    """One question or idea; kept when withdrawn, hidden or merged into another."""

    __tablename__ = "questions"
    __table_args__ = step_indexes("questions")

    text: Mapped[str] = mapped_column(String(600))
    original_text: Mapped[str | None] = mapped_column(String(600))  # the writer's words, once edited
    named: Mapped[bool] = mapped_column(Boolean, default=False)  # shown with the writer's name
    approved_at: Mapped[dt.datetime | None]  # None: waiting for review
    hidden_at: Mapped[dt.datetime | None]
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("questions.id", ondelete="SET NULL"))
    answered_at: Mapped[dt.datetime | None]
    pinned_at: Mapped[dt.datetime | None]

    @property
    def listed(self) -> bool:
        """Still a question of its own (not withdrawn or merged away)."""
        return self.withdrawn_at is None and self.merged_into_id is None

    @property
    def shown(self) -> bool:
        """Whether phones and the projector may see it."""
        return self.listed and self.approved_at is not None and self.hidden_at is None


class Upvote(db.Model):  # type: ignore[name-defined,misc]
    """One participant's upvote on one question, kept when taken back."""

    __tablename__ = "upvotes"
    __table_args__ = (UniqueConstraint("participant_id", "question_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    step_id: Mapped[int] = mapped_column(ForeignKey("steps.id", ondelete="CASCADE"), index=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("questions.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"))
    up: Mapped[bool] = mapped_column(Boolean, default=False)  # False: taken back
    n: Mapped[int] = mapped_column(BigInteger, default=0)  # the phone's number of the upvote applied
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)


# --- Reading ------------------------------------------------------------------------------


def every_question(session: DbSession, step_id: int) -> list[Question]:
    """All of the step's questions, withdrawn and merged ones too, oldest first."""
    return list(session.scalars(select(Question).where(Question.step_id == step_id).order_by(Question.id)))


def questions_of(session: DbSession, step_id: int) -> list[Question]:
    """The step's questions that are still questions of their own, oldest first."""
    query = select(Question).where(
        Question.step_id == step_id, Question.withdrawn_at.is_(None), Question.merged_into_id.is_(None)
    )
    return list(session.scalars(query.order_by(Question.id)))


def totals(session: DbSession, step_id: int) -> dict[int, int]:
    """Upvotes per question, counted from the stored upvotes."""
    rows = session.execute(
        select(Upvote.question_id, func.count(Upvote.id))
        .where(Upvote.step_id == step_id, Upvote.up.is_(True))
        .group_by(Upvote.question_id)
    )
    return {question_id: int(count) for question_id, count in rows}


def upvoted_by(session: DbSession, step_id: int, participant_id: int) -> dict[str, int]:
    """The questions one participant upvotes, as {id as text: 1} (as a Tracks step's dots)."""
    rows = session.scalars(
        select(Upvote.question_id).where(
            Upvote.step_id == step_id, Upvote.participant_id == participant_id, Upvote.up.is_(True)
        )
    )
    return {str(question_id): 1 for question_id in rows}


def ranked(questions: list[Question], counted: dict[int, int]) -> list[Question]:
    """Unanswered first, then by upvotes (most first), then oldest first."""
    return sorted(questions, key=lambda q: (q.answered_at is not None, -counted.get(q.id, 0), q.id))


def question_public(question: Question, counted: dict[int, int], senders: Senders) -> dict[str, Any]:
    """What every screen may show of a shown question: the name only where its writer
    chose to show their consented name."""
    sender = senders.of(question.participant_id)
    return {
        "id": question.id,
        "text": question.text,
        "upvotes": counted.get(question.id, 0),
        "answered": question.answered_at is not None,
        "pinned": question.pinned_at is not None,
        "name": sender["name"] if question.named and not sender["on_behalf"] else "",
    }


def moderation_counts(every: list[Question]) -> dict[str, int]:
    """What moderation has done, for the line every screen shows: hidden, merged, waiting."""
    live = [q for q in every if q.withdrawn_at is None]
    return {
        "hidden": sum(1 for q in live if q.merged_into_id is None and q.hidden_at is not None),
        "merged": sum(1 for q in live if q.merged_into_id is not None),
        "pending": sum(1 for q in live if q.merged_into_id is None and q.approved_at is None),
        "answered": sum(1 for q in live if q.merged_into_id is None and q.answered_at is not None),
    }


class _Read:
    """The step's questions and their upvotes, read once for every role's view."""

    def __init__(self, session: DbSession, step: Step) -> None:
        self.session, self.step = session, step
        self.every = every_question(session, step.id)
        self.listed = [q for q in self.every if q.listed]
        self.counted = totals(session, step.id)
        self.senders = Senders(session, (q.participant_id for q in self.listed))
        self.counts = moderation_counts(self.every)
        self.merged = Counter(
            q.merged_into_id for q in self.every if q.merged_into_id and q.withdrawn_at is None
        )

    def shown(self) -> list[dict[str, Any]]:
        """The questions phones and the projector show (none in a writing phase)."""
        if writing(self.step):
            return []
        shown = [q for q in self.listed if q.shown]
        return [question_public(q, self.counted, self.senders) for q in ranked(shown, self.counted)]

    def facilitator(self) -> dict[str, Any]:
        rows = []
        for question in ranked(self.listed, self.counted):
            row = question_public(question, self.counted, self.senders)
            row.update(
                pending=question.approved_at is None,
                hidden=question.hidden_at is not None,
                original=question.original_text,
                named=question.named,
                group_id=question.group_id,
                participant=self.senders.of(question.participant_id),
                merged=self.merged[question.id],
            )
            rows.append(row)
        return {"questions": rows, "counts": self.counts, "review": bool(step_setting(self.step, "review"))}

    def projector(self) -> dict[str, Any]:
        view = {
            "questions": self.shown(),
            "counts": self.counts,
            "review": bool(step_setting(self.step, "review")),
        }
        if writing(self.step):  # the room sees only how many have written
            view["writing"] = written_per_group(self.session, Question.__table__, self.step)
        return view


def facilitator_questions_view(session: DbSession, step: Step) -> dict[str, Any]:
    return _Read(session, step).facilitator()


def projector_questions_view(session: DbSession, step: Step) -> dict[str, Any]:
    return _Read(session, step).projector()


def participant_questions_view(session: DbSession, step: Step, participant: Participant) -> dict[str, Any]:
    """Every shown question to upvote, the participant's own ones, and their upvotes."""
    read = _Read(session, step)
    return {
        "questions": read.shown(),
        "counts": read.counts,
        "mine": [own_question(q) for q in read.listed if q.participant_id == participant.id],
        "votes": upvoted_by(session, step.id, participant.id),
    }


def own_question(question: Question) -> dict[str, Any]:
    """What the writer sees of their question: waiting for review, or as sent."""
    view = own_view(question)
    if question.approved_at is None and question.hidden_at is None:
        view["status"] = "held"  # as a word waiting for review
    view["named"] = question.named
    return view


def questions_event(session: DbSession, step: Step, list_changed: bool = True) -> Event:
    """`questions_changed`: the step's questions for facilitators and the projector, and for
    phones the list when it changed, else only the new totals ({question id: upvotes})."""
    read = _Read(session, step)
    participant: dict[str, Any] = {"step_id": step.id}
    if list_changed:
        participant.update(questions=read.shown(), counts=read.counts)
    else:
        shown = not writing(step)
        participant["totals"] = {
            str(q.id): read.counted.get(q.id, 0) for q in read.listed if q.shown and shown
        }
    payloads: dict[Role, dict[str, Any]] = {
        Role.FACILITATOR: {"step_id": step.id, **read.facilitator()},
        Role.PROJECTOR: {"step_id": step.id, **read.projector()},
        Role.PARTICIPANT: participant,
    }
    return make_event(session, step.workshop_id, "questions_changed", payloads)


# --- What participants do -----------------------------------------------------------------


def _has_upvotes(session: DbSession, question: Question) -> bool:
    found = session.scalar(
        select(func.count(Upvote.id)).where(Upvote.question_id == question.id, Upvote.up.is_(True))
    )
    return bool(found)


def ask_question(session: DbSession, participant: Participant, payload: dict[str, Any]) -> Outcome:
    """{id, step_id, text, named?}: a participant posts a question; resending the id changes
    nothing. `named` shows their name with it, where they consented to give one."""

    def write() -> tuple[dict[str, Any], Event]:
        step = open_step_taking(session, participant, payload.get("step_id"), "question")
        text = valid_sentence(payload.get("text"), step_setting(step, "max_length"))
        check_limit(session, Question, participant, step, "max_questions")
        named = payload.get("named", False)
        if not isinstance(named, bool):
            raise InvalidInput(field="named")
        question = Question(
            workshop_id=step.workshop_id,
            step_id=step.id,
            participant_id=participant.id,
            group_id=participant.group_id,
            text=text,
            named=named and bool(participant.display_name) and not participant.on_behalf,
            # A facilitator or scribe entering a table's question has reviewed it already.
            approved_at=None if step_setting(step, "review") and not participant.on_behalf else utcnow(),
        )
        session.add(question)
        session.flush()
        return {"ok": True, "question": own_question(question)}, questions_event(session, step)

    return once(session, participant.id, payload.get("id"), write)


def _own_question(
    session: DbSession, participant: Participant, payload: dict[str, Any]
) -> tuple[Question, Step]:
    question, step = own_open_item(
        session, Question, participant, payload.get("question_id"), "question_id", "question"
    )
    if question.merged_into_id is not None:
        raise NotFound()
    return question, step


def edit_question(session: DbSession, participant: Participant, payload: dict[str, Any]) -> Outcome:
    """{id, question_id, text}: the participant's own question, while nobody has upvoted it."""

    def write() -> tuple[dict[str, Any], Event]:
        question, step = _own_question(session, participant, payload)
        text = valid_sentence(payload.get("text"), step_setting(step, "max_length"))
        if _has_upvotes(session, question):
            raise QuestionHasVotes()
        question.text = text
        question.edited_at = utcnow()
        session.flush()
        return {"ok": True, "question": own_question(question)}, questions_event(session, step)

    return once(session, participant.id, payload.get("id"), write)


def withdraw_question(session: DbSession, participant: Participant, payload: dict[str, Any]) -> Outcome:
    """{id, question_id}: the participant takes back their own question (its upvotes go
    with it)."""

    def write() -> tuple[dict[str, Any], Event]:
        question, step = _own_question(session, participant, payload)
        question.withdrawn_at = utcnow()
        question.pinned_at = None
        session.flush()
        return {"ok": True, "withdrawn": question.id, "step_id": step.id}, questions_event(session, step)

    return once(session, participant.id, payload.get("id"), write)


def upvote(session: DbSession, participant: Participant, payload: dict[str, Any]) -> Outcome:
    """{id, step_id, question_id, on, n}: upvote a shown question of someone else's (on)
    or take the upvote back. The acknowledgement carries the participant's own upvotes;
    the totals on the screens follow batched (`steps.rankings`), as a Tracks step's."""
    changed: list[int] = []

    def write() -> tuple[dict[str, Any], Event | None]:
        step = open_step_taking(session, participant, payload.get("step_id"), "upvote")
        on = payload.get("on")
        if not isinstance(on, bool):
            raise InvalidInput(field="on")
        n = whole_number(payload.get("n", 0), "n")
        question = session.get(Question, whole_number(payload.get("question_id"), "question_id", 1))
        if question is None or question.step_id != step.id or not question.shown or writing(step):
            raise NotFound()
        if question.participant_id == participant.id:
            raise InvalidInput(field="question_id")
        lock_workshop(session, step.workshop_id)  # one row per person and question, never two
        current = session.scalar(
            select(Upvote).where(Upvote.question_id == question.id, Upvote.participant_id == participant.id)
        )
        if current is not None and current.n > n:  # a newer upvote for this question came first
            return _upvote_ack(session, step, participant), None
        if current is None:
            current = Upvote(step_id=step.id, question_id=question.id, participant_id=participant.id)
            session.add(current)
        current.up, current.n = on, n
        session.flush()
        changed.append(step.id)
        return _upvote_ack(session, step, participant), None

    return once(session, participant.id, payload.get("id"), write).with_totals_of(changed)


def _upvote_ack(session: DbSession, step: Step, participant: Participant) -> dict[str, Any]:
    return {"ok": True, "step_id": step.id, "votes": upvoted_by(session, step.id, participant.id)}


def similar_questions(
    session: DbSession, participant: Participant, step_id: object, text: object
) -> list[dict[str, Any]]:
    """Up to three shown questions of others that say something like `text` (while typing),
    so the writer can upvote one instead of asking it again."""
    from analysis.clustering import similar

    step = open_step_taking(session, participant, step_id, "question")
    if not isinstance(text, str) or len(text.strip()) < 3 or writing(step):
        return []
    others = [q for q in questions_of(session, step.id) if q.shown and q.participant_id != participant.id]
    texts = similar(text[:600], [q.text for q in others], limit=3)
    by_text = {q.text: q.id for q in others}
    return [{"id": by_text[found], "text": found} for found in texts if found in by_text]
