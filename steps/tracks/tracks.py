"""Tracks for further development ("spår för vidareutveckling") and dot voting on them.

Participants propose tracks; facilitators add their own, promote a card or a theme to
a track, merge duplicates, hide or highlight one. While the step's voting is open each
participant spreads a budget of dots (`dots`, at most `max_per_track` on one track)
and may move them until voting closes. Votes are stored per participant and track and
always counted from the store. A vote names the number of dots on one track, so
sending it again changes nothing; the phone numbers its votes (`n`), so a vote that
arrives after a newer one for the same track is ignored. The budget is checked under
the workshop's write lock, so parallel votes can never exceed it.

The projector shows the ranked list live, or without counts until the facilitator
reveals the result (`hide_results`, `revealed`). Equal totals share a rank. What the
facilitator does with the list is in `steps.tracks.curation`.

About 330 lines: the models, the reads each role's view needs and the participant's
operations stay together, because every operation answers with an event built from
those same reads; curation is in `steps.tracks.curation`, the batched totals in `steps.rankings`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from typing import Any

from sqlalchemy import BigInteger, ForeignKey, Integer, String, UniqueConstraint, func, select
from sqlalchemy.orm import Mapped, mapped_column

from models.clock import utcnow
from models.errors import BudgetExceeded, InvalidInput, NotFound, TrackHasVotes, VotingClosed
from models.events import Event, Role, lock_workshop, make_event
from models.participants import Participant, Senders
from models.receipts import Outcome, once
from models.session import DbSession
from models.submissions import (
    ParticipantInput,
    check_limit,
    open_step_taking,
    own_open_item,
    own_view,
    step_indexes,
    valid_sentence,
    whole_number,
)
from models.workshops import Step
from steps.settings import step_setting
from webapp.extensions import db

SOURCES = ("card", "theme")


class Track(ParticipantInput, db.Model):  # type: ignore[name-defined,misc]
    """One proposed track; kept when withdrawn, hidden or merged into another."""

    __tablename__ = "tracks"
    __table_args__ = step_indexes("tracks")

    text: Mapped[str] = mapped_column(String(600))
    source_kind: Mapped[str | None] = mapped_column(String(10))  # card | theme, when promoted
    source_id: Mapped[int | None]
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("tracks.id", ondelete="SET NULL"))
    hidden_at: Mapped[dt.datetime | None]
    highlighted_at: Mapped[dt.datetime | None]

    @property
    def listed(self) -> bool:
        """Still a track of its own (not withdrawn or merged away)."""
        return self.withdrawn_at is None and self.merged_into_id is None

    @property
    def shown(self) -> bool:
        """Whether phones and the projector may see it."""
        return self.listed and self.hidden_at is None


class Vote(db.Model):  # type: ignore[name-defined,misc]
    """The dots one participant has on one track."""

    __tablename__ = "votes"
    __table_args__ = (UniqueConstraint("participant_id", "track_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    step_id: Mapped[int] = mapped_column(ForeignKey("steps.id", ondelete="CASCADE"), index=True)
    track_id: Mapped[int] = mapped_column(ForeignKey("tracks.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"))
    dots: Mapped[int] = mapped_column(Integer, default=0)
    n: Mapped[int] = mapped_column(BigInteger, default=0)  # the phone's number of the vote applied
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)


# --- Reading ------------------------------------------------------------------------------


def tracks_of(session: DbSession, step_id: int) -> list[Track]:
    """The step's tracks that are still tracks of their own, oldest first."""
    query = select(Track).where(
        Track.step_id == step_id, Track.withdrawn_at.is_(None), Track.merged_into_id.is_(None)
    )
    return list(session.scalars(query.order_by(Track.id)))


def totals(session: DbSession, step_id: int) -> dict[int, int]:
    """Dots per track, counted from the stored votes."""
    rows = session.execute(
        select(Vote.track_id, func.sum(Vote.dots)).where(Vote.step_id == step_id).group_by(Vote.track_id)
    )
    return {track_id: int(total or 0) for track_id, total in rows}


def votes_of(session: DbSession, step_id: int, participant_id: int) -> dict[str, int]:
    """One participant's dots per track (keys are ids as text, as JSON has them)."""
    rows = session.execute(
        select(Vote.track_id, Vote.dots).where(
            Vote.step_id == step_id, Vote.participant_id == participant_id, Vote.dots > 0
        )
    )
    return {str(track_id): dots for track_id, dots in rows}


def ranked(tracks: Iterable[Track], counted: dict[int, int]) -> list[dict[str, Any]]:
    """Tracks by total, most dots first; equal totals share a rank and are marked tied
    (standard competition ranking: 1, 2, 2, 4)."""
    rows = sorted(((counted.get(t.id, 0), t) for t in tracks), key=lambda row: (-row[0], row[1].id))
    sharing = Counter(total for total, _track in rows)
    result: list[dict[str, Any]] = []
    for index, (total, track) in enumerate(rows):
        rank = result[-1]["rank"] if result and result[-1]["total"] == total else index + 1
        result.append({**track_public(track), "total": total, "rank": rank, "tied": sharing[total] > 1})
    return result


def track_public(track: Track) -> dict[str, Any]:
    return {"id": track.id, "text": track.text, "highlight": track.highlighted_at is not None}


def results_visible(step: Step) -> bool:
    return not step_setting(step, "hide_results") or bool(step_setting(step, "revealed"))


def facilitator_tracks_view(session: DbSession, step: Step) -> dict[str, Any]:
    return _facilitator_view(session, step, tracks_of(session, step.id), totals(session, step.id))


def _facilitator_view(
    session: DbSession, step: Step, tracks: list[Track], counted: dict[int, int]
) -> dict[str, Any]:
    senders = Senders(session, (t.participant_id for t in tracks))
    by_id = {t.id: t for t in tracks}
    rows = ranked(tracks, counted)
    for row in rows:
        track = by_id[row["id"]]
        row.update(
            hidden=track.hidden_at is not None,
            group_id=track.group_id,
            source={"kind": track.source_kind, "id": track.source_id} if track.source_kind else None,
            participant=senders.of(track.participant_id),
        )
    voters = session.scalar(
        select(func.count(func.distinct(Vote.participant_id))).where(Vote.step_id == step.id, Vote.dots > 0)
    )
    return {"tracks": rows, "voters": voters or 0}


def projector_tracks_view(session: DbSession, step: Step) -> dict[str, Any]:
    return _projector_view(step, tracks_of(session, step.id), totals(session, step.id))


def _projector_view(step: Step, tracks: list[Track], counted: dict[int, int]) -> dict[str, Any]:
    shown = [t for t in tracks if t.shown]
    if results_visible(step):
        return {"tracks": ranked(shown, counted), "results": True}
    return {"tracks": [track_public(t) for t in shown], "results": False}


def participant_tracks_view(session: DbSession, step: Step, participant_id: int) -> dict[str, Any]:
    """Every shown track to vote on, the participant's own proposals, and their dots."""
    tracks = tracks_of(session, step.id)
    return {
        "tracks": [track_public(t) for t in tracks if t.shown],
        "mine": [own_view(t) for t in tracks if t.participant_id == participant_id],
        "votes": votes_of(session, step.id, participant_id),
    }


def tracks_event(session: DbSession, step: Step, list_changed: bool = True) -> Event:
    """`tracks_changed`: the step's tracks for facilitators and the projector, and, when the
    list itself changed (not only the totals), the list for phones. The tracks and their
    totals are read once for all three."""
    tracks, counted = tracks_of(session, step.id), totals(session, step.id)
    payloads: dict[Role, dict[str, Any]] = {
        Role.FACILITATOR: {"step_id": step.id, **_facilitator_view(session, step, tracks, counted)},
        Role.PROJECTOR: {"step_id": step.id, **_projector_view(step, tracks, counted)},
    }
    if list_changed:
        payloads[Role.PARTICIPANT] = {
            "step_id": step.id,
            "tracks": [track_public(t) for t in tracks if t.shown],
        }
    return make_event(session, step.workshop_id, "tracks_changed", payloads)


# --- What participants do -----------------------------------------------------------------


def _has_votes(session: DbSession, track: Track) -> bool:
    return bool(session.scalar(select(func.sum(Vote.dots)).where(Vote.track_id == track.id)))


def propose_track(session: DbSession, participant: Participant, payload: dict[str, Any]) -> Outcome:
    """{id, step_id, text}: a participant proposes a track; resending the id changes nothing."""

    def write() -> tuple[dict[str, Any], Event]:
        step = open_step_taking(session, participant, payload.get("step_id"), "track")
        text = valid_sentence(payload.get("text"), step_setting(step, "max_length"))
        check_limit(session, Track, participant, step, "max_tracks")
        track = Track(
            workshop_id=step.workshop_id,
            step_id=step.id,
            participant_id=participant.id,
            group_id=participant.group_id,
            text=text,
        )
        session.add(track)
        session.flush()
        return {"ok": True, "track": own_view(track)}, tracks_event(session, step)

    return once(session, participant.id, payload.get("id"), write)


def _own_track(session: DbSession, participant: Participant, payload: dict[str, Any]) -> tuple[Track, Step]:
    """The participant's own track named in the payload, in a step still open."""
    return own_open_item(session, Track, participant, payload.get("track_id"), "track_id", "track")


def edit_track(session: DbSession, participant: Participant, payload: dict[str, Any]) -> Outcome:
    """{id, track_id, text}: the participant's own track, while nobody has voted on it."""

    def write() -> tuple[dict[str, Any], Event]:
        track, step = _own_track(session, participant, payload)
        if track.merged_into_id is not None:
            raise NotFound()
        text = valid_sentence(payload.get("text"), step_setting(step, "max_length"))
        if _has_votes(session, track):
            raise TrackHasVotes()
        track.text = text
        track.edited_at = utcnow()
        session.flush()
        return {"ok": True, "track": own_view(track)}, tracks_event(session, step)

    return once(session, participant.id, payload.get("id"), write)


def withdraw_track(session: DbSession, participant: Participant, payload: dict[str, Any]) -> Outcome:
    """{id, track_id}: the participant takes back their own track, while nobody has voted on it."""

    def write() -> tuple[dict[str, Any], Event]:
        track, step = _own_track(session, participant, payload)
        if _has_votes(session, track):
            raise TrackHasVotes()
        track.withdrawn_at = utcnow()
        session.flush()
        return {"ok": True, "withdrawn": track.id, "step_id": step.id}, tracks_event(session, step)

    return once(session, participant.id, payload.get("id"), write)


def vote(session: DbSession, participant: Participant, payload: dict[str, Any]) -> Outcome:
    """{id, step_id, track_id, dots, n}: put `dots` of the participant's dots on a track
    (0 takes them all back). Refused when voting is not open, or when it would take the
    participant past the budget or the most one track may have.

    The acknowledgement carries the participant's own dots; the totals on the screens are
    not part of the vote's transaction: `ranking_step` says they changed, and the caller
    sends them batched (`steps.rankings`)."""
    changed: list[int] = []

    def write() -> tuple[dict[str, Any], Event | None]:
        step = open_step_taking(session, participant, payload.get("step_id"), "vote")
        if not step_setting(step, "voting"):
            raise VotingClosed()
        dots = whole_number(payload.get("dots"), "dots")
        n = whole_number(payload.get("n", 0), "n")
        if dots > step_setting(step, "max_per_track"):
            raise InvalidInput(field="dots")
        track = session.get(Track, whole_number(payload.get("track_id"), "track_id", 1))
        if track is None or track.step_id != step.id or not track.shown:
            raise NotFound()
        lock_workshop(session, step.workshop_id)  # before the sum: parallel votes wait here
        mine = {
            v.track_id: v
            for v in session.scalars(
                select(Vote).where(Vote.step_id == step.id, Vote.participant_id == participant.id)
            )
        }
        current = mine.get(track.id)
        if current is not None and current.n > n:  # a newer vote for this track came first
            return _vote_ack(session, step, participant), None
        budget = step_setting(step, "dots")
        others = sum(v.dots for tid, v in mine.items() if tid != track.id)
        if others + dots > budget:
            raise BudgetExceeded(limit=budget)
        if current is None:
            current = Vote(step_id=step.id, track_id=track.id, participant_id=participant.id)
            session.add(current)
        current.dots, current.n = dots, n
        session.flush()
        changed.append(step.id)
        return _vote_ack(session, step, participant), None

    return once(session, participant.id, payload.get("id"), write).with_totals_of(changed)


def _vote_ack(session: DbSession, step: Step, participant: Participant) -> dict[str, Any]:
    votes = votes_of(session, step.id, participant.id)
    return {
        "ok": True,
        "step_id": step.id,
        "votes": votes,
        "left": step_setting(step, "dots") - sum(votes.values()),
    }
