"""The Tracks kind, as the shared code sees it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Flask
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, Field, IntegerField
from wtforms.validators import NumberRange, Optional

from export.report import Report
from models.participants import Participant
from models.session import DbSession
from models.workshops import Step
from readers.workshop_report import ReportRows
from steps.kind import BoolSetting, IntSetting, StepKind
from steps.tracks.in_report import add_tracks
from steps.tracks.strings import STRINGS
from steps.tracks.tracks import (
    facilitator_tracks_view,
    participant_tracks_view,
    projector_tracks_view,
    tracks_of,
)


class Tracks(StepKind):
    name = "tracks"
    screens = frozenset({"phone", "dashboard", "entry", "projector"})
    fragments = frozenset({"phone"})
    strings = STRINGS
    label = _l("Tracks with voting")
    default_title = _l("Tracks for further development")
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
        from steps.tracks.rankings import register_rankings

        register_rankings(app)

    def projector_view(self, session: DbSession, step: Step) -> dict[str, Any]:
        return projector_tracks_view(session, step)

    def participant_view(self, session: DbSession, step: Step, participant: Participant) -> dict[str, Any]:
        return participant_tracks_view(session, step, participant.id)

    def highlights(self, session: DbSession, step: Step) -> list[dict[str, Any]]:
        return [
            {"kind": "track", "id": t.id, "text": t.text}
            for t in tracks_of(session, step.id)
            if t.highlighted_at is not None and t.hidden_at is None
        ]

    def add_to_report(
        self, session: DbSession, step: Step, report: Report, rows: ReportRows
    ) -> Callable[[], None] | None:
        add_tracks(session, step, report, rows)
        return None


TRACKS = Tracks()
