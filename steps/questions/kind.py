"""The Questions kind ("Frågor"), as the shared code sees it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Flask
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext as _nl
from sqlalchemy import delete, func, select
from wtforms import BooleanField, Field, IntegerField
from wtforms.validators import NumberRange, Optional

from export.report import Report
from models.contributions import erase, own_row, own_rows
from models.errors import NotFound
from models.events import Event
from models.participants import Participant
from models.session import DbSession
from models.submissions import participants_who_sent
from models.workshops import Step
from readers.workshop_report import ReportRows
from steps.kind import ArchivedTable, BoolSetting, IntSetting, StepKind
from steps.questions.in_report import add_questions
from steps.questions.questions import (
    Question,
    Upvote,
    facilitator_questions_view,
    participant_questions_view,
    projector_questions_view,
    questions_event,
    questions_of,
)
from steps.questions.strings import STRINGS
from steps.reveal import WRITE_FIRST, write_first_field


class Questions(StepKind):
    name = "questions"
    screens = frozenset({"phone", "dashboard", "entry", "projector"})
    fragments = frozenset({"phone", "projector"})
    strings = STRINGS
    label = _l("Questions with upvotes")
    default_title = _l("Questions")
    short_label = _l("Questions")
    settings = {
        "max_questions": IntSetting(3, 1, 20),  # per participant
        "max_length": IntSetting(200, 20, 500),
        "review": BoolSetting(False),  # a facilitator approves each question before it is shown
        **WRITE_FIRST,
    }
    live_settings = frozenset({"all_revealed"})
    inputs = frozenset({"question", "upvote"})
    own_items = frozenset({"question", "upvotes"})  # upvotes: all of one's upvotes in a step

    def form_fields(self) -> dict[str, Field]:
        return {
            "max_questions": IntegerField(
                _l("Questions each participant may post"), validators=[Optional(), NumberRange(1, 20)]
            ),
            "max_length": IntegerField(
                _l("Maximum length (characters)"), validators=[Optional(), NumberRange(20, 500)]
            ),
            "review": BooleanField(
                _l("Review first: a question is shown once a facilitator has approved it")
            ),
            "write_first": write_first_field(),
        }

    def register(self, app: Flask) -> None:
        from steps.rankings import register_rankings

        register_rankings(app)

    def send(self, item: str, participant: Participant, payload: dict[str, Any]) -> dict[str, Any]:
        from steps.questions.events import send_question

        if item == "question":
            return send_question(participant, payload)
        return super().send(item, participant, payload)

    def facilitator_view(self, session: DbSession, step: Step) -> dict[str, Any]:
        return facilitator_questions_view(session, step)

    def projector_view(self, session: DbSession, step: Step) -> dict[str, Any]:
        return projector_questions_view(session, step)

    def participant_view(self, session: DbSession, step: Step, participant: Participant) -> dict[str, Any]:
        return participant_questions_view(session, step, participant)

    def revealed(self, session: DbSession, step: Step) -> list[Event]:
        return [questions_event(session, step)]

    def totals_event(self, session: DbSession, step: Step) -> Event | None:
        return questions_event(session, step, list_changed=False)

    def items(self, session: DbSession, step: Step) -> list[str]:
        return list(dict.fromkeys(q["text"] for q in projector_questions_view(session, step)["questions"]))

    def highlights(self, session: DbSession, step: Step) -> list[dict[str, Any]]:
        return [
            {"kind": "question", "id": q.id, "text": q.text}
            for q in questions_of(session, step.id)
            if q.pinned_at is not None and q.shown
        ]

    def answered(self, session: DbSession, step: Step) -> int | None:
        """Those who asked a question in the step or upvote one."""
        return participants_who_sent(
            session,
            select(Question.participant_id).where(
                Question.step_id == step.id, Question.withdrawn_at.is_(None)
            ),
            select(Upvote.participant_id).where(Upvote.step_id == step.id, Upvote.up.is_(True)),
        )

    def contributions(self, session: DbSession, participant: Participant) -> list[dict[str, Any]]:
        upvotes = session.execute(  # one line for all of a step's upvotes
            select(Upvote.step_id, Step.title, func.count(Upvote.id))
            .join(Step, Step.id == Upvote.step_id)
            .where(Upvote.participant_id == participant.id, Upvote.up.is_(True))
            .group_by(Upvote.step_id, Step.title)
        )
        return own_rows(session, Question, participant, "question") + [
            {
                "step_id": step_id,
                "kind": "upvotes",
                "id": step_id,
                "text": _nl("Your %(num)d upvote", "Your %(num)d upvotes", int(count)),
                "delete_label": _l("Take back my upvotes"),
                "subject": title,
            }
            for step_id, title, count in upvotes
        ]

    def delete_contribution(
        self, session: DbSession, participant: Participant, item: str, item_id: int
    ) -> Event:
        if item == "upvotes":  # item_id is the step
            step = session.get(Step, item_id)
            if step is None or step.workshop_id != participant.workshop_id or step.kind != self.name:
                raise NotFound()
            session.execute(
                delete(Upvote).where(Upvote.step_id == step.id, Upvote.participant_id == participant.id)
            )
            return questions_event(session, step, list_changed=False)
        question, step = own_row(session, Question, participant, item_id)
        erase(question)
        question.original_text = None
        question.pinned_at = None
        session.flush()
        return questions_event(session, step)

    def archived_tables(self) -> list[ArchivedTable]:
        return [
            ArchivedTable(
                "questions",
                Question.__table__,
                {
                    "step_id": "steps",
                    "participant_id": "participants",
                    "group_id": "table_groups",
                    "merged_into_id": "questions",
                },
            ),
            ArchivedTable(
                "upvotes",
                Upvote.__table__,
                {"step_id": "steps", "question_id": "questions", "participant_id": "participants"},
                by_step=True,
            ),
        ]

    def add_to_report(
        self, session: DbSession, step: Step, report: Report, rows: ReportRows
    ) -> Callable[[], None] | None:
        add_questions(session, step, report, rows)
        return None


QUESTIONS = Questions()
