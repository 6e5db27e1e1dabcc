"""What facilitators do with a Questions step, in view of the room: add a question of
their own, approve one waiting for review, hide one, merge duplicates (their upvotes
follow, one per person), correct a typo (the writer's words are kept), mark one answered,
pin one to show large. Each change locks the workshop, commits and returns the event
for every screen; the projector's line of hidden and merged questions follows."""

from __future__ import annotations

from sqlalchemy import select

from models.clock import utcnow
from models.errors import InvalidInput, NotFound
from models.events import Event, lock_workshop
from models.session import DbSession
from models.submissions import valid_sentence, whole_number
from models.workshops import Step
from steps.questions.questions import Question, Upvote, questions_event
from steps.settings import step_setting


def _lock(session: DbSession, step: Step) -> None:
    if step.kind != "questions":
        raise InvalidInput(field="step_id")
    lock_workshop(session, step.workshop_id)


def _question(session: DbSession, step: Step, question_id: object, field: str = "question_id") -> Question:
    question = session.get(Question, whole_number(question_id, field, 1))
    if question is None or question.step_id != step.id or not question.listed:
        raise NotFound()
    return question


def _commit(session: DbSession, step: Step) -> Event:
    event = questions_event(session, step)
    session.commit()
    return event


def add_question(session: DbSession, step: Step, text: object) -> Event:
    """A facilitator's own question (one heard in the room, say); shown at once."""
    _lock(session, step)
    session.add(
        Question(
            workshop_id=step.workshop_id,
            step_id=step.id,
            text=valid_sentence(text, step_setting(step, "max_length")),
            approved_at=utcnow(),
        )
    )
    session.flush()
    return _commit(session, step)


def approve(session: DbSession, step: Step, question_id: object) -> Event:
    """A question waiting for review is shown to everyone."""
    _lock(session, step)
    question = _question(session, step, question_id)
    if question.approved_at is None:
        question.approved_at = utcnow()
    question.hidden_at = None
    return _commit(session, step)


def set_flag(session: DbSession, step: Step, question_id: object, flag: object, on: object) -> Event:
    """Hide a question (its upvotes stay stored and count again once it is shown), mark it
    answered, or pin it (one pinned question per step: pinning one unpins the others)."""
    _lock(session, step)
    question = _question(session, step, question_id)
    value = utcnow() if on is True else None
    if flag == "hidden":
        question.hidden_at = value
        if value is not None:
            question.pinned_at = None
    elif flag == "answered":
        question.answered_at = value
    elif flag == "pinned":
        if value is not None:
            if not question.shown:
                raise InvalidInput(field="question_id")
            for other in session.scalars(
                select(Question).where(Question.step_id == step.id, Question.pinned_at.is_not(None))
            ):
                other.pinned_at = None
        question.pinned_at = value
    else:
        raise InvalidInput(field="flag")
    return _commit(session, step)


def edit(session: DbSession, step: Step, question_id: object, text: object) -> Event:
    """Correct a question's wording; the writer's own words are kept beside it (the first
    time it is corrected) for the report and the archive."""
    _lock(session, step)
    question = _question(session, step, question_id)
    corrected = valid_sentence(text, step_setting(step, "max_length"))
    if corrected != question.text:
        if question.original_text is None and question.participant_id is not None:
            question.original_text = question.text
        question.text = corrected
        question.edited_at = utcnow()
    return _commit(session, step)


def merge(session: DbSession, step: Step, question_id: object, target_id: object) -> Event:
    """Fold a duplicate into another question: its upvotes move along, one per person (who
    upvoted both counts once), never onto the person's own question."""
    _lock(session, step)
    source = _question(session, step, question_id)
    target = _question(session, step, target_id, "target_id")
    if source is target:
        raise InvalidInput(field="target_id")
    kept = {
        u.participant_id: u for u in session.scalars(select(Upvote).where(Upvote.question_id == target.id))
    }
    for moving in list(session.scalars(select(Upvote).where(Upvote.question_id == source.id))):
        existing = kept.get(moving.participant_id)
        if moving.participant_id == target.participant_id:
            session.delete(moving)
        elif existing is None:
            moving.question_id = target.id
        else:
            existing.up = existing.up or moving.up
            session.delete(moving)
    source.merged_into_id = target.id
    if source.pinned_at is not None:
        source.pinned_at = None
    session.flush()
    return _commit(session, step)
