"""The Words kind, as the shared code sees it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Flask
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, Field, IntegerField
from wtforms.validators import NumberRange, Optional

from analysis import words as word_analysis
from analysis.word_keys import KEY_VERSION
from export.report import Report
from models.contributions import erase, own_row, own_rows
from models.events import Event
from models.participants import Participant
from models.session import DbSession
from models.workshops import Step
from readers.workshop_report import ReportRows
from steps.kind import ArchivedTable, BoolSetting, IntSetting, Lookup, StepKind
from steps.words.clouds import cloud_public, stored_cloud
from steps.words.in_report import add_words
from steps.words.strings import STRINGS
from steps.words.words import (
    Word,
    WordDecision,
    answered_count,
    counted_keys,
    decisions_state,
    entry_rows,
    facilitator_words_view,
    newer_analysis,
    projector_words_view,
    words_event,
    words_of_participant,
)


def approved_words(values: dict[str, Any], lookup: Lookup) -> None:
    """An "approve" decision lists the words it approved by id."""
    if values.get("kind") == "approve":
        values["data"] = {
            **values["data"],
            "ids": [lookup("words", i) for i in values["data"].get("ids", [])],
        }


class Words(StepKind):
    name = "words"
    screens = frozenset({"phone", "dashboard", "entry", "projector"})
    fragments = frozenset({"phone"})
    strings = STRINGS
    label = _l("Words (word cloud)")
    default_title = _l("Words")
    short_label = _l("Words")
    settings = {
        "max_words": IntSetting(3, 1, 20),
        "max_length": IntSetting(40, 5, 80),
        "show_list": BoolSetting(False),  # the projector shows the ranked list instead of the cloud
        # How the step's words are keyed (`analysis.word_keys`): a step stored before
        # version 2 keeps version 1 until its facilitator has its words counted again.
        "key_version": IntSetting(1, 1, KEY_VERSION),
    }
    live_settings = frozenset({"key_version"})
    inputs = frozenset({"word"})
    own_items = frozenset({"word"})

    def form_fields(self) -> dict[str, Field]:
        return {
            "max_words": IntegerField(
                _l("Words per participant"), validators=[Optional(), NumberRange(1, 20)]
            ),
            "max_length": IntegerField(
                _l("Maximum length (characters)"), validators=[Optional(), NumberRange(5, 500)]
            ),
            "show_list": BooleanField(
                _l("Show the words as a ranked list on the projector instead of a cloud")
            ),
        }

    def initial_state(self) -> dict[str, Any]:
        return {"key_version": KEY_VERSION}

    def facilitator_view(self, session: DbSession, step: Step) -> dict[str, Any]:
        return {
            **facilitator_words_view(session, step.id),
            "newer_analysis": newer_analysis(step),
            "cloud": cloud_public(stored_cloud(session, step.id)),
        }

    def projector_view(self, session: DbSession, step: Step) -> dict[str, Any]:
        return {
            **projector_words_view(session, step.id),
            "cloud": cloud_public(stored_cloud(session, step.id)),
        }

    def participant_view(self, session: DbSession, step: Step, participant: Participant) -> dict[str, Any]:
        return {"mine": words_of_participant(session, step.id, participant.id)}

    def highlights(self, session: DbSession, step: Step) -> list[dict[str, Any]]:
        decisions = decisions_state(session, step.id)
        if not decisions.highlighted:
            return []
        groups = word_analysis.group(entry_rows(session, step.id), decisions, only=decisions.highlighted)
        return [{"kind": "word", "id": g.key, "text": g.display} for g in groups if not g.hidden]

    def contributions(self, session: DbSession, participant: Participant) -> list[dict[str, Any]]:
        return own_rows(session, Word, participant, "word")

    def delete_contribution(
        self, session: DbSession, participant: Participant, item: str, item_id: int
    ) -> Event:
        word, step = own_row(session, Word, participant, item_id)
        before = counted_keys([word], decisions_state(session, step.id))
        erase(word)
        word.key = ""
        session.flush()
        return words_event(session, step, [word], before)

    def archived_tables(self) -> list[ArchivedTable]:
        return [
            ArchivedTable(
                "words",
                Word.__table__,
                {"step_id": "steps", "participant_id": "participants", "group_id": "table_groups"},
            ),
            ArchivedTable(
                "word_decisions",
                WordDecision.__table__,
                {"step_id": "steps"},
                drop=("facilitator_id",),
                by_step=True,
                remap=approved_words,
            ),
        ]

    def add_to_report(
        self, session: DbSession, step: Step, report: Report, rows: ReportRows
    ) -> Callable[[], None] | None:
        return add_words(session, step, report, rows)

    def answered(self, session: DbSession, step: Step) -> int | None:
        return answered_count(session, step.id)

    def send(self, item: str, participant: Participant, payload: dict[str, Any]) -> dict[str, Any]:
        from steps.words.events import send_word

        return send_word(participant, payload) if item == "word" else super().send(item, participant, payload)

    def register(self, app: Flask) -> None:
        from steps.words.cloud_jobs import register_clouds

        register_clouds(app)

    def opened(self, step: Step) -> None:
        from steps.words.cloud_jobs import request_cloud  # the server's cloud worker, not the model's

        request_cloud(step.id)  # renders only if the stored cloud is out of date


WORDS = Words()
