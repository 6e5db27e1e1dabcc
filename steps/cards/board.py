"""What facilitators do on a Cards step's board: themes (create, rename, merge, delete,
reorder, nest to three levels: dimension → theme → sub-theme) and cards (move, hide, mark
as a highlight, set their level).

Every operation takes the workshop's write lock before it reads the order it
changes, so two facilitators' moves apply one after the other and every
dashboard converges on the order the events carry.
"""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select

from models.clock import utcnow
from models.errors import EmptyText, InvalidInput, NotFound, TextTooLong, ThemesFromEarlierStep, TooDeep
from models.events import Event, lock_workshop
from models.levels import valid_level
from models.session import DbSession
from models.workshops import Step
from steps.cards.cards import (
    MAX_THEME_NAME_LENGTH,
    Card,
    Theme,
    board_event,
    cards_event,
    in_column,
    themes_of,
)
from steps.registry import takes

MAX_CARDS_AT_ONCE = 500
MAX_DEPTH = 2  # a theme at most two levels under the top: dimension → theme → sub-theme


def _int_or_none(value: object, field: str) -> int | None:
    if value in (None, 0, ""):
        return None
    if not isinstance(value, int) or isinstance(value, bool):
        raise InvalidInput(field=field)
    return value


def _index(value: object) -> int | None:
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise InvalidInput(field="index")
    return value


def _name(value: object) -> str:
    if not isinstance(value, str):
        raise InvalidInput(field="name")
    name = " ".join(value.split())
    if not name:
        raise EmptyText()
    if len(name) > MAX_THEME_NAME_LENGTH:
        raise TextTooLong(limit=MAX_THEME_NAME_LENGTH)
    return name


def _own_themes(session: DbSession, step: Step) -> list[Theme]:
    """The step's themes, for an operation that changes them; locks the workshop first."""
    if not takes(step, "card"):
        raise InvalidInput(field="step_id")
    if step.based_on_step_id:
        raise ThemesFromEarlierStep()
    lock_workshop(session, step.workshop_id)
    return themes_of(session, step)


def _theme(themes: list[Theme], theme_id: object) -> Theme:
    for theme in themes:
        if theme.id == theme_id:
            return theme
    raise NotFound()


def _depth(themes: list[Theme], theme_id: int | None) -> int:
    """How many levels under the top a theme is (-1: the top itself, `None`)."""
    by_id = {t.id: t for t in themes}
    depth = -1
    while theme_id is not None and theme_id in by_id and depth <= MAX_DEPTH:
        theme_id, depth = by_id[theme_id].parent_id, depth + 1
    return depth


def _height(themes: list[Theme], theme: Theme) -> int:
    """How many levels of themes a theme has under it (0: none)."""
    children = [t for t in themes if t.parent_id == theme.id]
    return 1 + max(_height(themes, child) for child in children) if children else 0


def _fits(themes: list[Theme], parent_id: int | None, theme: Theme | None = None, height: int = 0) -> bool:
    """Whether `theme` (or a subtree `height` levels deep) may go under `parent_id`: never
    under itself or its own themes, and no deeper than three levels."""
    if theme is not None:
        height = _height(themes, theme)
        above = parent_id
        by_id = {t.id: t for t in themes}
        while above is not None:
            if above == theme.id:
                return False
            above = by_id[above].parent_id if above in by_id else None
    return _depth(themes, parent_id) + 1 + height <= MAX_DEPTH


def _siblings(themes: list[Theme], parent_id: int | None, leaving: Theme | None = None) -> list[Theme]:
    return [t for t in themes if t.parent_id == parent_id and t is not leaving]


def _place(siblings: list[Theme], theme: Theme, index: int | None) -> None:
    """Put `theme` at `index` (default: last) among `siblings` and number them all again."""
    at = len(siblings) if index is None else min(index, len(siblings))
    ordered = [*siblings[:at], theme, *siblings[at:]]
    for position, each in enumerate(ordered):
        each.position = position


def _commit(session: DbSession, event: Event) -> Event:
    session.commit()
    return event


def create_theme(
    session: DbSession,
    step: Step,
    name: object,
    parent_id: object = None,
    card_ids: object = (),
    index: object = None,
    child_ids: object = (),
) -> Event:
    """A new theme at `index` (default: the end) of the board, or of the theme `parent_id`,
    in one change: `card_ids` (a proposal the facilitator accepted) move into it in that
    order, and the themes `child_ids` go under it (as deep as three levels allow, never
    above their new place), so undoing a delete or a merge brings the theme back whole.
    The event's reply carries the new theme's id."""
    themes = _own_themes(session, step)
    parent = _int_or_none(parent_id, "parent_id")
    if parent is not None:
        _theme(themes, parent)
    cards = [_card(session, step, card_id) for card_id in _id_list(card_ids, "card_ids")]
    children = [_theme(themes, child_id) for child_id in _id_list(child_ids, "child_ids")]
    below = 1 + max((_height(themes, c) for c in children), default=-1)
    if not _fits(themes, parent, height=below):
        raise TooDeep()
    if any(not _fits(themes, parent, child) for child in children):  # none above its new place
        raise TooDeep()
    theme = Theme(workshop_id=step.workshop_id, step_id=step.id, name=_name(name), parent_id=parent)
    session.add(theme)
    _place([t for t in _siblings(themes, parent) if t not in children], theme, _index(index))
    session.flush()
    for position, card in enumerate(cards):
        card.theme_id = theme.id
        card.position = position
    for position, child in enumerate(children):
        child.parent_id = theme.id
        child.position = position
    session.flush()
    event = board_event(session, step, themes_changed=True)
    return _commit(session, replace(event, reply={"theme_id": theme.id}))


def _id_list(value: object, field: str) -> list[object]:
    if not isinstance(value, list | tuple) or len(value) > MAX_CARDS_AT_ONCE:
        raise InvalidInput(field=field)
    return list(value)


def rename_theme(session: DbSession, step: Step, theme_id: object, name: object) -> Event:
    theme = _theme(_own_themes(session, step), theme_id)
    theme.name = _name(name)
    session.flush()
    return _commit(session, board_event(session, step, themes_changed=True))


def move_theme(
    session: DbSession, step: Step, theme_id: object, parent_id: object = None, index: object = None
) -> Event:
    """Reorder a theme, or nest it under another (to three levels), or take it out again."""
    themes = _own_themes(session, step)
    theme = _theme(themes, theme_id)
    parent = _int_or_none(parent_id, "parent_id")
    if parent is not None:
        _theme(themes, parent)
        if not _fits(themes, parent, theme):
            raise TooDeep()
    old_parent = theme.parent_id
    theme.parent_id = parent
    _place(_siblings(themes, parent, leaving=theme), theme, _index(index))
    if old_parent != parent:
        for position, each in enumerate(_siblings(themes, old_parent, leaving=theme)):
            each.position = position
    session.flush()
    return _commit(session, board_event(session, step, themes_changed=True))


def delete_theme(session: DbSession, step: Step, theme_id: object) -> Event:
    """Remove a theme: its cards go back to the unsorted column, its themes up one level."""
    themes = _own_themes(session, step)
    theme = _theme(themes, theme_id)
    _release(session, step, themes, theme, cards_to=None, themes_to=theme.parent_id)
    session.delete(theme)
    session.flush()
    return _commit(session, board_event(session, step, themes_changed=True))


def merge_themes(session: DbSession, step: Step, source_id: object, target_id: object) -> Event:
    """Move every card of `source` to the end of `target` and remove `source`."""
    themes = _own_themes(session, step)
    source, target = _theme(themes, source_id), _theme(themes, target_id)
    if source is target:
        raise InvalidInput(field="target_id")
    if _is_under(themes, target, source):  # merging a theme into one of its own: it moves up
        target.parent_id = source.parent_id
    need = max((_height(themes, c) for c in themes if c.parent_id == source.id), default=0)
    children_to: int | None = target.id  # the source's themes go under the target, or as deep as fits
    while children_to is not None and not _fits(themes, children_to, height=need):
        children_to = _theme(themes, children_to).parent_id
    _release(session, step, themes, source, cards_to=target, themes_to=children_to)
    session.delete(source)
    session.flush()
    return _commit(session, board_event(session, step, themes_changed=True))


def _is_under(themes: list[Theme], theme: Theme, ancestor: Theme) -> bool:
    by_id = {t.id: t for t in themes}
    above = theme.parent_id
    while above is not None:
        if above == ancestor.id:
            return True
        above = by_id[above].parent_id if above in by_id else None
    return False


def _release(
    session: DbSession,
    step: Step,
    themes: list[Theme],
    theme: Theme,
    cards_to: Theme | None,
    themes_to: int | None,
) -> None:
    """Hand a theme's cards and nested themes on before it goes."""
    target_id = cards_to.id if cards_to else None
    remaining = cards_of_theme(session, step, target_id)
    moving = cards_of_theme(session, step, theme.id)
    for position, card in enumerate([*remaining, *moving]):
        card.theme_id = target_id
        card.position = position
    for child in [t for t in themes if t.parent_id == theme.id]:
        child.parent_id = themes_to
        _place(_siblings(themes, themes_to, leaving=child), child, None)


def cards_of_theme(session: DbSession, step: Step, theme_id: int | None) -> list[Card]:
    """Every card of one column (withdrawn and hidden ones too), in order."""
    query = select(Card).where(Card.step_id == step.id, in_column(theme_id))
    return list(session.scalars(query.order_by(Card.position, Card.id)))


def _card(session: DbSession, step: Step, card_id: object) -> Card:
    if not isinstance(card_id, int) or isinstance(card_id, bool):
        raise InvalidInput(field="card_id")
    card = session.get(Card, card_id)
    if card is None or card.step_id != step.id or card.withdrawn_at is not None:
        raise NotFound()
    return card


def move_card(
    session: DbSession, step: Step, card_id: object, theme_id: object, index: object = None
) -> Event:
    """Move a card to a theme (None: back to unsorted), at `index` among the column's shown
    cards (default: last)."""
    return place_cards(session, step, [{"card_id": card_id, "theme_id": theme_id, "index": index}])


def place_cards(session: DbSession, step: Step, moves: object) -> Event:
    """Several cards placed in one change and one event (a selection moved, the suggestions
    accepted, or the undo of either): each {card_id, theme_id (None: unsorted), index?}
    in turn, `index` counted among the column's shown cards as it is by then (default:
    last). Putting cards back in the order of their old places restores those places."""
    if not isinstance(moves, list | tuple) or not moves or len(moves) > MAX_CARDS_AT_ONCE:
        raise InvalidInput(field="moves")
    lock_workshop(session, step.workshop_id)
    theme_ids = {t.id for t in themes_of(session, step)}
    columns: dict[int | None, list[Card]] = {}  # each column touched, in its order

    def column(theme_id: int | None) -> list[Card]:
        if theme_id not in columns:
            columns[theme_id] = cards_of_theme(session, step, theme_id)
        return columns[theme_id]

    changed: dict[int, Card] = {}
    for move in moves:
        if not isinstance(move, dict):
            raise InvalidInput(field="moves")
        card = _card(session, step, move.get("card_id"))
        target = _int_or_none(move.get("theme_id"), "theme_id")
        if target is not None and target not in theme_ids:
            raise NotFound()
        at = _index(move.get("index"))
        leaving = column(card.theme_id)
        if card in leaving:
            leaving.remove(card)
        arriving = column(target)
        visible = [c for c in arriving if c.withdrawn_at is None]
        before = len(arriving) if at is None or at >= len(visible) else arriving.index(visible[at])
        arriving.insert(before, card)
        card.theme_id = target
        changed[card.id] = card
    for cards in columns.values():
        for position, each in enumerate(cards):
            each.position = position
    session.flush()
    return _commit(session, cards_event(session, step, changed.values()))


def set_cards_flag(session: DbSession, step: Step, card_ids: object, flag: str, on: object) -> Event:
    """Hide several cards, or mark them as highlights, in one change (or undo that)."""
    ids = _id_list(card_ids, "card_ids")
    if not ids:
        raise InvalidInput(field="card_ids")
    lock_workshop(session, step.workshop_id)
    if flag not in ("hidden", "highlight"):
        raise InvalidInput(field="flag")
    cards = [_card(session, step, card_id) for card_id in ids]
    value = utcnow() if on is True else None
    for card in cards:
        if flag == "hidden":
            card.hidden_at = value
        else:
            card.highlighted_at = value
    session.flush()
    return _commit(session, cards_event(session, step, cards))


def set_card_flag(session: DbSession, step: Step, card_id: object, flag: str, on: object) -> Event:
    """Hide a card (moderation) or mark it as a highlight of the day; both can be undone."""
    return set_cards_flag(session, step, [card_id], flag, on)


def set_card_levels(session: DbSession, step: Step, changes: object) -> Event:
    """Set or correct the level of one card or several in one change: each {card_id, level}
    (None: no level). A level must be on the workshop's list, or one a card of the step
    already has (undo gives a card back a level since taken off the list)."""
    if not isinstance(changes, list | tuple) or not changes or len(changes) > MAX_CARDS_AT_ONCE:
        raise InvalidInput(field="changes")
    lock_workshop(session, step.workshop_id)
    in_use = set(session.scalars(select(Card.level).where(Card.step_id == step.id).distinct()))
    cards = []
    for change in changes:
        if not isinstance(change, dict):
            raise InvalidInput(field="changes")
        card = _card(session, step, change.get("card_id"))
        level = change.get("level") or None
        card.level = level if level in in_use else valid_level(step.workshop, level)
        cards.append(card)
    session.flush()
    return _commit(session, cards_event(session, step, cards))
