"""The Tracks kind, as the shared code sees it."""

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
from steps.kind import ArchivedTable, BoolSetting, IntSetting, Lookup, StepKind
from steps.tracks.in_report import add_tracks
from steps.tracks.strings import STRINGS
from steps.tracks.tracks import (
    Track,
    Vote,
    facilitator_tracks_view,
    participant_tracks_view,
    projector_tracks_view,
    ranked,
    totals,
    tracks_event,
    tracks_of,
)

# A track made from a card or a theme names it by `source_kind` and `source_id`.
SOURCE_TABLES = {"card": "cards", "theme": "themes"}


def track_source(values: dict[str, Any], lookup: Lookup) -> None:
    table = SOURCE_TABLES.get(values.get("source_kind") or "")
    if table and values.get("source_id") is not None:
        values["source_id"] = lookup(table, values["source_id"])


class Tracks(StepKind):
    name = "tracks"
    screens = frozenset({"phone", "dashboard", "entry", "projector"})
    fragments = frozenset({"phone"})
    strings = STRINGS
    label = _l("Tracks with voting")
    default_title = _l("Tracks for further development")
    short_label = _l("Tracks")
    settings = {
        "dots": IntSetting(3, 1, 20),
        "max_per_track": IntSetting(3, 1, 20),
        "max_length": IntSetting(200, 20, 500),
        "max_tracks": IntSetting(3, 1, 20),  # proposals per participant
        "hide_results": BoolSetting(False),  # the projector shows counts only once revealed
        "voting": BoolSetting(False),  # during the workshop: dots can be placed and moved
        "revealed": BoolSetting(False),  # during the workshop: hidden results are shown
    }
    live_settings = frozenset({"voting", "revealed"})
    inputs = frozenset({"track", "vote"})
    own_items = frozenset({"track", "votes"})  # votes: all of one's dots in a step

    def form_fields(self) -> dict[str, Field]:
        return {
            "dots": IntegerField(_l("Votes per participant"), validators=[Optional(), NumberRange(1, 20)]),
            "max_per_track": IntegerField(
                _l("Most votes on one track"), validators=[Optional(), NumberRange(1, 20)]
            ),
            "max_length": IntegerField(
                _l("Maximum length (characters)"), validators=[Optional(), NumberRange(5, 500)]
            ),
            "max_tracks": IntegerField(
                _l("Tracks each participant may propose"), validators=[Optional(), NumberRange(1, 20)]
            ),
            "hide_results": BooleanField(_l("Hide the votes on the projector until you reveal them")),
        }

    def facilitator_view(self, session: DbSession, step: Step) -> dict[str, Any]:
        return facilitator_tracks_view(session, step)

    def send(self, item: str, participant: Participant, payload: dict[str, Any]) -> dict[str, Any]:
        from steps.tracks.events import send_track

        return (
            send_track(participant, payload) if item == "track" else super().send(item, participant, payload)
        )

    def register(self, app: Flask) -> None:
        from steps.rankings import register_rankings

        register_rankings(app)

    def projector_view(self, session: DbSession, step: Step) -> dict[str, Any]:
        return projector_tracks_view(session, step)

    def totals_event(self, session: DbSession, step: Step) -> Event | None:
        return tracks_event(session, step, list_changed=False)

    def participant_view(self, session: DbSession, step: Step, participant: Participant) -> dict[str, Any]:
        return participant_tracks_view(session, step, participant.id)

    def items(self, session: DbSession, step: Step) -> list[str]:
        shown = [t for t in tracks_of(session, step.id) if t.shown]
        return list(dict.fromkeys(row["text"] for row in ranked(shown, totals(session, step.id))))

    def highlights(self, session: DbSession, step: Step) -> list[dict[str, Any]]:
        return [
            {"kind": "track", "id": t.id, "text": t.text}
            for t in tracks_of(session, step.id)
            if t.highlighted_at is not None and t.hidden_at is None
        ]

    def answered(self, session: DbSession, step: Step) -> int | None:
        """Those who proposed a track in the step or have dots on one."""
        return participants_who_sent(
            session,
            select(Track.participant_id).where(Track.step_id == step.id, Track.withdrawn_at.is_(None)),
            select(Vote.participant_id).where(Vote.step_id == step.id, Vote.dots > 0),
        )

    def contributions(self, session: DbSession, participant: Participant) -> list[dict[str, Any]]:
        dots = session.execute(  # one line for all of a step's dots
            select(Vote.step_id, Step.title, func.sum(Vote.dots))
            .join(Step, Step.id == Vote.step_id)
            .where(Vote.participant_id == participant.id, Vote.dots > 0)
            .group_by(Vote.step_id, Step.title)
        )
        return own_rows(session, Track, participant, "track") + [
            {
                "step_id": step_id,
                "kind": "votes",
                "id": step_id,
                "text": _nl("Your %(num)d dot", "Your %(num)d dots", int(count)),
                "delete_label": _l("Take back my dots"),
                "subject": title,
            }
            for step_id, title, count in dots
        ]

    def delete_contribution(
        self, session: DbSession, participant: Participant, item: str, item_id: int
    ) -> Event:
        if item == "votes":  # item_id is the step
            step = session.get(Step, item_id)
            if step is None or step.workshop_id != participant.workshop_id or step.kind != self.name:
                raise NotFound()
            session.execute(
                delete(Vote).where(Vote.step_id == step.id, Vote.participant_id == participant.id)
            )
            return tracks_event(session, step, list_changed=False)
        track, step = own_row(session, Track, participant, item_id)
        erase(track)
        session.flush()
        return tracks_event(session, step)

    def archived_tables(self) -> list[ArchivedTable]:
        return [
            ArchivedTable(
                "tracks",
                Track.__table__,
                {
                    "step_id": "steps",
                    "participant_id": "participants",
                    "group_id": "table_groups",
                    "merged_into_id": "tracks",
                },
                remap=track_source,
            ),
            ArchivedTable(
                "votes",
                Vote.__table__,
                {"step_id": "steps", "track_id": "tracks", "participant_id": "participants"},
                by_step=True,
            ),
        ]

    def add_to_report(
        self, session: DbSession, step: Step, report: Report, rows: ReportRows
    ) -> Callable[[], None] | None:
        add_tracks(session, step, report, rows)
        return None


TRACKS = Tracks()
