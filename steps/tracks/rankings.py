"""The tracks' totals on the screens, batched: a vote is acknowledged at once with the
participant's own dots, and the ranking that every screen shows follows a few times a
second, however many votes arrive. One ranking message carries every track, so sending
one per vote would cost votes times tracks: with the room's size, squared."""

from __future__ import annotations

from flask import Flask, current_app

from models.workshops import Step
from steps.tracks.tracks import tracks_event
from webapp.broadcast import broadcast
from webapp.extensions import db
from webapp.workers import Coalescer


class Rankings(Coalescer):
    """Sends `tracks_changed` with the totals of a Tracks step, coalescing the votes."""

    interval_by = "RANKING_INTERVAL_S"

    def run(self, step_id: int) -> None:
        with self.app.app_context():
            try:
                step = db.session.get(Step, step_id)
                if step is None or step.kind != "tracks":
                    return
                event = tracks_event(db.session, step, list_changed=False)
                db.session.commit()
            except BaseException:
                db.session.rollback()
                raise
            finally:
                db.session.remove()
        broadcast(event)


def request_ranking(step_id: int) -> None:
    """After a vote: the new totals soon (at once when batching is off, as in tests)."""
    rankings: Rankings = current_app.extensions["rankings"]
    if current_app.config.get(Rankings.interval_by, 0) > 0:
        rankings.request(step_id)
    else:
        rankings.run(step_id)


def register_rankings(app: Flask) -> None:
    app.extensions["rankings"] = Rankings(app)
