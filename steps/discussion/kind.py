"""The Discussion kind, as the shared code sees it: its answers are cards."""

from __future__ import annotations

import re

from flask import Blueprint
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, Field, IntegerField, TextAreaField
from wtforms.validators import Length, NumberRange, Optional

from models.workshops import Step
from steps.cards.cards import MAX_CARD_LENGTH
from steps.cards.kind import CardsLike, card_fields
from steps.discussion.kit_views import add_kit_routes
from steps.discussion.strings import STRINGS
from steps.kind import BoolSetting, IntSetting, ListSetting
from steps.settings import DAY_MS, step_setting


class Discussion(CardsLike):
    name = "discussion"
    screens = frozenset({"phone", "dashboard", "entry", "projector"})
    fragments = frozenset({"phone"})
    strings = STRINGS
    label = _l("Discussion questions")
    default_title = _l("Discussion")
    short_label = _l("Discussion")
    settings = {
        "questions": ListSetting(()),
        "prompts": ListSetting(()),  # follow-up prompts, each "N: text" under question N
        "timer_minutes": IntSetting(10, 0, 180),
        "answers": BoolSetting(False),  # phones may write short answers, sorted like cards
        "max_cards": IntSetting(10, 1, 50),
        "max_length": IntSetting(280, 20, MAX_CARD_LENGTH),
        "question": IntSetting(-1, -1, 19),  # during the workshop: the one shown, -1: all
        "timer_ends_at": IntSetting(0, 0, 2**53),  # during the workshop: ms since the epoch, 0: stopped
        "timer_left_ms": IntSetting(-1, -1, DAY_MS),  # during the workshop: when stopped; -1: full time
    }
    live_settings = frozenset({"question", "timer_ends_at", "timer_left_ms"})

    def form_fields(self) -> dict[str, Field]:
        return {
            "questions": TextAreaField(_l("Questions, one per line"), validators=[Length(max=6000)]),
            "prompts": TextAreaField(
                _l("Follow-up prompts (optional), one per line"),
                description=_l(
                    "Begin each with its question's number: “1: What works well today?”. A line "
                    "without a number goes under every question. The discussion kit and the "
                    "screens show them under their question."
                ),
                validators=[Length(max=6000)],
            ),
            "timer_minutes": IntegerField(
                _l("Timer (minutes)"), validators=[Optional(), NumberRange(0, 180)]
            ),
            "answers": BooleanField(_l("Participants may write short answers")),
            **card_fields(),
        }

    def editor_links(self, step: Step) -> list[tuple[str, str]]:
        """The discussion kit to download, then what every step of cards has (import)."""
        from flask import url_for

        kit = [
            (
                str(label),
                url_for("step_discussion.kit", workshop_id=step.workshop_id, step_id=step.id, extension=ext),
            )
            for label, ext in ((_l("Discussion kit (.pptx)"), "pptx"), (_l("Discussion kit (PDF)"), "pdf"))
        ]
        return [*kit, *super().editor_links(step)]

    def blueprint(self) -> Blueprint:
        """The kind's files, and its discussion kit to download."""
        bp = super().blueprint()
        add_kit_routes(bp)
        return bp

    def accepts(self, step: Step, item: str) -> bool:
        return item == "card" and bool(step_setting(step, "answers"))

    def categories(self, step: Step) -> list[str]:
        return list(step_setting(step, "questions"))

    def default_category(self, step: Step) -> str | None:
        shown = step_setting(step, "question")
        return self.categories(step)[shown] if shown >= 0 else None


DISCUSSION = Discussion()

PROMPT_LINE = re.compile(r"^(\d{1,2})\s*[:.)]\s*(.+)$")


def question_prompts(step: Step) -> list[list[str]]:
    """The follow-up prompts under each question, in the questions' order: a line "N: text"
    under question N, a line without a number under every question (the screens read them
    alike: questions.js `promptsOf`)."""
    questions = step_setting(step, "questions")
    found: list[list[str]] = [[] for _ in questions]
    for line in step_setting(step, "prompts"):
        numbered = PROMPT_LINE.match(line.strip())
        number = int(numbered.group(1)) - 1 if numbered else -1
        if numbered and 0 <= number < len(questions):
            found[number].append(numbered.group(2).strip())
        elif not numbered:
            for each in found:
                each.append(line.strip())
    return found
