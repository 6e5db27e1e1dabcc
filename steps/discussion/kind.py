"""The Discussion kind, as the shared code sees it: its answers are cards."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, Field, IntegerField, TextAreaField
from wtforms.validators import Length, NumberRange, Optional

from models.workshops import Step
from steps.cards.cards import MAX_CARD_LENGTH
from steps.cards.kind import CardsLike, card_fields
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
            "timer_minutes": IntegerField(
                _l("Timer (minutes)"), validators=[Optional(), NumberRange(0, 180)]
            ),
            "answers": BooleanField(_l("Participants may write short answers")),
            **card_fields(),
        }

    def accepts(self, step: Step, item: str) -> bool:
        return item == "card" and bool(step_setting(step, "answers"))

    def categories(self, step: Step) -> list[str]:
        return list(step_setting(step, "questions"))

    def default_category(self, step: Step) -> str | None:
        shown = step_setting(step, "question")
        return self.categories(step)[shown] if shown >= 0 else None


DISCUSSION = Discussion()
