"""The highlights of the day: every word, card and track a facilitator marked, in agenda
order, each with the step it comes from. The dashboard lists them beside the notes as
they are marked; the report's "Highlights från dagen" is written from this list."""

from __future__ import annotations

from typing import Any

from analysis import words as word_analysis
from models.cards import cards_of
from models.session import DbSession
from models.steps import takes_cards
from models.tracks import tracks_of
from models.words import decisions_state, entry_rows
from models.workshops import Workshop


def highlights_of(session: DbSession, workshop: Workshop) -> list[dict[str, Any]]:
    """[{kind: word|card|track, id, text, step_id, step}] for what is marked and still shown."""
    found: list[dict[str, Any]] = []
    for step in workshop.steps:
        source = {"step_id": step.id, "step": step.title}
        if step.kind == "words":
            decisions = decisions_state(session, step.id)
            if decisions.highlighted:
                groups = word_analysis.group(
                    entry_rows(session, step.id), decisions, only=decisions.highlighted
                )
                found += [
                    {"kind": "word", "id": g.key, "text": g.display, **source} for g in groups if not g.hidden
                ]
        elif takes_cards(step):
            found += [
                {"kind": "card", "id": c.id, "text": c.text, **source}
                for c in cards_of(session, step.id, shown_only=True)
                if c.highlighted_at is not None
            ]
        elif step.kind == "tracks":
            found += [
                {"kind": "track", "id": t.id, "text": t.text, **source}
                for t in tracks_of(session, step.id)
                if t.highlighted_at is not None and t.hidden_at is None
            ]
    return found
