"""The word clouds of a workshop as they go into a report: every counted word with
its count and the entries behind it, what was held for review or hidden, and every
facilitator decision (undone ones marked), all read from what is stored.

The dashboard serves it as JSON; the exports (`export/`) take it as their input.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from models.session import DbSession
from models.workshops import Workshop
from steps.words.words import Word, WordDecision, decisions_state, entries_of, word_groups


def words_export(session: DbSession, workshop: Workshop) -> dict[str, Any]:
    return {
        "workshop": {
            "title": workshop.title,
            "date": workshop.date.isoformat() if workshop.date else None,
            "place": workshop.place,
            "organizer": workshop.organizer,
        },
        "steps": [
            _step(session, step.id, step.title, step.prompt)
            for step in workshop.steps
            if step.kind == "words"
        ],
    }


def _step(session: DbSession, step_id: int, title: str, prompt: str) -> dict[str, Any]:
    decisions = decisions_state(session, step_id)
    entries = entries_of(session, step_id)
    groups = word_groups(session, step_id)
    members = {g.key: set(g.members) for g in groups}
    held = [w for w in entries if w.held_reason is not None and w.id not in decisions.approved]
    withdrawn = session.scalar(
        select(Word.id).where(Word.step_id == step_id, Word.withdrawn_at.is_not(None)).limit(1)
    )
    history = session.scalars(
        select(WordDecision).where(WordDecision.step_id == step_id).order_by(WordDecision.id)
    )
    return {
        "title": title,
        "prompt": prompt,
        "entries": len(entries),
        "words": [
            {
                "display": g.display,
                "count": g.count,
                "hidden": g.hidden,
                "entries": [w.text for w in entries if w.key in members[g.key] and w not in held],
            }
            for g in groups
        ],
        "held_for_review": [{"text": w.text, "reason": w.held_reason} for w in held],
        "has_withdrawn_entries": withdrawn is not None,
        "decisions": [
            {
                "kind": d.kind,
                "data": d.data,
                "at": d.created_at.isoformat(timespec="seconds"),
                "undone": d.undone_at is not None,
            }
            for d in history
        ],
    }
