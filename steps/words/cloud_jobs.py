"""Rendering word clouds off the event loop and sending them to the projector.

A change to a Words step's shown words calls `request_cloud(step_id)`. Per step at
most one render is in flight; requests that arrive meanwhile coalesce into one
more render of the latest state. The layout and SVG are made by a separate
process (`analysis.cloud_worker`, see `webapp.workers`), so the server keeps answering phones while it
works; the result is stored (`steps.words.clouds`) and `cloud_ready` tells projectors
and dashboards to fetch the new version.
"""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask, current_app

from models.events import Role
from models.session import DbSession
from models.workshops import Step
from steps.words.clouds import save_cloud, stored_cloud, words_hash
from steps.words.words import visible_words
from webapp.broadcast import notify
from webapp.extensions import db
from webapp.offload import off_the_loop
from webapp.workers import Coalescer, WorkerProcess

log = logging.getLogger(__name__)


worker = WorkerProcess("analysis.cloud_worker")


class CloudRenderer(Coalescer):
    """Coalesces render requests per step for one app."""

    enabled_by = "CLOUD_RENDERING"
    interval_by = "CLOUD_INTERVAL_S"

    def run(self, step_id: int) -> None:
        self.render_now(step_id)

    def render_now(self, step_id: int) -> int | None:
        """Render the step's cloud if what it shows changed; returns the new version."""
        with self.app.app_context():
            try:
                # Reading every word and grouping them takes long in a big room: off the loop.
                drawing = off_the_loop(lambda session: _what_to_draw(session, step_id), lane="clouds")
                if drawing is None:
                    return None
                workshop_id, words, digest, previous = drawing
                reply = worker.call(
                    {"words": words, "previous": previous, "max_words": self.app.config["CLOUD_MAX_WORDS"]}
                )
                version = save_cloud(db.session, step_id, digest, reply["svg"], reply["layout"])
            finally:
                db.session.remove()
        message = {"step_id": step_id, "version": version}
        for role in (Role.PROJECTOR, Role.SCRIBE, Role.FACILITATOR):  # scribes read the board
            notify(workshop_id, role, "cloud_ready", message)
        return version


def _what_to_draw(session: DbSession, step_id: int) -> tuple[int, list[list[Any]], str, Any] | None:
    """A words step's workshop, shown words [key, display, count], their digest and the
    stored cloud's layout; None when the stored cloud shows them already. (The session is
    closed after: no transaction, nor SQLite lock, is held while the worker draws.)"""
    step = session.get(Step, step_id)
    if step is None or step.kind != "words":
        return None
    groups = visible_words(session, step_id)
    digest = words_hash(groups)
    stored = stored_cloud(session, step_id)
    if stored is not None and stored.words_hash == digest:
        return None
    previous = stored.layout if stored is not None else []
    return step.workshop_id, [[g.key, g.display, g.count] for g in groups], digest, previous


def current_renderer() -> CloudRenderer:
    return current_app.extensions["cloud_renderer"]  # type: ignore[no-any-return]


def request_cloud(step_id: int) -> None:
    current_renderer().request(step_id)


def register_clouds(app: Flask) -> None:
    app.extensions["cloud_renderer"] = CloudRenderer(app)
