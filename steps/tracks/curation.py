"""What facilitators do with a Tracks step: add a track of their own or promote a card or a
theme to one, rename, hide, highlight, merge duplicates (their dots follow, within each
person's limits), open and close voting, and reveal the result. Each change locks the
workshop, commits and returns the event for every screen."""

from __future__ import annotations

from sqlalchemy import select

from models.agenda import set_step_setting
from models.clock import utcnow
from models.errors import InvalidInput, NotFound
from models.events import Event, lock_workshop
from models.session import DbSession
from models.submissions import valid_sentence, whole_number
from models.workshops import Step
from steps.settings import step_setting
from steps.tracks.tracks import SOURCES, Track, Vote, tracks_event


def _lock(session: DbSession, step: Step) -> None:
    """A facilitator's change to a Tracks step; takes the workshop's write lock first."""
    if step.kind != "tracks":
        raise InvalidInput(field="step_id")
    lock_workshop(session, step.workshop_id)


def _track(session: DbSession, step: Step, track_id: object) -> Track:
    track = session.get(Track, whole_number(track_id, "track_id", 1))
    if track is None or track.step_id != step.id or not track.listed:
        raise NotFound()
    return track


def _commit(session: DbSession, event: Event) -> Event:
    session.commit()
    return event


def add_track(
    session: DbSession, step: Step, text: object, source_kind: object = None, source_id: object = None
) -> Event:
    """A facilitator's own track, or a card or theme promoted to one (its text by default)."""
    from steps.cards.cards import Card, Theme

    _lock(session, step)
    source: Card | Theme | None = None
    if source_kind is not None:
        if source_kind not in SOURCES:
            raise InvalidInput(field="source_kind")
        source_pk = whole_number(source_id, "source_id", 1)
        source = session.get(Card, source_pk) if source_kind == "card" else session.get(Theme, source_pk)
        if source is None or source.workshop_id != step.workshop_id:
            raise NotFound()
    if text in (None, "") and source is not None:
        text = source.text if isinstance(source, Card) else source.name
    track = Track(
        workshop_id=step.workshop_id,
        step_id=step.id,
        text=valid_sentence(text, step_setting(step, "max_length")),
        source_kind=source_kind if source is not None else None,
        source_id=source.id if source is not None else None,
    )
    session.add(track)
    session.flush()
    return _commit(session, tracks_event(session, step))


def rename_track(session: DbSession, step: Step, track_id: object, text: object) -> Event:
    _lock(session, step)
    track = _track(session, step, track_id)
    track.text = valid_sentence(text, step_setting(step, "max_length"))
    track.edited_at = utcnow()
    return _commit(session, tracks_event(session, step))


def set_track_flag(session: DbSession, step: Step, track_id: object, flag: str, on: object) -> Event:
    """Hide a track (its dots stay stored, and count again when it is shown) or mark it as
    a highlight of the day."""
    _lock(session, step)
    track = _track(session, step, track_id)
    value = utcnow() if on is True else None
    if flag == "hidden":
        track.hidden_at = value
    elif flag == "highlight":
        track.highlighted_at = value
    else:
        raise InvalidInput(field="flag")
    return _commit(session, tracks_event(session, step, list_changed=flag == "hidden"))


def merge_tracks(session: DbSession, step: Step, source_id: object, target_id: object) -> Event:
    """Fold a duplicate into another track: its dots move along, up to the most one track
    may have from one person (the rest go back to that person's budget)."""
    _lock(session, step)
    source, target = _track(session, step, source_id), _track(session, step, target_id)
    if source is target:
        raise InvalidInput(field="target_id")
    cap = step_setting(step, "max_per_track")
    kept = {v.participant_id: v for v in session.scalars(select(Vote).where(Vote.track_id == target.id))}
    for moving in list(session.scalars(select(Vote).where(Vote.track_id == source.id))):
        existing = kept.get(moving.participant_id)
        if existing is None:
            moving.track_id = target.id
            moving.dots = min(moving.dots, cap)
        else:
            existing.dots = min(cap, existing.dots + moving.dots)
            session.delete(moving)
    source.merged_into_id = target.id
    session.flush()
    return _commit(session, tracks_event(session, step))


PHASE_SETTINGS = ("voting", "revealed")


def set_phase(session: DbSession, step: Step, name: object, on: object) -> list[Event]:
    """Open or close voting, or reveal the result: the step's settings change for every
    screen (`step_changed`) and the projector's list follows (`tracks_changed`)."""
    if name not in PHASE_SETTINGS:
        raise InvalidInput(field="phase")
    _lock(session, step)
    changed = set_step_setting(session, step, str(name), on is True)
    return [changed, _commit(session, tracks_event(session, step, list_changed=False))]
