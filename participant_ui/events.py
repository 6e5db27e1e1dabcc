"""Socket events sent by participants' phones.

Every submission carries an id the phone made; a resent id gets the stored ack
and changes nothing (see `models.receipts`).
"""

from __future__ import annotations

from typing import Any

from flask import request

from models.events import Role
from models.receipts import Outcome
from steps.cards.cards import edit_card, similar_cards, submit_card, withdraw_card
from steps.cards.suggestions import request_suggestions
from steps.tracks.rankings import request_ranking
from steps.tracks.tracks import edit_track, propose_track, vote, withdraw_track
from steps.words.cloud_jobs import request_cloud
from steps.words.words import edit_word, submit_word, withdraw_word
from webapp.broadcast import broadcast, tell_participant
from webapp.extensions import db, socketio
from webapp.presence import presence_changed
from webapp.sockets import Identity, current_identity, handler, participant_of


def sent(outcome: Outcome) -> dict[str, Any]:
    """Broadcast what a submission changed (nothing for a resend) and answer the phone."""
    broadcast(outcome.event)
    if outcome.event is not None:
        to_my_other_screens()
    return outcome.ack


def to_my_other_screens() -> None:
    """The sender's other tabs and phones (one participant, one cookie) fetch their own
    input and what they have left anew; the sending tab has its acknowledgement."""
    identity = current_identity()
    if identity.participant_id is not None:
        tell_participant(identity.participant_id, skip_sid=request.sid)  # type: ignore[attr-defined]


def sent_word(outcome: Outcome) -> dict[str, Any]:
    """`sent`, then a new cloud when the projector's words changed, and a presence notice
    (how many have answered; batched, as counts are)."""
    ack = sent(outcome)
    if outcome.event is not None:
        presence_changed(outcome.event.workshop_id)
        if Role.PROJECTOR in outcome.event.payloads:
            request_cloud(outcome.event.payloads[Role.PROJECTOR]["step_id"])
    return ack


def sent_card(outcome: Outcome) -> dict[str, Any]:
    """`sent`, then fresh theme suggestions for the unsorted cards."""
    ack = sent(outcome)
    if outcome.event is not None:
        request_suggestions(outcome.event.payloads[Role.FACILITATOR]["step_id"])
    return ack


@socketio.on("submit_word")
@handler(Role.PARTICIPANT)
def on_submit_word(identity: Identity, payload: dict[str, Any]) -> dict[str, Any]:
    """{id, step_id, text} → ack {ok, word: {id, step_id, text, status}}; `words_changed` to
    facilitators (and to the projector unless the word is held for review)."""
    participant = participant_of(identity)
    return sent_word(
        submit_word(db.session, participant, payload.get("step_id"), payload.get("id"), payload.get("text"))
    )


@socketio.on("edit_word")
@handler(Role.PARTICIPANT)
def on_edit_word(identity: Identity, payload: dict[str, Any]) -> dict[str, Any]:
    """{id, word_id, text} → ack {ok, word}; the participant's own word, while the step is open."""
    participant = participant_of(identity)
    return sent_word(
        edit_word(db.session, participant, payload.get("word_id"), payload.get("id"), payload.get("text"))
    )


@socketio.on("withdraw_word")
@handler(Role.PARTICIPANT)
def on_withdraw_word(identity: Identity, payload: dict[str, Any]) -> dict[str, Any]:
    """{id, word_id} → ack {ok, withdrawn, step_id}; the word is kept but no longer counted."""
    participant = participant_of(identity)
    return sent_word(withdraw_word(db.session, participant, payload.get("word_id"), payload.get("id")))


@socketio.on("submit_card")
@handler(Role.PARTICIPANT)
def on_submit_card(identity: Identity, payload: dict[str, Any]) -> dict[str, Any]:
    """{id, step_id, text, category, level?, theme_id?} → ack {ok, card}; `cards_changed` to
    facilitators and the projector."""
    return sent_card(submit_card(db.session, participant_of(identity), payload))


@socketio.on("edit_card")
@handler(Role.PARTICIPANT)
def on_edit_card(identity: Identity, payload: dict[str, Any]) -> dict[str, Any]:
    """{id, card_id, text, category?, level?, theme_id?} → ack {ok, card}; own card, step open."""
    return sent(edit_card(db.session, participant_of(identity), payload))


@socketio.on("withdraw_card")
@handler(Role.PARTICIPANT)
def on_withdraw_card(identity: Identity, payload: dict[str, Any]) -> dict[str, Any]:
    """{id, card_id} → ack {ok, withdrawn, step_id}; the card is kept but no longer shown."""
    return sent(withdraw_card(db.session, participant_of(identity), payload))


@socketio.on("similar_cards")
@handler(Role.PARTICIPANT)
def on_similar_cards(identity: Identity, payload: dict[str, Any]) -> dict[str, Any]:
    """{step_id, text} → ack {ok, cards: [text, ...]}: up to three shown cards like the one
    being typed, so people add to them instead of repeating them. Changes nothing."""
    texts = similar_cards(db.session, participant_of(identity), payload.get("step_id"), payload.get("text"))
    return {"ok": True, "cards": texts}


@socketio.on("propose_track")
@handler(Role.PARTICIPANT)
def on_propose_track(identity: Identity, payload: dict[str, Any]) -> dict[str, Any]:
    """{id, step_id, text} → ack {ok, track}; `tracks_changed` to every screen."""
    return sent(propose_track(db.session, participant_of(identity), payload))


@socketio.on("edit_track")
@handler(Role.PARTICIPANT)
def on_edit_track(identity: Identity, payload: dict[str, Any]) -> dict[str, Any]:
    """{id, track_id, text} → ack {ok, track}; own track, nobody has voted on it yet."""
    return sent(edit_track(db.session, participant_of(identity), payload))


@socketio.on("withdraw_track")
@handler(Role.PARTICIPANT)
def on_withdraw_track(identity: Identity, payload: dict[str, Any]) -> dict[str, Any]:
    """{id, track_id} → ack {ok, withdrawn, step_id}; own track, nobody has voted on it yet."""
    return sent(withdraw_track(db.session, participant_of(identity), payload))


@socketio.on("vote")
@handler(Role.PARTICIPANT)
def on_vote(identity: Identity, payload: dict[str, Any]) -> dict[str, Any]:
    """{id, step_id, track_id, dots, n} → ack {ok, step_id, votes: {track_id: dots}, left};
    `tracks_changed` (the totals) to facilitators and the projector, batched."""
    outcome = vote(db.session, participant_of(identity), payload)
    if outcome.ranking_step is not None:
        request_ranking(outcome.ranking_step)
        to_my_other_screens()
    return outcome.ack
