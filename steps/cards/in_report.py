"""A step's cards in the report (a Cards step, or a discussion's answers): its themes with
their shown cards, and a raw row per card sent."""

from __future__ import annotations

from sqlalchemy import select

from export.report import BoardStep, Report, ReportCard, ReportTheme
from models.levels import levels_of, ordered_levels
from models.session import DbSession
from models.workshops import Step
from readers.workshop_report import ReportRows
from steps.cards.cards import Card, Theme, cards_of, themes_of
from steps.registry import kind_of


def add_board(session: DbSession, step: Step, report: Report, rows: ReportRows) -> None:
    board = _board(session, step, rows)
    if board.themes or board.unsorted:
        report.boards.append(board)


def _board(session: DbSession, step: Step, rows: ReportRows) -> BoardStep:
    themes = themes_of(session, step)
    names = {t.id: t for t in themes}
    every = session.scalars(
        select(Card).where(Card.step_id == step.id, Card.withdrawn_at.is_(None)).order_by(Card.id)
    )
    for card in every:
        theme = names.get(card.theme_id) if card.theme_id else None
        rows.add(
            step.title,
            "card",
            card,
            category=card.category,
            theme=theme.name if theme else "",
            parent_theme=(_parent_name(theme, names) or "") if theme else "",
            level=card.level or "",
            hidden=card.hidden_at is not None,
            highlight=card.highlighted_at is not None,
            original=card.original_text or "",
            curated=f"{card.curated_by}, {card.curated_at:%Y-%m-%d %H:%M}" if card.curated_at else "",
        )
    shown = cards_of(session, step.id, shown_only=True)
    by_theme: dict[int | None, list[Card]] = {}
    for card in shown:
        by_theme.setdefault(card.theme_id, []).append(card)
    return BoardStep(
        step.title,
        step.prompt,
        kind_of(step).categories(step),
        [
            ReportTheme(t.name, [_card(c, rows) for c in by_theme[t.id]], _parent_name(t, names))
            for t in themes
            if by_theme.get(t.id)
        ],
        [_card(c, rows) for c in by_theme.get(None, [])],
        side_by_side=step.based_on_step_id is not None,
        levels=ordered_levels(levels_of(step.workshop), (c.level for c in shown)),
    )


def _parent_name(theme: Theme, names: dict[int, Theme]) -> str | None:
    """The themes above a theme, outermost first (joined by an en dash)."""
    path: list[str] = []
    parent = names.get(theme.parent_id) if theme.parent_id else None
    while parent is not None and len(path) < 3:
        path.insert(0, parent.name)
        parent = names.get(parent.parent_id) if parent.parent_id else None
    return " – ".join(path) or None


def _card(card: Card, rows: ReportRows) -> ReportCard:
    kind = rows.types.get(card.participant_id) if card.participant_id else None
    return ReportCard(card.text, card.category, card.level, card.highlighted_at is not None, kind, card.id)
