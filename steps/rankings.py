"""Totals on the screens, batched: a vote (dots on a track, an upvote on a question) is
acknowledged at once with the participant's own votes, and the ranking that every screen
shows follows a few times a second, however many votes arrive. One ranking message
carries every item, so sending one per vote would cost votes times items: with the
room's size, squared. The step's kind says what its ranking message is
(`StepKind.totals_event`)."""

from __future__ import annotations

from typing import Any

from flask import Flask, current_app

from models.receipts import Outcome
from models.workshops import Step
from participant_ui.events import to_my_other_screens
from steps.registry import kind_of
from webapp.broadcast import broadcast
from webapp.extensions import db
from webapp.workers import Coalescer


class Rankings(Coalescer):
    """Sends a step's totals (`StepKind.totals_event`), coalescing the votes."""

    interval_by = "RANKING_INTERVAL_S"

    def run(self, step_id: int) -> None:
        with self.app.app_context():
            try:
                step = db.session.get(Step, step_id)
                event = kind_of(step).totals_event(db.session, step) if step is not None else None
                db.session.commit()
            except BaseException:
                db.session.rollback()
                raise
            finally:
                db.session.remove()
        if event is not None:
            broadcast(event)


def request_ranking(step_id: int) -> None:
    """After a vote: the new totals soon (at once when batching is off, as in tests)."""
    rankings: Rankings = current_app.extensions["rankings"]
    if current_app.config.get(Rankings.interval_by, 0) > 0:
        rankings.request(step_id)
    else:
        rankings.run(step_id)


def voted(outcome: Outcome) -> dict[str, Any]:
    """A vote's acknowledgement, once its new totals are asked for (batched) and the voter's
    other screens told to read their own votes anew."""
    if outcome.ranking_step is not None:
        request_ranking(outcome.ranking_step)
        to_my_other_screens()
    return outcome.ack


def register_rankings(app: Flask) -> None:
    """Once per app, whichever kind that ranks asks first."""
    if "rankings" not in app.extensions:
        app.extensions["rankings"] = Rankings(app)
