"""Socket events sent by a facilitator's live dashboard, and the few a scribe may send
(notes, and input entered on a table group's behalf)."""

from __future__ import annotations

from typing import Any

from flask_login import current_user

from models import agenda, notes
from models.errors import InvalidInput, PermissionDenied
from models.events import Role
from models.participants import group_proxy
from models.scribes import Scribe
from models.workshops import Workshop
from participant_ui.events import sent, sent_card, sent_word
from steps.cards import board
from steps.cards.cards import submit_card
from steps.cards.suggestions import propose_themes, request_suggestions
from steps.discussion import timer as discussion
from steps.registry import kind_of, takes
from steps.tracks import tracks
from steps.words import review as word_review
from steps.words.cloud_jobs import request_cloud
from steps.words.words import submit_word
from webapp.broadcast import broadcast
from webapp.extensions import db, socketio
from webapp.sockets import Identity, handler, scribe_of


def _workshop(identity: Identity) -> Workshop:
    """The caller's workshop, checked again: a facilitator removed mid-session loses it."""
    workshop = db.session.get(Workshop, identity.workshop_id)
    if workshop is None or not current_user.is_authenticated or not workshop.is_run_by(current_user.id):
        raise PermissionDenied()
    return workshop


@socketio.on("open_step")
@handler(Role.FACILITATOR)
def on_open_step(identity: Identity, payload: dict[str, Any]) -> dict[str, Any]:
    """{step_id, exclusive=true}: every screen shows the step; `agenda_changed` to all."""
    step = agenda.find_step(_workshop(identity), payload.get("step_id"))
    broadcast(agenda.open_step(db.session, step, exclusive=payload.get("exclusive", True) is not False))
    kind_of(step).opened(step)  # e.g. a words step renders its cloud if it is out of date
    return {"ok": True}


@socketio.on("close_step")
@handler(Role.FACILITATOR)
def on_close_step(identity: Identity, payload: dict[str, Any]) -> dict[str, Any]:
    """{step_id}: phones stop taking input for the step; `agenda_changed` to all."""
    step = agenda.find_step(_workshop(identity), payload.get("step_id"))
    broadcast(agenda.close_step(db.session, step))
    return {"ok": True}


@socketio.on("projector_view")
@handler(Role.FACILITATOR)
def on_projector_view(identity: Identity, payload: dict[str, Any]) -> dict[str, Any]:
    """{step_id, show_list: bool}: the projector shows the Words step as a list or a cloud."""
    step = agenda.find_step(_workshop(identity), payload.get("step_id"))
    broadcast(agenda.set_step_setting(db.session, step, "show_list", payload.get("show_list") is True))
    return {"ok": True}


@socketio.on("word_decision")
@handler(Role.FACILITATOR)
def on_word_decision(identity: Identity, payload: dict[str, Any]) -> dict[str, Any]:
    """{step_id, kind: merge|rename|split|hide|unhide|approve, data}: `words_changed` (full) to
    facilitators and the projector; a new cloud follows."""
    step = agenda.find_step(_workshop(identity), payload.get("step_id"))
    broadcast(word_review.decide(db.session, step, current_user.id, payload.get("kind"), payload.get("data")))
    request_cloud(step.id)
    return {"ok": True}


@socketio.on("word_undo")
@handler(Role.FACILITATOR)
def on_word_undo(identity: Identity, payload: dict[str, Any]) -> dict[str, Any]:
    """{step_id}: the step's last decision in force is undone; `words_changed` (full)."""
    step = agenda.find_step(_workshop(identity), payload.get("step_id"))
    broadcast(word_review.undo(db.session, step))
    request_cloud(step.id)
    return {"ok": True}


@socketio.on("board")
@handler(Role.FACILITATOR)
def on_board(identity: Identity, payload: dict[str, Any]) -> dict[str, Any]:
    """{step_id, op, ...}: one change to a Cards step's board; `board_changed` (themes) or
    `cards_changed` (cards) to facilitators and the projector.

    ops: create_theme {name, parent_id?, card_ids?, index?, child_ids?} → ack {theme_id} ·
    rename_theme {theme_id, name} · move_theme {theme_id, parent_id?, index?} · delete_theme
    {theme_id} · merge_themes {theme_id, target_id} · move_card {card_id, theme_id (null:
    unsorted), index?} · hide_card / highlight_card {card_id, on: bool}
    """
    step = agenda.find_step(_workshop(identity), payload.get("step_id"))
    get = payload.get
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
    }
    operation = operations.get(str(get("op")))
    if operation is None:
        raise InvalidInput(field="op")
    event = operation()
    broadcast(event)
    if get("op") != "move_card" or get("theme_id") is None:
        request_suggestions(step.id)  # the themes, or the unsorted cards, changed
    return {"ok": True, **event.reply}


@socketio.on("suggest_themes")
@handler(Role.FACILITATOR)
def on_suggest_themes(identity: Identity, payload: dict[str, Any]) -> dict[str, Any]:
    """{step_id, propose: bool}: suggestions for the unsorted cards (propose: new groups with
    draft names) follow as the `suggestions_ready` notice. Nothing changes on the board."""
    step = agenda.find_step(_workshop(identity), payload.get("step_id"))
    if not takes(step, "card"):
        raise InvalidInput(field="step_id")
    if payload.get("propose") is True:
        propose_themes(step.id)
    else:
        request_suggestions(step.id)
    return {"ok": True}


@socketio.on("tracks")
@handler(Role.FACILITATOR)
def on_tracks(identity: Identity, payload: dict[str, Any]) -> dict[str, Any]:
    """{step_id, op, ...}: one change to a Tracks step; `tracks_changed` to every screen
    (phones only when the list changed), `agenda_changed` too when the phase changes.

    ops: add_track {text?, source_kind? (card|theme), source_id?} · rename_track {track_id,
    text} · hide_track / highlight_track {track_id, on: bool} · merge_tracks {track_id,
    target_id} · phase {name: voting|revealed, on: bool}
    """
    step = agenda.find_step(_workshop(identity), payload.get("step_id"))
    get = payload.get
    operations = {
        "add_track": lambda: [
            tracks.add_track(db.session, step, get("text"), get("source_kind"), get("source_id"))
        ],
        "rename_track": lambda: [tracks.rename_track(db.session, step, get("track_id"), get("text"))],
        "hide_track": lambda: [tracks.set_track_flag(db.session, step, get("track_id"), "hidden", get("on"))],
        "highlight_track": lambda: [
            tracks.set_track_flag(db.session, step, get("track_id"), "highlight", get("on"))
        ],
        "merge_tracks": lambda: [tracks.merge_tracks(db.session, step, get("track_id"), get("target_id"))],
        "phase": lambda: tracks.set_phase(db.session, step, get("name"), get("on")),
    }
    operation = operations.get(str(get("op")))
    if operation is None:
        raise InvalidInput(field="op")
    for event in operation():
        broadcast(event)
    return {"ok": True}


@socketio.on("discussion")
@handler(Role.FACILITATOR)
def on_discussion(identity: Identity, payload: dict[str, Any]) -> dict[str, Any]:
    """{step_id, op: question {index: -1 for all} | timer {action: start|pause|extend|reset,
    seconds?}}: every screen shows the change (`agenda_changed`, the step's settings)."""
    step = agenda.find_step(_workshop(identity), payload.get("step_id"))
    get = payload.get
    if get("op") == "question":
        broadcast(discussion.show_question(db.session, step, get("index")))
    elif get("op") == "timer":
        broadcast(discussion.control_timer(db.session, step, get("action"), get("seconds", 0)))
    else:
        raise InvalidInput(field="op")
    return {"ok": True}


def _writer(identity: Identity) -> tuple[Workshop, Scribe | None]:
    """The workshop of a facilitator, or of a scribe (with their link, checked again)."""
    if identity.role is Role.SCRIBE:
        scribe = scribe_of(identity)
        return scribe.workshop, scribe
    return _workshop(identity), None


@socketio.on("notes")
@handler(Role.FACILITATOR, Role.SCRIBE)
def on_notes(identity: Identity, payload: dict[str, Any]) -> dict[str, Any]:
    """{op: add {category, text} | edit {note_id, category, text} | delete {note_id}}:
    `notes_changed` (every note) to the workshop's facilitators and scribes. A scribe
    changes only their own notes."""
    workshop, scribe = _writer(identity)
    get = payload.get
    if get("op") == "add":
        author = None if scribe else current_user.id
        event = notes.add_note(db.session, workshop, author, get("category"), get("text"), scribe)
    elif get("op") == "edit":
        event = notes.edit_note(db.session, workshop, get("note_id"), get("category"), get("text"), scribe)
    elif get("op") == "delete":
        event = notes.delete_note(db.session, workshop, get("note_id"), scribe)
    else:
        raise InvalidInput(field="op")
    broadcast(event)
    return {"ok": True}


@socketio.on("enter_for_group")
@handler(Role.FACILITATOR, Role.SCRIBE)
def on_enter_for_group(identity: Identity, payload: dict[str, Any]) -> dict[str, Any]:
    """{id, kind: word|card|track, group_id?, step_id, text, category?, level?}: input from
    paper, or for people without a phone, sent as the table group's stand-in participant
    (a scribe invited for one group always enters for that group). Counted like any
    other input and marked `on_behalf`; a resent id changes nothing."""
    workshop, scribe = _writer(identity)
    agenda.find_step(workshop, payload.get("step_id"))  # another workshop's step: not found
    group_id = scribe.group_id if scribe and scribe.group_id else payload.get("group_id")
    proxy = group_proxy(db.session, workshop, group_id)
    kind = payload.get("kind")
    if kind == "word":
        return sent_word(
            submit_word(db.session, proxy, payload.get("step_id"), payload.get("id"), payload.get("text"))
        )
    if kind == "card":
        return sent_card(submit_card(db.session, proxy, payload))
    if kind == "track":
        return sent(tracks.propose_track(db.session, proxy, payload))
    raise InvalidInput(field="kind")
