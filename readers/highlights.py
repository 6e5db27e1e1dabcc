"""The highlights of the day: every word, card and track a facilitator marked, in agenda
order, each with the step it comes from. The dashboard lists them beside the notes as
they are marked; the report's "Highlights från dagen" is written from this list."""

from __future__ import annotations

from typing import Any

from models.session import DbSession
from models.workshops import Workshop
from steps.registry import kind_of


def highlights_of(session: DbSession, workshop: Workshop) -> list[dict[str, Any]]:
    """[{kind: word|card|track, id, text, step_id, step}] for what is marked and still shown."""
    return [
        {**marked, "step_id": step.id, "step": step.title}
        for step in workshop.steps
        for marked in kind_of(step).highlights(session, step)
    ]
