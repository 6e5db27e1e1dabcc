""" "Mina bidrag": everything one participant sent in a workshop, in any step, open or
closed, and deleting it.

Each kind lists and deletes what its tables hold of the participant's
(`StepKind.contributions`, `StepKind.delete_contribution`, by item kind such as "word"
or "votes"); this module puts them in agenda order, and deletes one item or all of them.
Deleting takes an item out of every count and every screen (the same events as a
withdrawal) and erases its text, so nothing of it is left to show or export; the
row stays only as a blank that keeps numbering and receipts consistent. A participant
can also take back their dots and remove their name, role and organisation.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from models.clock import utcnow
from models.errors import InvalidInput, NotFound
from models.events import Event, lock_workshop
from models.participants import Participant
from models.session import DbSession
from models.workshops import Step
from steps.registry import kinds


def contributions(session: DbSession, participant: Participant) -> list[dict[str, Any]]:
    """The participant's input per step, in agenda order: each item {kind, id, text}, and
    where the kind says so `delete_label` and `subject` (what the delete button names)."""
    steps = {s.id: s for s in participant_steps(session, participant)}
    found: dict[int, list[dict[str, Any]]] = {}
    for kind in kinds().values():
        for item in kind.contributions(session, participant):
            found.setdefault(item.pop("step_id"), []).append(item)
    ordered = sorted((s for s in steps.values() if found.get(s.id)), key=lambda s: s.position)
    return [{"step": {"id": s.id, "title": s.title, "kind": s.kind}, "items": found[s.id]} for s in ordered]


def participant_steps(session: DbSession, participant: Participant) -> list[Step]:
    return list(session.scalars(select(Step).where(Step.workshop_id == participant.workshop_id)))


def own_rows(session: DbSession, model: Any, participant: Participant, kind: str) -> list[dict[str, Any]]:
    """The participant's rows of `model` not withdrawn, as items of `kind`."""
    rows = session.scalars(
        select(model)
        .where(model.participant_id == participant.id, model.withdrawn_at.is_(None))
        .order_by(model.id)
    )
    return [{"step_id": row.step_id, "kind": kind, "id": row.id, "text": row.text} for row in rows]


def own_row(session: DbSession, model: Any, participant: Participant, item_id: int) -> tuple[Any, Step]:
    """The participant's row `item_id` of `model`, not withdrawn, and its step."""
    row = session.get(model, item_id)
    if row is None or row.participant_id != participant.id or row.withdrawn_at is not None:
        raise NotFound()
    step = session.get(Step, row.step_id)
    assert step is not None
    return row, step


def erase(row: Any) -> None:
    """A word, card or track withdrawn, with nothing left of its text."""
    row.withdrawn_at = utcnow()
    row.text = ""


def delete_contribution(session: DbSession, participant: Participant, kind: object, item_id: object) -> Event:
    """Delete one of the participant's own items (kind word, card or track), or their dots
    in one step (kind votes, id: the step)."""
    if not isinstance(item_id, int) or isinstance(item_id, bool):
        raise InvalidInput(field="id")
    owner = next((k for k in kinds().values() if kind in k.own_items), None)
    if owner is None:
        raise InvalidInput(field="kind")
    lock_workshop(session, participant.workshop_id)
    event = owner.delete_contribution(session, participant, str(kind), item_id)
    session.commit()
    return event


def delete_everything(session: DbSession, participant: Participant) -> list[Event]:
    """Every item and every dot of the participant, their name, role and organisation, and
    the stakeholder type they gave."""
    events = []
    for group in contributions(session, participant):
        for item in group["items"]:
            events.append(delete_contribution(session, participant, item["kind"], item["id"]))
    participant.stakeholder_type = None
    forget_identity(session, participant)
    return events


def forget_identity(session: DbSession, participant: Participant) -> None:
    """Off the participant list: name, role and organisation erased, consent withdrawn."""
    participant.display_name = participant.role_title = participant.organisation = ""
    participant.consent_at = None
    session.commit()
