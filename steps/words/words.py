"""Words sent to a Words step, what participants may do with their own, and the
views and events of the word list.

Every entry is stored as sent (its text and grouping key); a facilitator's merges,
renames, hides and approvals are stored as decisions (`steps.words.review`). The
counted list is always computed from both with `analysis.words.group`, so a
restart, a snapshot and the export give the same words.

About 400 lines: the models, the reads each role's view needs and the participant's
operations stay together, because every operation answers with an event built from
those same reads; the facilitator's review is in `steps.words.review`.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from typing import Any

from sqlalchemy import (
    JSON,
    CompoundSelect,
    ForeignKey,
    Index,
    Integer,
    Select,
    String,
    bindparam,
    false,
    func,
    literal_column,
    select,
    true,
    union_all,
)
from sqlalchemy.orm import Mapped, mapped_column

from analysis import words as word_analysis
from models.clock import utcnow
from models.events import Event, Role, lock_workshop, make_event, upcoming_seq
from models.hot_path import add_row, prebuilt, run
from models.participants import Participant, Senders
from models.receipts import Outcome, once
from models.session import DbSession
from models.submissions import (
    ParticipantInput,
    check_limit,
    open_step_taking,
    own_open_item,
    participants_who_sent,
    step_indexes,
    valid_text,
)
from models.workshops import Step, Workshop
from steps.settings import step_setting
from webapp.extensions import db


class Word(ParticipantInput, db.Model):  # type: ignore[name-defined,misc]
    """One word or short phrase from one participant, kept even when withdrawn or hidden."""

    __tablename__ = "words"
    # A word's group, read for every new word (`entry_rows` with keys).
    __table_args__ = step_indexes("words", Index("ix_words_step_key", "step_id", "key"))

    text: Mapped[str] = mapped_column(String(200))
    key: Mapped[str] = mapped_column(String(200))
    seq: Mapped[int] = mapped_column(Integer)
    # Held for review (stop word or profanity): counted only once a facilitator approves.
    held_reason: Mapped[str | None] = mapped_column(String(20))

    def entry(self) -> word_analysis.Entry:
        return word_analysis.Entry(
            id=self.id, key=self.key, text=self.text, held=self.held_reason is not None
        )


class WordDecision(db.Model):  # type: ignore[name-defined,misc]
    """One facilitator decision on a step's words; replayed in order, undone by marking."""

    __tablename__ = "word_decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    step_id: Mapped[int] = mapped_column(ForeignKey("steps.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    facilitator_id: Mapped[int | None] = mapped_column(ForeignKey("facilitators.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    undone_at: Mapped[dt.datetime | None]

    def public(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "data": self.data}


# --- Reading ------------------------------------------------------------------------------


# The statements here are built once (`models.hot_path`): they run on every new word.


@prebuilt
def _active_decisions() -> Select[Any]:
    decisions = WordDecision.__table__
    return (
        select(decisions.c.kind, decisions.c.data)
        .where(decisions.c.step_id == bindparam("step_id"), decisions.c.undone_at.is_(None))
        .order_by(decisions.c.id)
    )


def decisions_state(session: DbSession, step_id: int) -> word_analysis.Decisions:
    rows = run(session, _active_decisions(), {"step_id": step_id})
    return word_analysis.Decisions.replay((kind, data) for kind, data in rows)


def entries_of(session: DbSession, step_id: int, keys: Iterable[str] | None = None) -> list[Word]:
    """The step's words that were not withdrawn, oldest first; only those with `keys` if given."""
    query = select(Word).where(Word.step_id == step_id, Word.withdrawn_at.is_(None))
    if keys is not None:
        query = query.where(Word.key.in_(list(keys)))
    return list(session.scalars(query.order_by(Word.id)))


def entry_rows(
    session: DbSession, step_id: int, keys: Iterable[str] | None = None
) -> list[word_analysis.Entry]:
    """Like `entries_of`, but only what grouping needs, without loading whole objects (it is
    called on every render of a cloud that may hold thousands of words).

    For the whole step the database counts: one entry per text of a group with its count,
    at its first word's id, and each word held for review on its own (its approval is by
    id). Grouped in id order, as every word one by one would be; a room's thousands of
    words are a few hundred texts."""
    if keys is None:
        return [
            word_analysis.Entry(id=i, key=k, text=t, held=bool(h), times=n)
            for i, k, t, n, h in run(session, _text_counts(), {"step_id": step_id})
        ]
    keys = list(keys)
    # A new word's group is mostly one key: `key = ?` costs far less than rendering `IN (…)`.
    rows = (
        run(session, _entry_rows_of_key(), {"step_id": step_id, "key": keys[0]})
        if len(keys) == 1
        else run(session, _entry_rows(), {"step_id": step_id, "keys": keys})
    )
    return [word_analysis.Entry(id=i, key=k, text=t, held=r is not None) for i, k, t, r in rows]


@prebuilt
def _text_counts() -> CompoundSelect:
    words = Word.__table__
    in_step = (words.c.step_id == bindparam("step_id"), words.c.withdrawn_at.is_(None))
    counted = (
        select(func.min(words.c.id).label("first"), words.c.key, words.c.text, func.count(), false())
        .where(*in_step, words.c.held_reason.is_(None))
        .group_by(words.c.key, words.c.text)
    )
    held = select(words.c.id, words.c.key, words.c.text, literal_column("1"), true()).where(
        *in_step, words.c.held_reason.is_not(None)
    )
    return union_all(counted, held).order_by("first")


def _entry_rows_where(key_is: Any) -> Select[Any]:
    words = Word.__table__  # Core columns, not objects
    return (
        select(words.c.id, words.c.key, words.c.text, words.c.held_reason)
        .where(words.c.step_id == bindparam("step_id"), words.c.withdrawn_at.is_(None), key_is(words.c.key))
        .order_by(words.c.id)
    )


@prebuilt
def _entry_rows() -> Select[Any]:
    return _entry_rows_where(lambda key: key.in_(bindparam("keys", expanding=True)))


@prebuilt
def _entry_rows_of_key() -> Select[Any]:
    return _entry_rows_where(lambda key: key == bindparam("key"))


def word_groups(session: DbSession, step_id: int) -> list[word_analysis.Group]:
    """Every counted word of the step, hidden ones included (for facilitators and the export)."""
    return word_analysis.group(entry_rows(session, step_id), decisions_state(session, step_id))


def visible_words(session: DbSession, step_id: int) -> list[word_analysis.Group]:
    """What the projector shows: counted words that are not hidden."""
    return [g for g in word_groups(session, step_id) if not g.hidden]


def answered_count(session: DbSession, step_id: int) -> int:
    """How many participants have at least one word in the step."""
    return participants_who_sent(
        session, select(Word.participant_id).where(Word.step_id == step_id, Word.withdrawn_at.is_(None))
    )


def word_for_facilitator(word: Word, decisions: word_analysis.Decisions, senders: Senders) -> dict[str, Any]:
    """One raw entry as the dashboard lists it under its word."""
    return {
        "id": word.id,
        "text": word.text,
        "key": word.key,
        "held": word.held_reason is not None and word.id not in decisions.approved,
        "reason": word.held_reason,
        "withdrawn": word.withdrawn_at is not None,
        "participant": senders.of(word.participant_id),
        "group_id": word.group_id,
    }


def facilitator_words_view(session: DbSession, step_id: int) -> dict[str, Any]:
    """The whole word list of a step as the dashboard shows it."""
    words = entries_of(session, step_id)
    decisions = decisions_state(session, step_id)
    senders = Senders(session, (w.participant_id for w in words))
    groups = word_analysis.group([w.entry() for w in words], decisions)
    last = session.scalar(
        select(WordDecision)
        .where(WordDecision.step_id == step_id, WordDecision.undone_at.is_(None))
        .order_by(WordDecision.id.desc())
        .limit(1)
    )
    return {
        "rows": [g.full() for g in groups],
        "entries": [word_for_facilitator(w, decisions, senders) for w in words],
        "answered": answered_count(session, step_id),
        "last_decision": last.public() if last else None,
    }


def projector_words_view(session: DbSession, step_id: int) -> dict[str, Any]:
    return {"rows": [g.public() for g in visible_words(session, step_id)]}


def words_of_participant(session: DbSession, step_id: int, participant_id: int) -> list[dict[str, Any]]:
    """A participant's own words, with their state; a hidden word's text is not sent back."""
    words = list(
        session.scalars(
            select(Word)
            .where(
                Word.step_id == step_id, Word.participant_id == participant_id, Word.withdrawn_at.is_(None)
            )
            .order_by(Word.id)
        )
    )
    decisions = decisions_state(session, step_id)
    return [own_word(w, decisions) for w in words]


def own_word(word: Word, decisions: word_analysis.Decisions) -> dict[str, Any]:
    """What the participant who sent a word sees of it."""
    if decisions.resolve(word.key) in decisions.hidden:
        return {"id": word.id, "step_id": word.step_id, "text": "", "status": "hidden"}
    held = word.held_reason is not None and word.id not in decisions.approved
    return {"id": word.id, "step_id": word.step_id, "text": word.text, "status": "held" if held else "sent"}


# --- Events -------------------------------------------------------------------------------


def words_event(
    session: DbSession,
    step: Step,
    changed: Iterable[Word] = (),
    affected: Iterable[str] | None = None,
    decisions: word_analysis.Decisions | None = None,
) -> Event:
    """`words_changed` for the rows of the `affected` word keys, or the whole list when None.

    Facilitators get the changed raw entries and full rows; the projector gets only
    rows it may show, and nothing at all when no shown word changed (a held entry).
    `decisions` are the step's review decisions when the caller has read them already.
    """
    if decisions is None:
        decisions = decisions_state(session, step.id)
    changed = list(changed)
    facilitator: dict[str, Any] = {"step_id": step.id, "full": affected is None}
    projector: dict[str, Any] | None
    if affected is None:
        facilitator.update(facilitator_words_view(session, step.id), newer_analysis=newer_analysis(step))
        projector = {"step_id": step.id, "full": True, **projector_words_view(session, step.id)}
    else:
        targets = {decisions.resolve(k) for k in affected}
        members = {m for t in targets for m in decisions.members(t)}
        groups = word_analysis.group(entry_rows(session, step.id, members), decisions, only=targets)
        removed = sorted(targets - {g.key for g in groups})
        senders = Senders(session, (item.participant_id for item in changed))
        facilitator.update(
            rows=[g.full() for g in groups],
            removed=removed,
            entries=[word_for_facilitator(w, decisions, senders) for w in changed],
        )
        shown = [g.public() for g in groups if not g.hidden]
        gone = [k for k in removed if k not in decisions.hidden]
        projector = {"step_id": step.id, "full": False, "rows": shown, "removed": gone}
        if not shown and not gone:
            projector = None
    payloads = {Role.FACILITATOR: facilitator}
    if projector is not None:
        payloads[Role.PROJECTOR] = projector
    return make_event(session, step.workshop_id, "words_changed", payloads)


def counted_keys(words: Iterable[Word], decisions: word_analysis.Decisions) -> set[str]:
    """The keys of the words among these that count (not waiting for review)."""
    return {w.key for w in words if word_analysis.counted(w.entry(), decisions)}


# --- What participants do -----------------------------------------------------------------


def word_filter(workshop: Workshop) -> word_analysis.WordFilter:
    return _word_filter(workshop.held_words or "", workshop.allowed_words or "")


@functools.lru_cache(maxsize=64)
def _word_filter(held: str, allowed: str) -> word_analysis.WordFilter:
    """The filter for a workshop's two lists as written (it is frozen, so one is shared):
    built once instead of for every word, from the default lists of several hundred."""
    return word_analysis.WordFilter.for_workshop(
        held=word_analysis.parse_word_list(held), allowed=word_analysis.parse_word_list(allowed)
    )


def _text_fields(session: DbSession, step: Step, text: str) -> dict[str, Any]:
    """A word's text, its key, and whether the workshop's word lists hold it for review. The
    workshop row is read with its lock, which the word's sequence number takes anyway."""
    held = word_filter(lock_workshop(session, step.workshop_id)).reason(text)
    return {
        "text": text,
        "key": word_analysis.key(text, step_setting(step, "key_version")),
        "held_reason": held,
    }


def newer_analysis(step: Step) -> bool:
    """Whether the step's words were keyed by an older analysis than the newest: its
    facilitator may have them counted again (`steps.words.review.recount`)."""
    return bool(step_setting(step, "key_version") < word_analysis.KEY_VERSION)


def submit_word(
    session: DbSession, participant: Participant, step_id: object, client_id: object, text: object
) -> Outcome:
    """A participant sends a word; resending the same `client_id` changes nothing."""

    def write() -> tuple[dict[str, Any], Event]:
        step = open_step_taking(session, participant, step_id, "word")
        cleaned = valid_text(text, step_setting(step, "max_length"))
        check_limit(session, Word, participant, step, "max_words")
        word = add_row(
            session,
            Word,
            workshop_id=step.workshop_id,
            step_id=step.id,
            participant_id=participant.id,
            group_id=participant.group_id,
            seq=upcoming_seq(session, step.workshop_id),
            **_text_fields(session, step, cleaned),
        )
        decisions = decisions_state(session, step.id)
        event = words_event(session, step, [word], counted_keys([word], decisions), decisions)
        assert word.seq == event.seq
        return {"ok": True, "word": own_word(word, decisions)}, event

    return once(session, participant.id, client_id, write)


def edit_word(
    session: DbSession, participant: Participant, word_id: object, client_id: object, text: object
) -> Outcome:
    """A participant changes one of their words while the step is open."""

    def write() -> tuple[dict[str, Any], Event]:
        word, step = own_open_item(session, Word, participant, word_id, "word_id", "word")
        cleaned = valid_text(text, step_setting(step, "max_length"))
        decisions = decisions_state(session, step.id)
        before = counted_keys([word], decisions)
        for name, value in _text_fields(session, step, cleaned).items():
            setattr(word, name, value)
        word.edited_at = utcnow()
        session.flush()
        event = words_event(session, step, [word], before | counted_keys([word], decisions), decisions)
        return {"ok": True, "word": own_word(word, decisions)}, event

    return once(session, participant.id, client_id, write)


def withdraw_word(
    session: DbSession, participant: Participant, word_id: object, client_id: object
) -> Outcome:
    """A participant takes back one of their words while the step is open (it is kept, not counted)."""

    def write() -> tuple[dict[str, Any], Event]:
        word, step = own_open_item(session, Word, participant, word_id, "word_id", "word")
        decisions = decisions_state(session, step.id)
        before = counted_keys([word], decisions)
        word.withdrawn_at = utcnow()
        session.flush()
        event = words_event(session, step, [word], before, decisions)
        return {"ok": True, "withdrawn": word.id, "step_id": step.id}, event

    return once(session, participant.id, client_id, write)
