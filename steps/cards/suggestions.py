"""Cluster suggestions for a board, computed off the event loop and sent to facilitators.

When cards arrive or themes change on a Cards step that has themes, `request_suggestions`
asks the suggestion process (`analysis.cluster_worker`) which existing themes each
unsorted card most likely belongs to; requests coalesce per step. "Föreslå teman"
(`propose_themes`) asks it to group the unsorted cards and name the groups. Both
answers go to the step's facilitators as the `suggestions_ready` notice; nothing is
applied until a facilitator accepts it.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, current_app

from models.events import Role
from models.workshops import Step
from steps.cards.cards import Card, board_cards, themes_of
from steps.registry import takes
from webapp.broadcast import notify
from webapp.extensions import db, socketio
from webapp.workers import Coalescer, WorkerProcess

MAX_UNSORTED = 300  # suggestions for the newest unsorted cards, when there are more


worker = WorkerProcess("analysis.cluster_worker")


def _board_request(step_id: int, propose: bool) -> tuple[int | None, dict[str, Any] | None]:
    """The step's workshop and the worker request for its board (None when there is nothing
    to ask), read in one short transaction."""
    step = db.session.get(Step, step_id)
    if step is None or not takes(step, "card") or step.based_on_step_id:
        return None, None
    themes = themes_of(db.session, step)
    if not (propose or themes):  # nothing to suggest: the cards need not be read
        return step.workshop_id, None
    cards = db.session.execute(  # only the columns it needs: this runs while cards pour in
        board_cards(step.id, shown_only=True).with_only_columns(Card.id, Card.text, Card.theme_id)
    ).all()
    unsorted = [c for c in cards if c.theme_id is None][-MAX_UNSORTED:]
    if not unsorted:
        return step.workshop_id, None
    request: dict[str, Any] = {
        "op": "propose" if propose else "suggest",
        "backend": current_app.config["CLUSTERING_BACKEND"],
        "cards": [[c.id, c.text] for c in unsorted],
    }
    if not propose:
        request["themes"] = [[t.id, t.name, [c.text for c in cards if c.theme_id == t.id]] for t in themes]
    return step.workshop_id, request


def compute(app: Flask, step_id: int, propose: bool = False) -> dict[str, Any] | None:
    """Ask the worker about a step's unsorted cards and tell its facilitators."""
    with app.app_context():
        try:
            workshop_id, request = _board_request(step_id, propose)
        finally:
            db.session.remove()  # hold no transaction while the worker thinks
    if workshop_id is None or (request is None and not propose):
        return None
    reply = worker.call(request) if request is not None else {"proposals": []}
    message = {"step_id": step_id, **reply}
    notify(workshop_id, Role.FACILITATOR, "suggestions_ready", message)
    return message


class Suggester(Coalescer):
    """Suggestions for each unsorted card, again whenever the board changes."""

    enabled_by = "CARD_SUGGESTIONS"
    interval_by = "SUGGESTIONS_INTERVAL_S"

    def run(self, step_id: int) -> None:
        compute(self.app, step_id)


def request_suggestions(step_id: int) -> None:
    current_app.extensions["suggester"].request(step_id)


def propose_themes(step_id: int) -> None:
    """Group the unsorted cards and name the groups, in the background."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    socketio.start_background_task(compute, app, step_id, True)


def register_suggestions(app: Flask) -> None:
    app.extensions["suggester"] = Suggester(app)
