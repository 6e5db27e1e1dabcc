"""Cards posted to a Cards step, the themes they are clustered into, and the views and
events of a step's board.

A card sits in one theme of its step, or in no theme ("Osorterade"). A step built on
an earlier step (`Step.based_on`) has no themes of its own: its cards are posted
under the earlier step's themes, and its board shows them per theme in one column
per category (Hinder | Möjligheter). Cards keep their order in a theme by
`position`; hidden and withdrawn cards are kept, never shown to phones or the
projector.

About 400 lines: the models, the reads each role's view needs and the participant's
operations stay together, because every operation answers with an event built from
those same reads; the facilitator's board operations are in `steps.cards.board`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from sqlalchemy import ColumnElement, ForeignKey, Index, Integer, Select, String, bindparam, func, or_, select
from sqlalchemy.orm import Mapped, mapped_column

from models.clock import utcnow
from models.errors import InvalidInput, NotFound, ThemeRequired
from models.events import Event, Role, make_event, upcoming_seq
from models.hot_path import add_row, prebuilt, run
from models.levels import valid_level
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
)
from models.workshops import Step
from steps.registry import kind_of
from steps.reveal import writing, written_per_group
from steps.settings import step_setting
from webapp.extensions import db

MAX_THEME_NAME_LENGTH = 120
MAX_CARD_LENGTH = 2000  # a long card: a reflection or a transcribed quote (a step setting)
UNSORTED = "0"  # the key of the "Osorterade" column in a board's order


class Theme(db.Model):  # type: ignore[name-defined,misc]
    """A theme cards are clustered into; nests under another, to three levels (dimension →
    theme → sub-theme: `steps.cards.board.MAX_DEPTH`)."""

    __tablename__ = "themes"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), index=True)
    step_id: Mapped[int] = mapped_column(ForeignKey("steps.id", ondelete="CASCADE"), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("themes.id", ondelete="SET NULL"))
    name: Mapped[str] = mapped_column(String(MAX_THEME_NAME_LENGTH))
    position: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    def public(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "parent_id": self.parent_id, "position": self.position}


class Card(ParticipantInput, db.Model):  # type: ignore[name-defined,misc]
    """One card from one participant, kept even when withdrawn or hidden."""

    __tablename__ = "cards"
    # The last position in a column, read for every new card (`next_position`).
    __table_args__ = step_indexes(
        "cards", Index("ix_cards_column_position", "step_id", "theme_id", "position")
    )

    category: Mapped[str] = mapped_column(String(300))
    level: Mapped[str | None] = mapped_column(String(60))  # one of the workshop's (models.levels)
    theme_id: Mapped[int | None] = mapped_column(ForeignKey("themes.id", ondelete="SET NULL"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(String(MAX_CARD_LENGTH))
    seq: Mapped[int] = mapped_column(Integer, default=0)
    hidden_at: Mapped[dt.datetime | None]
    highlighted_at: Mapped[dt.datetime | None]
    # Curation after the day (`steps.cards.curation`): the participant's own words when a
    # facilitator changed the text; the card this one was split off; the last change.
    original_text: Mapped[str | None] = mapped_column(String(MAX_CARD_LENGTH))
    split_from_id: Mapped[int | None] = mapped_column(ForeignKey("cards.id", ondelete="CASCADE"))
    curated_at: Mapped[dt.datetime | None]
    curated_by: Mapped[str | None] = mapped_column(String(254))  # the facilitator's name or email

    @property
    def shown(self) -> bool:
        """Whether phones and the projector may see the card."""
        return self.withdrawn_at is None and self.hidden_at is None

    def container(self) -> str:
        return str(self.theme_id) if self.theme_id else UNSORTED


# --- Reading ------------------------------------------------------------------------------


def theme_step_id(step: Step) -> int:
    """The step whose themes this step's cards are sorted into: its own, or the earlier step's."""
    return step.based_on_step_id or step.id


def themes_of(session: DbSession, step: Step) -> list[Theme]:
    """The themes the step's board shows in board order: each theme followed by the themes
    nested under it (to three levels: dimension, theme, sub-theme)."""
    themes = session.scalars(
        select(Theme).where(Theme.step_id == theme_step_id(step)).order_by(Theme.position, Theme.id)
    )
    children: dict[int | None, list[Theme]] = {}
    for theme in themes:
        children.setdefault(theme.parent_id, []).append(theme)

    def under(parent_id: int | None) -> list[Theme]:
        return [each for theme in children.get(parent_id, []) for each in (theme, *under(theme.id))]

    return under(None)


def board_cards(step_id: int, shown_only: bool = False) -> Select[tuple[Card]]:
    """The query for a step's cards that were not withdrawn, in board order."""
    query = select(Card).where(Card.step_id == step_id, Card.withdrawn_at.is_(None))
    if shown_only:
        query = query.where(Card.hidden_at.is_(None))
    return query.order_by(Card.position, Card.id)


def cards_of(session: DbSession, step_id: int, shown_only: bool = False) -> list[Card]:
    """The step's cards that were not withdrawn, in board order."""
    return list(session.scalars(board_cards(step_id, shown_only)))


def board_order(cards: Iterable[Card], themes: Iterable[Theme]) -> dict[str, list[int]]:
    """Card ids per column: one list per theme and one for the unsorted cards."""
    order: dict[str, list[int]] = {UNSORTED: [], **{str(t.id): [] for t in themes}}
    for card in sorted(cards, key=lambda c: (c.position, c.id)):
        order.setdefault(card.container(), []).append(card.id)
    return order


def card_full(card: Card, senders: Senders) -> dict[str, Any]:
    """A card as facilitators see it: with its sender (if named), group and moderation
    state, and when curated the participant's original and who changed it when."""
    full = {
        **card_public(card),
        "group_id": card.group_id,
        "hidden": card.hidden_at is not None,
        "withdrawn": card.withdrawn_at is not None,
        "participant": senders.of(card.participant_id),
    }
    if card.curated_at is not None:
        full["original"] = card.original_text
        full["split_from"] = card.split_from_id
        full["curated"] = {"by": card.curated_by or "", "at": card.curated_at.isoformat(timespec="minutes")}
    return full


def card_public(card: Card) -> dict[str, Any]:
    """A card as the room sees it on the projector."""
    return {
        "id": card.id,
        "text": card.text,
        "category": card.category,
        "level": card.level,
        "theme_id": card.theme_id,
        "highlight": card.highlighted_at is not None,
    }


def own_card(card: Card) -> dict[str, Any]:
    """What the participant who wrote a card sees of it (see `own_view`): their own words,
    never a facilitator's edit of them."""
    view = own_view(card)
    if card.original_text is not None and view["text"]:
        view["text"] = card.original_text
    return {**view, "category": card.category, "level": card.level, "theme_id": card.theme_id}


def written_by_participant() -> ColumnElement[bool]:
    """The cards a participant wrote (a card a facilitator split off is not one of them)."""
    return Card.split_from_id.is_(None)


def facilitator_board_view(session: DbSession, step: Step) -> dict[str, Any]:
    cards = cards_of(session, step.id)
    themes = themes_of(session, step)
    senders = Senders(session, (c.participant_id for c in cards))
    return {
        "themes": [t.public() for t in themes],
        "order": board_order(cards, themes),
        "cards": [card_full(c, senders) for c in cards],
    }


def projector_board_view(session: DbSession, step: Step) -> dict[str, Any]:
    """The board as the room sees it; in a write-first step's writing phase, its themes and
    only how many cards each table group has written."""
    themes = themes_of(session, step)
    if writing(step):
        return {
            "themes": [t.public() for t in themes],
            "order": board_order([], themes),
            "cards": [],
            "writing": written(session, step),
        }
    cards = cards_of(session, step.id, shown_only=True)
    return {
        "themes": [t.public() for t in themes],
        "order": board_order(cards, themes),
        "cards": [card_public(c) for c in cards],
    }


def written(session: DbSession, step: Step) -> dict[str, Any]:
    """How many cards the step's participants have written, in all and per table group."""
    return written_per_group(session, Card.__table__, step, Card.split_from_id.is_(None))


def participant_cards_view(session: DbSession, step: Step, participant_id: int) -> dict[str, Any]:
    """A participant's own cards, and the themes to post under when the step is built on one."""
    mine = session.scalars(
        select(Card)
        .where(
            Card.step_id == step.id,
            Card.participant_id == participant_id,
            Card.withdrawn_at.is_(None),
            written_by_participant(),
        )
        .order_by(Card.id)
    )
    view: dict[str, Any] = {"mine": [own_card(c) for c in mine]}
    if step.based_on_step_id:
        view["themes"] = [{"id": t.id, "name": t.name} for t in themes_of(session, step)]
    return view


# --- Events -------------------------------------------------------------------------------


def _column_orders(
    session: DbSession, step_id: int, theme_ids: set[int | None]
) -> tuple[dict[str, list[int]], dict[str, list[int]]]:
    """The order of only these columns (None: unsorted), all cards and shown cards; one
    query over those columns, not the whole board, since it runs on every submission."""
    columns = [in_column(theme_id) for theme_id in theme_ids]
    rows = session.execute(
        select(Card.id, Card.theme_id, Card.hidden_at)
        .where(Card.step_id == step_id, Card.withdrawn_at.is_(None), or_(*columns))
        .order_by(Card.position, Card.id)
    )
    order: dict[str, list[int]] = {str(t) if t else UNSORTED: [] for t in theme_ids}
    shown: dict[str, list[int]] = {key: [] for key in order}
    for card_id, theme_id, hidden_at in rows:
        key = str(theme_id) if theme_id else UNSORTED
        order[key].append(card_id)
        if hidden_at is None:
            shown[key].append(card_id)
    return order, shown


def cards_event(session: DbSession, step: Step, changed: Iterable[Card], appended: bool = False) -> Event:
    """`cards_changed`: the changed cards and the order of the columns they are in.

    Facilitators get every card with its moderation state; the projector gets the
    shown cards, the ids of cards it must drop, and columns without hidden cards.
    New cards (`appended`) go last in their columns, so the screens append them and no
    order is sent: the message stays the same size however full the board is.
    """
    changed = list(changed)
    if appended:
        order: dict[str, list[int]] = {}
        shown_order: dict[str, list[int]] = {}
    else:
        order, shown_order = _column_orders(session, step.id, {c.theme_id for c in changed})
    senders = Senders(session, (item.participant_id for item in changed))
    facilitator = {"step_id": step.id, "cards": [card_full(c, senders) for c in changed], "order": order}
    projector: dict[str, Any] = {
        "step_id": step.id,
        "cards": [card_public(c) for c in changed if c.shown],
        "removed": [c.id for c in changed if not c.shown],
        "order": shown_order,
    }
    if writing(step):  # the room sees only how many have written
        projector = {
            "step_id": step.id,
            "cards": [],
            "removed": [],
            "order": {},
            "writing": written(session, step),
        }
    return make_event(
        session, step.workshop_id, "cards_changed", {Role.FACILITATOR: facilitator, Role.PROJECTOR: projector}
    )


def board_event(session: DbSession, step: Step, themes_changed: bool = False) -> Event:
    """`board_changed`: the step's themes and the whole order of its board.

    When themes change, phones get the new list of themes too (a step built on this
    one posts under them).
    """
    themes = themes_of(session, step)
    cards = cards_of(session, step.id)
    theme_list = [t.public() for t in themes]
    payloads: dict[Role, dict[str, Any]] = {
        Role.FACILITATOR: {"step_id": step.id, "themes": theme_list, "order": board_order(cards, themes)},
        Role.PROJECTOR: {
            "step_id": step.id,
            "themes": theme_list,
            "order": board_order([] if writing(step) else [c for c in cards if c.shown], themes),
        },
    }
    if themes_changed:
        payloads[Role.PARTICIPANT] = {
            "step_id": theme_step_id(step),
            "themes": [{"id": t.id, "name": t.name} for t in themes],
        }
    return make_event(session, step.workshop_id, "board_changed", payloads)


# --- What participants do -----------------------------------------------------------------


def _choice(value: object, allowed: Iterable[str], field: str) -> str:
    if not isinstance(value, str) or value not in allowed:
        raise InvalidInput(field=field)
    return value


def _card_fields(session: DbSession, step: Step, payload: dict[str, Any]) -> dict[str, Any]:
    """Category, level and theme of a card, checked against the step's settings."""
    kind = kind_of(step)
    categories = kind.categories(step) or [""]
    category = payload.get("category")
    if category in (None, ""):
        category = kind.default_category(step)  # e.g. the question on the screen
    if category in (None, "") and len(categories) == 1:
        category = categories[0]
    fields: dict[str, Any] = {"category": _choice(category, categories, "category")}
    fields["level"] = None
    if kind.asks_level(step) and payload.get("level") not in (None, ""):
        fields["level"] = valid_level(step.workshop, payload.get("level"))
    fields["theme_id"] = None
    if step.based_on_step_id:
        theme_ids = {t.id for t in themes_of(session, step)}
        theme_id = payload.get("theme_id")
        if theme_id in (None, "", 0):
            if theme_ids:
                raise ThemeRequired()
        elif theme_id not in theme_ids:
            raise InvalidInput(field="theme_id")
        else:
            fields["theme_id"] = theme_id
    return fields


def in_column(theme_id: int | None) -> ColumnElement[bool]:
    """The condition for the cards of one column (a theme, or the unsorted cards)."""
    return Card.theme_id.is_(None) if theme_id is None else Card.theme_id == theme_id


@prebuilt
def _last_positions() -> dict[bool, Select[Any]]:
    """The last position in a column, unsorted or a theme's (built once: it runs on every
    new card; see `models.hot_path`)."""
    cards = Card.__table__
    return {
        unsorted: select(func.max(cards.c.position)).where(
            cards.c.step_id == bindparam("step_id"),
            cards.c.theme_id.is_(None) if unsorted else cards.c.theme_id == bindparam("theme_id"),
        )
        for unsorted in (True, False)
    }


def next_position(session: DbSession, step_id: int, theme_id: int | None) -> int:
    """The position after the last card of a column."""
    params = {"step_id": step_id} if theme_id is None else {"step_id": step_id, "theme_id": theme_id}
    last = run(session, _last_positions()[theme_id is None], params).scalar()
    return (last if last is not None else -1) + 1


def submit_card(session: DbSession, participant: Participant, payload: dict[str, Any]) -> Outcome:
    """A participant posts a card {id, step_id, text, category, level?, theme_id?}; resending
    the same id changes nothing."""

    def write() -> tuple[dict[str, Any], Event]:
        step = open_step_taking(session, participant, payload.get("step_id"), "card")
        text = valid_sentence(payload.get("text"), step_setting(step, "max_length"))
        fields = _card_fields(session, step, payload)
        check_limit(session, Card, participant, step, "max_cards")
        card = add_row(
            session,
            Card,
            workshop_id=step.workshop_id,
            step_id=step.id,
            participant_id=participant.id,
            group_id=participant.group_id,
            text=text,
            position=next_position(session, step.id, fields["theme_id"]),
            seq=upcoming_seq(session, step.workshop_id),
            **fields,
        )
        event = cards_event(session, step, [card], appended=True)
        assert card.seq == event.seq
        return {"ok": True, "card": own_card(card)}, event

    return once(session, participant.id, payload.get("id"), write)


def _own_open_card(
    session: DbSession, participant: Participant, payload: dict[str, Any]
) -> tuple[Card, Step]:
    """The participant's own card {card_id} in an open step; not one a facilitator split off."""
    card, step = own_open_item(session, Card, participant, payload.get("card_id"), "card_id", "card")
    if card.split_from_id is not None:
        raise NotFound()
    return card, step


def edit_card(session: DbSession, participant: Participant, payload: dict[str, Any]) -> Outcome:
    """A participant changes the text (and category, level, theme) of their own card while the
    step is open; where the facilitator has sorted it stays sorted."""

    def write() -> tuple[dict[str, Any], Event]:
        card, step = _own_open_card(session, participant, payload)
        card.text = valid_sentence(payload.get("text"), step_setting(step, "max_length"))
        card.original_text = None  # their new words are the card's (a facilitator may edit again)
        before = {"category": card.category, "level": card.level, "theme_id": card.theme_id}
        fields = _card_fields(session, step, {**before, **payload})
        card.category, card.level = fields["category"], fields["level"]
        if step.based_on_step_id and fields["theme_id"] != card.theme_id:
            card.theme_id = fields["theme_id"]
            card.position = next_position(session, step.id, card.theme_id)
        card.edited_at = utcnow()
        session.flush()
        return {"ok": True, "card": own_card(card)}, cards_event(session, step, [card])

    return once(session, participant.id, payload.get("id"), write)


def withdraw_card(session: DbSession, participant: Participant, payload: dict[str, Any]) -> Outcome:
    """A participant takes back their own card while the step is open (kept, not shown)."""

    def write() -> tuple[dict[str, Any], Event]:
        card, step = _own_open_card(session, participant, payload)
        card.withdrawn_at = utcnow()
        session.flush()
        return {"ok": True, "withdrawn": card.id, "step_id": step.id}, cards_event(session, step, [card])

    return once(session, participant.id, payload.get("id"), write)


def similar_cards(session: DbSession, participant: Participant, step_id: object, text: object) -> list[str]:
    """Up to three shown cards of the step that say something like `text` (while typing)."""
    from analysis.clustering import similar

    step = open_step_taking(session, participant, step_id, "card")
    if not isinstance(text, str) or len(text.strip()) < 3 or writing(step):
        return []
    rows = session.execute(
        select(Card.text).where(
            Card.step_id == step.id,
            Card.withdrawn_at.is_(None),
            Card.hidden_at.is_(None),
            Card.participant_id != participant.id,
        )
    )
    return similar(text[:600], [t for (t,) in rows], limit=3)
