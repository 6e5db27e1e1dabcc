"""What facilitators decide about a step's words: merge, rename, split, hide, show,
let a held entry through, mark a word as a highlight of the day, and undo the last
decision.

Decisions are stored, never applied to the entries themselves, so every one can be
undone, survives a restart and is listed in the export.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from sqlalchemy import select

from analysis import words as word_analysis
from models.clock import utcnow
from models.errors import InvalidInput, NotFound, NothingToUndo, WrongStepKind
from models.events import Event
from models.session import DbSession
from models.submissions import valid_text
from models.workshops import Step
from steps.words.words import Word, WordDecision, decisions_state, entry_rows, words_event

MAX_DISPLAY_LENGTH = 80
MAX_MERGE = 50


def decide(session: DbSession, step: Step, facilitator_id: int | None, kind: object, data: object) -> Event:
    """Store one decision after checking it against the current words; every screen refreshes."""
    if step.kind != "words":
        raise WrongStepKind()
    if kind not in word_analysis.DECISION_KINDS or not isinstance(data, dict):
        raise InvalidInput(field="kind")
    cleaned = _valid(session, step, str(kind), data)
    session.add(WordDecision(step_id=step.id, kind=kind, data=cleaned, facilitator_id=facilitator_id))
    session.flush()
    event = words_event(session, step)
    session.commit()
    return event


def undo(session: DbSession, step: Step) -> Event:
    """Take back the step's last decision that is still in force."""
    last = session.scalar(
        select(WordDecision)
        .where(WordDecision.step_id == step.id, WordDecision.undone_at.is_(None))
        .order_by(WordDecision.id.desc())
        .limit(1)
    )
    if last is None:
        raise NothingToUndo()
    last.undone_at = utcnow()
    session.flush()
    event = words_event(session, step)
    session.commit()
    return event


def recount(session: DbSession, step: Step) -> Event:
    """Every word of the step keyed again by the newest analysis (`analysis.word_keys`),
    for a step that began with an older one. The facilitator's decisions follow their
    words: a decision about a key now names the key most of its words have now."""
    if step.kind != "words":
        raise WrongStepKind()
    follows: dict[str, Counter[str]] = {}
    for word in session.scalars(select(Word).where(Word.step_id == step.id, Word.withdrawn_at.is_(None))):
        new = word_analysis.key(word.text)
        follows.setdefault(word.key, Counter())[new] += 1
        word.key = new
    moved = {old: counts.most_common(1)[0][0] for old, counts in follows.items()}
    for decision in session.scalars(select(WordDecision).where(WordDecision.step_id == step.id)):
        data = dict(decision.data)
        if "keys" in data:
            data["keys"] = list(dict.fromkeys(moved.get(k, k) for k in data["keys"]))
        if "key" in data:
            data["key"] = moved.get(data["key"], data["key"])
        decision.data = data
    step.state = {**(step.state or {}), "key_version": word_analysis.KEY_VERSION}
    session.flush()
    event = words_event(session, step)
    session.commit()
    return event


def _valid(session: DbSession, step: Step, kind: str, data: dict[str, Any]) -> dict[str, Any]:
    decisions = decisions_state(session, step.id)
    if kind == "approve":
        ids = data.get("ids")
        if not isinstance(ids, list) or not ids or not all(type(i) is int for i in ids):
            raise InvalidInput(field="ids")
        held = set(
            session.scalars(
                select(Word.id).where(
                    Word.step_id == step.id, Word.id.in_(ids), Word.held_reason.is_not(None)
                )
            )
        )
        if held != set(ids):
            raise NotFound()
        return {"ids": sorted(held)}
    groups = {g.key: g for g in word_analysis.group(entry_rows(session, step.id), decisions)}
    if kind == "merge":
        keys = data.get("keys")
        if not isinstance(keys, list) or not all(isinstance(k, str) for k in keys):
            raise InvalidInput(field="keys")
        keys = list(dict.fromkeys(decisions.resolve(k) for k in keys))
        if len(keys) < 2 or len(keys) > MAX_MERGE or any(k not in groups for k in keys):
            raise InvalidInput(field="keys")
        return {"keys": keys, "display": valid_text(data.get("display"), MAX_DISPLAY_LENGTH, "display")}
    group_key = data.get("key")
    if not isinstance(group_key, str) or decisions.resolve(group_key) not in groups:
        raise NotFound()
    group = groups[decisions.resolve(group_key)]
    if kind == "rename":
        return {"key": group.key, "display": valid_text(data.get("display"), MAX_DISPLAY_LENGTH, "display")}
    if kind == "split" and len(group.members) < 2:
        raise InvalidInput(field="key")
    if (kind == "hide" and group.hidden) or (kind == "unhide" and not group.hidden):
        raise InvalidInput(field="key")
    if (kind == "highlight") == group.highlight and kind in ("highlight", "unhighlight"):
        raise InvalidInput(field="key")
    return {"key": group.key, "display": group.display}
