""" "Mina bidrag": everything one participant sent in a workshop, in any step, open or
closed, and deleting it.

Deleting takes an item out of every count and every screen (the same events as a
withdrawal) and erases its text, so nothing of it is left to show or export; the
row stays only as a blank that keeps numbering and receipts consistent. A participant
can also take back their dots and remove their name, role and organisation.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, func, select

from models.clock import utcnow
from models.errors import InvalidInput, NotFound
from models.events import Event, lock_workshop
from models.participants import Participant
from models.session import DbSession
from models.workshops import Step
from steps.cards.cards import Card, cards_event
from steps.registry import takes
from steps.tracks.tracks import Track, Vote, tracks_event
from steps.words.words import Word, counted_keys, decisions_state, words_event

MODELS: dict[str, Any] = {"word": Word, "card": Card, "track": Track}  # the models share these columns


def contributions(session: DbSession, participant: Participant) -> list[dict[str, Any]]:
    """The participant's input per step, in agenda order: words, cards, tracks and dots."""
    steps = {s.id: s for s in participant_steps(session, participant)}
    found: dict[int, list[dict[str, Any]]] = {step_id: [] for step_id in steps}
    for kind, model in MODELS.items():
        rows = session.scalars(
            select(model)
            .where(model.participant_id == participant.id, model.withdrawn_at.is_(None))
            .order_by(model.id)
        )
        for item in rows:
            found.setdefault(item.step_id, []).append({"kind": kind, "id": item.id, "text": item.text})
    dots = session.execute(  # one line for all of a step's dots
        select(Vote.step_id, func.sum(Vote.dots))
        .where(Vote.participant_id == participant.id, Vote.dots > 0)
        .group_by(Vote.step_id)
    )
    for step_id, count in dots:
        found.setdefault(step_id, []).append({"kind": "votes", "id": step_id, "dots": int(count)})
    ordered = sorted((s for s in steps.values() if found.get(s.id)), key=lambda s: s.position)
    return [{"step": {"id": s.id, "title": s.title, "kind": s.kind}, "items": found[s.id]} for s in ordered]


def participant_steps(session: DbSession, participant: Participant) -> list[Step]:
    return list(session.scalars(select(Step).where(Step.workshop_id == participant.workshop_id)))


def delete_contribution(session: DbSession, participant: Participant, kind: object, item_id: object) -> Event:
    """Delete one of the participant's own items (kind word, card or track), or their dots
    in one step (kind votes, id: the step)."""
    if not isinstance(item_id, int) or isinstance(item_id, bool):
        raise InvalidInput(field="id")
    lock_workshop(session, participant.workshop_id)
    if kind == "votes":
        step = session.get(Step, item_id)
        if step is None or step.workshop_id != participant.workshop_id or not takes(step, "vote"):
            raise NotFound()
        session.execute(delete(Vote).where(Vote.step_id == step.id, Vote.participant_id == participant.id))
        event = tracks_event(session, step, list_changed=False)
    else:
        model = MODELS.get(str(kind))
        if model is None:
            raise InvalidInput(field="kind")
        item = session.get(model, item_id)
        if item is None or item.participant_id != participant.id or item.withdrawn_at is not None:
            raise NotFound()
        step = session.get(Step, item.step_id)
        assert step is not None
        event = _erase(session, step, item)
    session.commit()
    return event


def _erase(session: DbSession, step: Step, item: Word | Card | Track) -> Event:
    if isinstance(item, Word):
        before = counted_keys([item], decisions_state(session, step.id))
        item.withdrawn_at = utcnow()
        item.text = item.key = ""
        session.flush()
        return words_event(session, step, [item], before)
    item.withdrawn_at = utcnow()
    item.text = ""
    session.flush()
    if isinstance(item, Card):
        return cards_event(session, step, [item])
    return tracks_event(session, step)


def delete_everything(session: DbSession, participant: Participant) -> list[Event]:
    """Every item and every dot of the participant, and their name, role and organisation."""
    events = []
    for group in contributions(session, participant):
        for item in group["items"]:
            events.append(delete_contribution(session, participant, item["kind"], item["id"]))
    forget_identity(session, participant)
    return events


def forget_identity(session: DbSession, participant: Participant) -> None:
    """Off the participant list: name, role and organisation erased, consent withdrawn."""
    participant.display_name = participant.role_title = participant.organisation = ""
    participant.consent_at = None
    session.commit()
