"""The Cards kind, as the shared code sees it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Blueprint, Flask
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from wtforms import BooleanField, Field, IntegerField, TextAreaField
from wtforms.validators import Length, NumberRange, Optional

from export.report import Report
from models.contributions import own_row
from models.errors import NotFound
from models.events import Event
from models.levels import OLD_LEVEL_KEYS
from models.participants import Participant
from models.session import DbSession
from models.submissions import participants_who_sent
from models.workshops import Step
from readers.workshop_report import ReportRows
from steps.cards.cards import (
    MAX_CARD_LENGTH,
    Card,
    Theme,
    board_event,
    cards_event,
    cards_of,
    facilitator_board_view,
    participant_cards_view,
    projector_board_view,
    themes_of,
)
from steps.cards.curation import CardEdit, erase_card, own_contributions
from steps.cards.import_views import add_import_routes
from steps.cards.in_report import add_board
from steps.cards.strings import STRINGS
from steps.kind import ArchivedTable, BoolSetting, IntSetting, ListSetting, StepKind
from steps.reveal import WRITE_FIRST, write_first_field
from steps.settings import step_setting


def card_fields() -> dict[str, Field]:
    """The editor's fields for how many cards a participant sends and how long."""
    return {
        "max_cards": IntegerField(_l("Cards per participant"), validators=[Optional(), NumberRange(1, 50)]),
        "max_length": IntegerField(
            _l("Maximum length (characters)"),
            validators=[Optional(), NumberRange(5, MAX_CARD_LENGTH)],
            description=_l(
                "Up to %(limit)s for reflections or transcribed quotes; phones show a counter.",
                limit=MAX_CARD_LENGTH,
            ),
        ),
    }


class CardsLike(StepKind):
    """What a step that takes cards shows and reports: its board."""

    def editor_links(self, step: Step) -> list[tuple[str, str]]:
        from flask import url_for

        address = url_for("step_cards.import_cards", workshop_id=step.workshop_id, step_id=step.id)
        return [(str(_l("Import cards…")), address)]

    def facilitator_view(self, session: DbSession, step: Step) -> dict[str, Any]:
        return facilitator_board_view(session, step) if self.accepts(step, "card") else {}

    def participant_view(self, session: DbSession, step: Step, participant: Participant) -> dict[str, Any]:
        return participant_cards_view(session, step, participant.id) if self.accepts(step, "card") else {}

    def highlights(self, session: DbSession, step: Step) -> list[dict[str, Any]]:
        if not self.accepts(step, "card"):
            return []
        return [
            {"kind": "card", "id": c.id, "text": c.text}
            for c in cards_of(session, step.id, shown_only=True)
            if c.highlighted_at is not None
        ]

    def send(self, item: str, participant: Participant, payload: dict[str, Any]) -> dict[str, Any]:
        from steps.cards.events import send_card

        return send_card(participant, payload) if item == "card" else super().send(item, participant, payload)

    def add_to_report(
        self, session: DbSession, step: Step, report: Report, rows: ReportRows
    ) -> Callable[[], None] | None:
        if self.accepts(step, "card"):
            add_board(session, step, report, rows)
        return None


class Cards(CardsLike):
    name = "cards"
    screens = frozenset({"phone", "dashboard", "entry", "projector"})
    fragments = frozenset({"phone"})
    strings = STRINGS
    label = _l("Cards (clustered into themes)")
    default_title = _l("Cards")
    short_label = _l("Cards")
    settings = {
        "categories": ListSetting(("Förutsättningar",)),
        "max_cards": IntSetting(10, 1, 50),
        "max_length": IntSetting(280, 20, MAX_CARD_LENGTH),
        "levels": BoolSetting(False),
        **WRITE_FIRST,
    }
    live_settings = frozenset({"all_revealed"})
    inputs = frozenset({"card"})
    own_items = frozenset({"card"})
    builds_on_themes = True

    def blueprint(self) -> Blueprint:
        """The kind's files, and the page that imports cards into any step that takes them
        (a discussion's answers too)."""
        bp = super().blueprint()
        add_import_routes(bp)
        return bp

    def archived_tables(self) -> list[ArchivedTable]:
        # A discussion's answers are cards too: these tables hold them.
        return [
            ArchivedTable("themes", Theme.__table__, {"step_id": "steps", "parent_id": "themes"}),
            ArchivedTable(
                "cards",
                Card.__table__,
                {
                    "step_id": "steps",
                    "participant_id": "participants",
                    "group_id": "table_groups",
                    "theme_id": "themes",
                    "split_from_id": "cards",
                },
                upgrade=_upgrade_card,
            ),
            # Who curated is kept by name: facilitators' accounts are not archived.
            ArchivedTable("card_edits", CardEdit.__table__, {"card_id": "cards"}, drop=("facilitator_id",)),
        ]

    def answered(self, session: DbSession, step: Step) -> int | None:
        """Those with a card in the step (not one a facilitator split off theirs)."""
        return participants_who_sent(
            session,
            select(Card.participant_id).where(
                Card.step_id == step.id, Card.withdrawn_at.is_(None), Card.split_from_id.is_(None)
            ),
        )

    def contributions(self, session: DbSession, participant: Participant) -> list[dict[str, Any]]:
        return own_contributions(session, participant)  # a discussion's answers too

    def delete_contribution(
        self, session: DbSession, participant: Participant, item: str, item_id: int
    ) -> Event:
        card, step = own_row(session, Card, participant, item_id)
        if card.split_from_id is not None:
            raise NotFound()
        return erase_card(session, step, card)

    def register(self, app: Flask) -> None:
        from steps.cards.import_command import import_cards_command
        from steps.cards.suggestions import register_suggestions

        register_suggestions(app)
        app.cli.add_command(import_cards_command)

    def form_fields(self) -> dict[str, Field]:
        return {
            "categories": TextAreaField(_l("Categories, one per line"), validators=[Length(max=2000)]),
            **card_fields(),
            "levels": BooleanField(_l("Ask for a level (from the workshop's list of levels)")),
            "write_first": write_first_field(),
        }

    def categories(self, step: Step) -> list[str]:
        return list(step_setting(step, "categories"))

    def asks_level(self, step: Step) -> bool:
        return bool(step_setting(step, "levels"))

    def projector_view(self, session: DbSession, step: Step) -> dict[str, Any]:
        return projector_board_view(session, step)

    def items(self, session: DbSession, step: Step) -> list[str]:
        return list(dict.fromkeys(theme.name for theme in themes_of(session, step)))

    def revealed(self, session: DbSession, step: Step) -> list[Event]:
        return [board_event(session, step), cards_event(session, step, cards_of(session, step.id))]


CARDS = Cards()


def _upgrade_card(values: dict[str, Any], version: int) -> None:
    """A card of an archive from before workshops had their own levels: its level key
    ("lokal") as the default list's name ("Lokal")."""
    if version < 2 and values.get("level"):
        values["level"] = OLD_LEVEL_KEYS.get(values["level"], values["level"])
