"""Socket events of a step that takes cards (a Cards step, a Discussion's answers): what
phones send, and the facilitator's board and theme suggestions."""

from __future__ import annotations

from typing import Any

from flask_login import current_user

from models import agenda
from models.errors import InvalidInput
from models.events import Role
from models.participants import Participant
from models.receipts import Outcome
from participant_ui.events import sent
from steps.cards import board, curation
from steps.cards.cards import edit_card, similar_cards, submit_card, withdraw_card
from steps.cards.suggestions import propose_themes, request_suggestions
from steps.registry import takes
from webapp.broadcast import broadcast
from webapp.extensions import db, socketio
from webapp.sockets import Identity, facilitated_workshop, handler, participant_of


def sent_card(outcome: Outcome) -> dict[str, Any]:
    """`sent`, then fresh theme suggestions for the unsorted cards."""
    ack = sent(outcome)
    if outcome.event is not None:
        request_suggestions(outcome.event.payloads[Role.FACILITATOR]["step_id"])
    return ack


def send_card(participant: Participant, payload: dict[str, Any]) -> dict[str, Any]:
    """A card from a phone, or entered for a table group (`StepKind.send`)."""
    return sent_card(submit_card(db.session, participant, payload))


@socketio.on("submit_card")
@handler(Role.PARTICIPANT, batched=True)
def on_submit_card(identity: Identity, payload: dict[str, Any]) -> dict[str, Any]:
    """{id, step_id, text, category, level?, theme_id?} → ack {ok, card}; `cards_changed` to
    facilitators and the projector."""
    return send_card(participant_of(identity), payload)


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


@socketio.on("board")
@handler(Role.FACILITATOR)
def on_board(identity: Identity, payload: dict[str, Any]) -> dict[str, Any]:
    """{step_id, op, ...}: one change to a Cards step's board; `board_changed` (themes) or
    `cards_changed` (cards) to facilitators and the projector.

    ops: create_theme {name, parent_id?, card_ids?, index?, child_ids?} → ack {theme_id} ·
    rename_theme {theme_id, name} · move_theme {theme_id, parent_id?, index?} · delete_theme
    {theme_id} · merge_themes {theme_id, target_id} · move_card {card_id, theme_id (null:
    unsorted), index?} · place_cards {moves: [{card_id, theme_id, index?}, ...]} (several at
    once, one event) · hide_card / highlight_card {card_id, on: bool} · hide_cards /
    highlight_cards {card_ids, on: bool} · set_levels {changes: [{card_id, level (null: none)},
    ...]} (one card or several, one event) · edit_card_text {card_id, text} · split_card
    {card_id, first, second} → ack {card_id} (the new card) · unsplit_card {card_id (the
    card split off), text (the first card's text before)}: curation, the writer's words kept
    """
    step = agenda.find_step(facilitated_workshop(identity), payload.get("step_id"))
    get = payload.get
    who = (current_user.id, current_user.name or current_user.email)
    operations = {
        "create_theme": lambda: board.create_theme(
            db.session,
            step,
            get("name"),
            get("parent_id"),
            get("card_ids") or [],
            get("index"),
            get("child_ids") or [],
        ),
        "rename_theme": lambda: board.rename_theme(db.session, step, get("theme_id"), get("name")),
        "move_theme": lambda: board.move_theme(
            db.session, step, get("theme_id"), get("parent_id"), get("index")
        ),
        "delete_theme": lambda: board.delete_theme(db.session, step, get("theme_id")),
        "merge_themes": lambda: board.merge_themes(db.session, step, get("theme_id"), get("target_id")),
        "move_card": lambda: board.move_card(db.session, step, get("card_id"), get("theme_id"), get("index")),
        "hide_card": lambda: board.set_card_flag(db.session, step, get("card_id"), "hidden", get("on")),
        "highlight_card": lambda: board.set_card_flag(
            db.session, step, get("card_id"), "highlight", get("on")
        ),
        "place_cards": lambda: board.place_cards(db.session, step, get("moves")),
        "hide_cards": lambda: board.set_cards_flag(db.session, step, get("card_ids"), "hidden", get("on")),
        "highlight_cards": lambda: board.set_cards_flag(
            db.session, step, get("card_ids"), "highlight", get("on")
        ),
        "set_levels": lambda: board.set_card_levels(db.session, step, get("changes")),
        "edit_card_text": lambda: curation.edit_card_text(db.session, step, who, get("card_id"), get("text")),
        "split_card": lambda: curation.split_card(
            db.session, step, who, get("card_id"), get("first"), get("second")
        ),
        "unsplit_card": lambda: curation.unsplit_card(db.session, step, who, get("card_id"), get("text")),
    }
    operation = operations.get(str(get("op")))
    if operation is None:
        raise InvalidInput(field="op")
    event = operation()
    broadcast(event)
    if not _only_sorted(payload):
        request_suggestions(step.id)  # the themes, or the unsorted cards, changed
    return {"ok": True, **event.reply}


def _only_sorted(payload: dict[str, Any]) -> bool:
    """Whether a board change only took cards out of the unsorted column into themes (the
    suggestions still standing are then still right)."""
    if payload.get("op") == "move_card":
        return payload.get("theme_id") is not None
    if payload.get("op") == "place_cards":
        return all(isinstance(m, dict) and m.get("theme_id") is not None for m in payload.get("moves") or [])
    return False


@socketio.on("suggest_themes")
@handler(Role.FACILITATOR)
def on_suggest_themes(identity: Identity, payload: dict[str, Any]) -> dict[str, Any]:
    """{step_id, propose: bool}: suggestions for the unsorted cards (propose: new groups with
    draft names) follow as the `suggestions_ready` notice. Nothing changes on the board."""
    step = agenda.find_step(facilitated_workshop(identity), payload.get("step_id"))
    if not takes(step, "card"):
        raise InvalidInput(field="step_id")
    if payload.get("propose") is True:
        propose_themes(step.id)
    else:
        request_suggestions(step.id)
    return {"ok": True}
