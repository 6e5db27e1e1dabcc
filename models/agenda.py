"""Operations on a workshop and its agenda: create, edit, reorder, open and close steps."""

from __future__ import annotations

import datetime as dt
from typing import Any

from analysis.words import parse_word_list
from models.accounts import Facilitator
from models.clock import utcnow
from models.errors import BuiltOnEarlierStep, InvalidInput, NotFound, ReopenFirst
from models.events import Event, Role, make_event
from models.groups import TableGroup, group_public
from models.levels import levels_of, parse_levels
from models.session import DbSession
from models.stakeholders import parse_stakeholder_types, stakeholder_types_of
from models.workshops import Step, Workshop, new_join_code, new_projector_token
from steps.registry import kind_of, kinds
from steps.settings import (
    MAX_PROMPT_LENGTH,
    MAX_TITLE_LENGTH,
    clean_settings,
    editor_settings,
    split_settings,
    step_public,
)

MAX_FACT_LENGTH = 200


def _text(value: str | None, field: str, limit: int, required: bool = False, multiline: bool = False) -> str:
    """Validated text: one line with single spaces, or (multiline) trimmed as written."""
    text = (value or "").strip() if multiline else " ".join((value or "").split())
    if required and not text:
        raise InvalidInput(field=field)
    if len(text) > limit:
        raise InvalidInput(field=field)
    return text


def create_workshop(
    session: DbSession,
    owner: Facilitator,
    title: str,
    date: dt.date | None = None,
    place: str = "",
    organizer: str = "",
) -> Workshop:
    """A new workshop with a fresh join code, run by `owner`."""
    workshop = Workshop(
        title=_text(title, "title", MAX_FACT_LENGTH, required=True),
        date=date,
        place=_text(place, "place", MAX_FACT_LENGTH),
        organizer=_text(organizer, "organizer", MAX_FACT_LENGTH),
        join_code=new_join_code(session),
        projector_token=new_projector_token(),
    )
    workshop.facilitators.append(owner)
    workshop.owner = owner
    session.add(workshop)
    session.commit()
    return workshop


def update_workshop(
    session: DbSession, workshop: Workshop, title: str, date: dt.date | None, place: str, organizer: str
) -> Event:
    workshop.title = _text(title, "title", MAX_FACT_LENGTH, required=True)
    workshop.date = date
    workshop.place = _text(place, "place", MAX_FACT_LENGTH)
    workshop.organizer = _text(organizer, "organizer", MAX_FACT_LENGTH)
    return _agenda_event(session, workshop, "workshop_changed")


def update_levels(session: DbSession, workshop: Workshop, text: str) -> Event:
    """The levels a card can be about, one per line, in the order outputs show them; cards
    keep the level they have. Phones and dashboards get the new list at once."""
    workshop.levels = parse_levels(text)
    return _agenda_event(session, workshop, "workshop_changed")


def update_stakeholder_types(session: DbSession, workshop: Workshop, text: str) -> Event:
    """The stakeholder types a participant may choose when joining, one per line (none:
    not asked); participants keep the type they chose."""
    workshop.stakeholder_types = parse_stakeholder_types(text)
    return _agenda_event(session, workshop, "workshop_changed")


MAX_WORD_LIST_LENGTH = 5000


def update_word_lists(session: DbSession, workshop: Workshop, held: str, allowed: str) -> None:
    """The workshop's own review lists; they apply to words sent from now on."""
    workshop.held_words = _word_list(held, "held_words")
    workshop.allowed_words = _word_list(allowed, "allowed_words")
    session.commit()


def _word_list(value: str, field: str) -> str:
    """One word or phrase per line, cleaned and without repeats."""
    words = parse_word_list(_text(value, field, MAX_WORD_LIST_LENGTH, multiline=True))
    return "\n".join(words)


def add_step(session: DbSession, workshop: Workshop, kind: str, title: str) -> Event:
    """Append a step with default settings to the agenda; the editor fills in the rest."""
    append_step(workshop, kind, title)
    return _agenda_event(session, workshop, "step_added")


def append_step(
    workshop: Workshop,
    kind: str,
    title: str,
    prompt: str = "",
    settings: dict[str, Any] | None = None,
    based_on_step_id: int | None = None,
) -> Step:
    """A validated new step at the end of the agenda, not yet committed."""
    configuration = split_settings(kind, clean_settings(kind, settings or {}))[0]
    step = Step(
        kind=kind,
        title=_text(title, "title", MAX_TITLE_LENGTH, required=True),
        prompt=_text(prompt, "prompt", MAX_PROMPT_LENGTH, multiline=True),
        settings=configuration,
        state=kinds()[kind].initial_state(),
        position=len(workshop.steps),
        based_on_step_id=_earlier_step(workshop, based_on_step_id),
    )
    workshop.steps.append(step)
    return step


def update_step(
    session: DbSession,
    step: Step,
    title: str,
    prompt: str,
    settings: dict[str, Any],
    based_on_step_id: int | None = None,
) -> Event:
    step.title = _text(title, "title", MAX_TITLE_LENGTH, required=True)
    step.prompt = _text(prompt, "prompt", MAX_PROMPT_LENGTH, multiline=True)
    # A setting the editor does not show (an information step's film) keeps its value.
    shown = editor_settings(step.kind)
    kept = {**{k: v for k, v in (step.settings or {}).items() if k not in shown}, **settings}
    step.settings = split_settings(step.kind, clean_settings(step.kind, kept))[0]
    step.based_on_step_id = _earlier_step(step.workshop, based_on_step_id, before=step)
    return _agenda_event(session, step.workshop, "step_changed")


def set_step_setting(session: DbSession, step: Step, name: str, value: Any) -> Event:
    """Change one setting of a step during the workshop (e.g. the projector's list view)."""
    return set_step_settings(session, step, **{name: value})


def set_step_settings(session: DbSession, step: Step, **values: Any) -> Event:
    """Change settings of a step during the workshop, together, in one event."""
    for name in values:
        if name not in kind_of(step).settings:
            raise InvalidInput(field=name)
    current = {**(step.settings or {}), **(step.state or {})}
    step.settings, step.state = split_settings(step.kind, clean_settings(step.kind, {**current, **values}))
    return _agenda_event(session, step.workshop, "step_changed")


def delete_step(session: DbSession, step: Step) -> Event:
    """Remove a step and everything sent to it, and its own files."""
    kind_of(step).deleted(step)
    workshop = step.workshop
    workshop.steps.remove(step)
    session.delete(step)
    _renumber(workshop)
    return _agenda_event(session, workshop, "step_deleted")


def move_step(session: DbSession, step: Step, offset: int) -> Event:
    """Move a step `offset` places up (negative) or down the agenda. A step built on the
    themes of another must stay after it (BuiltOnEarlierStep names both)."""
    steps = list(step.workshop.steps)
    index = steps.index(step)
    target = max(0, min(len(steps) - 1, index + offset))
    steps.insert(target, steps.pop(index))
    place = {each.id: position for position, each in enumerate(steps)}
    for each in steps:
        if each.based_on_step_id is not None and place[each.based_on_step_id] > place[each.id]:
            base = next(s for s in steps if s.id == each.based_on_step_id)
            raise BuiltOnEarlierStep(step=each.title, base=base.title)
    for position, each in enumerate(steps):
        each.position = position
    return _agenda_event(session, step.workshop, "step_moved")


def open_step(session: DbSession, step: Step, exclusive: bool = True) -> Event:
    """Open a step on every phone; by default the other steps close. An ended workshop
    must be reopened first."""
    if step.workshop.ended_at is not None:
        raise ReopenFirst()
    if exclusive:
        for other in step.workshop.steps:
            other.is_open = False
    step.is_open = True
    step.opened_at = utcnow()
    return _agenda_event(session, step.workshop, "step_opened")


def close_step(session: DbSession, step: Step) -> Event:
    step.is_open = False
    return _agenda_event(session, step.workshop, "step_closed")


def end_workshop(session: DbSession, workshop: Workshop) -> Event:
    """The day is over: every step closes, phones and the projector thank the room, and
    nobody new can join. Participants keep "Mina bidrag" (their right to erasure) until
    retention removes the data. Undone by `reopen_workshop`."""
    for step in workshop.steps:
        step.is_open = False
    workshop.ended_at = workshop.ended_at or utcnow()
    return _agenda_event(session, workshop, "workshop_ended")


def reopen_workshop(session: DbSession, workshop: Workshop) -> Event:
    """Ended by mistake: phones can join and take part again once a step is opened."""
    workshop.ended_at = None
    return _agenda_event(session, workshop, "workshop_reopened")


def find_step(workshop: Workshop, step_id: object) -> Step:
    """A step of this workshop, never of another."""
    for step in workshop.steps:
        if step.id == step_id:
            return step
    raise NotFound()


def _earlier_step(workshop: Workshop, step_id: int | None, before: Step | None = None) -> int | None:
    if step_id is None:
        return None
    step = find_step(workshop, step_id)
    if before is not None and step.position >= before.position:
        raise InvalidInput(field="based_on_step_id")
    return step.id


def _renumber(workshop: Workshop) -> None:
    for position, step in enumerate(workshop.steps):
        step.position = position


def agenda_payloads(workshop: Workshop, reason: str) -> dict[Role, dict[str, Any]]:
    """Facilitators see the whole agenda; phones and the projector only the open steps."""
    facts = workshop_public(workshop)
    open_steps = [step_public(step) for step in workshop.open_steps]
    return {
        Role.FACILITATOR: {
            "reason": reason,
            "workshop": facts,
            "steps": [step_public(step) for step in workshop.steps],
        },
        Role.PROJECTOR: {"reason": reason, "workshop": facts, "open_steps": open_steps},
        Role.PARTICIPANT: {"reason": reason, "workshop": facts, "open_steps": open_steps},
    }


def groups_changed(session: DbSession, workshop: Workshop, groups: list[TableGroup]) -> Event:
    """`agenda_changed` ("groups_changed") once the table groups were edited: dashboards and
    scribes get the new list at once (the forms for a group's input, the names beside
    presence, notes and input). Phones and the projector show no list of groups."""
    payloads = agenda_payloads(workshop, "groups_changed")
    listed = [group_public(g) for g in groups]
    event = make_event(
        session,
        workshop.id,
        "agenda_changed",
        {
            Role.FACILITATOR: {**payloads[Role.FACILITATOR], "groups": listed},
            Role.SCRIBE: {**payloads[Role.PROJECTOR], "groups": listed},
        },
    )
    session.commit()
    return event


def _agenda_event(session: DbSession, workshop: Workshop, reason: str) -> Event:
    session.flush()
    event = make_event(session, workshop.id, "agenda_changed", agenda_payloads(workshop, reason))
    session.commit()
    return event


def workshop_public(workshop: Workshop) -> dict[str, Any]:
    return {
        "id": workshop.id,
        "title": workshop.title,
        "date": workshop.date.isoformat() if workshop.date else None,
        "place": workshop.place,
        "organizer": workshop.organizer,
        "join_code": workshop.join_code,
        "ended": workshop.ended_at is not None,
        "levels": levels_of(workshop),
        "stakeholder_types": stakeholder_types_of(workshop),
    }
