"""A workshop as the exports see it: `export.report.Report`, read from the store in one
consistent snapshot. Hidden and withdrawn input stays out of the deck; the raw rows
list everything with its flags. Names appear only for participants who agreed to be
on the participant list."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from sqlalchemy import select

from analysis import words as word_analysis
from export.report import BoardStep, Card, Person, Report, Row, Theme, Track, TracksStep, Word, WordsStep
from models.cards import Card as CardModel
from models.cards import Theme as ThemeModel
from models.cards import cards_of, themes_of
from models.clouds import stored_cloud, words_hash
from models.groups import groups_of
from models.highlights import highlights_of
from models.notes import Note, note_categories
from models.participants import Participant, participant_list
from models.session import DbSession
from models.snapshots import begin_consistent_read
from models.steps import card_categories, takes_cards
from models.tracks import Track as TrackModel
from models.tracks import ranked, totals, tracks_of
from models.words import decisions_state, entries_of, word_groups
from models.workshops import Step, Workshop


def workshop_report(
    session: DbSession, workshop_id: int, labels: dict[str, str] | None = None, date_format: str = "%Y-%m-%d"
) -> Report:
    begin_consistent_read(session)
    workshop = session.get(Workshop, workshop_id, populate_existing=True)
    assert workshop is not None
    listed, anonymous = participant_list(session, workshop.id)
    names = {p.id: p.display_name for p in listed}
    groups = {g.id: g.name for g in groups_of(session, workshop.id)}
    on_behalf = set(
        session.scalars(
            select(Participant.id).where(
                Participant.workshop_id == workshop.id, Participant.on_behalf.is_(True)
            )
        )
    )
    rows = _Rows(names, groups, on_behalf)
    report = Report(
        title=workshop.title,
        date=workshop.date.strftime(date_format) if workshop.date else "",
        place=workshop.place,
        organizer=workshop.organizer,
        highlights=[h["text"] for h in highlights_of(session, workshop)],
        notes=_notes(session, workshop, rows),
        participants=[Person(p.display_name, p.role_title, p.organisation) for p in listed],
        anonymous_participants=anonymous,
    )
    if labels:
        report.labels.update(labels)
    clouds: list[tuple[WordsStep, tuple[list[Any], bool]]] = []
    for step in workshop.steps:
        if step.kind == "words":
            clouds.append(_words(session, step, rows))
        elif takes_cards(step):
            board = _board(session, step, rows)
            if board.themes or board.unsorted:
                report.boards.append(board)
        elif step.kind == "tracks":
            report.tracks.append(_tracks(session, step, rows))
    report.rows.extend(rows.rows)
    # Everything is read: the connection goes back to the pool before the clouds are
    # drawn, which takes longer than all the reading.
    session.rollback()
    report.words.extend(replace(step, cloud_png=cloud_png(*cloud)) for step, cloud in clouds)
    return report


class _Rows:
    """The raw data, one row per input, collected while the report is read."""

    def __init__(self, names: dict[int, str], groups: dict[int, str], on_behalf: set[int]) -> None:
        self.names, self.groups, self.on_behalf = names, groups, on_behalf
        self.rows: list[Row] = []

    def add(self, step: str, kind: str, item: Any, **fields: Any) -> None:
        participant_id = getattr(item, "participant_id", None)
        group_id = getattr(item, "group_id", None)
        self.rows.append(
            Row(
                step=step,
                kind=kind,
                text=item.text,
                group=self.groups.get(group_id, "") if group_id else "",
                on_behalf=participant_id in self.on_behalf,
                name=self.names.get(participant_id, "") if participant_id else "",
                time=_iso(item.created_at),
                **fields,
            )
        )


def _iso(moment: dt.datetime) -> str:
    return moment.replace(tzinfo=dt.UTC).isoformat(timespec="seconds")


def _notes(session: DbSession, workshop: Workshop, rows: _Rows) -> list[tuple[str, list[str]]]:
    notes = list(
        session.scalars(
            select(Note).where(Note.workshop_id == workshop.id, Note.deleted_at.is_(None)).order_by(Note.id)
        )
    )
    categories = note_categories(workshop)
    extra = [n.category for n in notes if n.category not in categories]
    for note in notes:
        rows.add("", "note", note, category=note.category)
    return [(c, [n.text for n in notes if n.category == c]) for c in dict.fromkeys([*categories, *extra])]


def _words(session: DbSession, step: Step, rows: _Rows) -> tuple[WordsStep, tuple[list[Any], bool]]:
    groups = word_groups(session, step.id)
    shown = [g for g in groups if not g.hidden]
    decisions = decisions_state(session, step.id)
    group_of = {member: g for g in groups for member in g.members}
    for word in entries_of(session, step.id):
        group = group_of.get(decisions.resolve(word.key))
        held = word.held_reason is not None and word.id not in decisions.approved
        rows.add(
            step.title,
            "word",
            word,
            hidden=held or bool(group and group.hidden),
            highlight=bool(group and group.highlight),
        )
    return WordsStep(step.title, step.prompt, [Word(g.display, g.count) for g in shown]), _cloud_input(
        session, step, shown
    )


def _cloud_input(session: DbSession, step: Step, shown: list[word_analysis.Group]) -> tuple[list[Any], bool]:
    """What the cloud is drawn from: the layout the projector showed, when it is up to
    date; else the words, to be laid out afresh."""
    stored = stored_cloud(session, step.id) if shown else None
    if stored is not None and stored.words_hash == words_hash(shown):
        return list(stored.layout), True
    return [(g.key, g.display, g.count) for g in shown], False


def cloud_png(words: list[Any], laid_out: bool = False) -> bytes | None:
    """A cloud picture of (key, text, count) words, or of a stored layout."""
    # Drawing needs wordcloud and matplotlib, which the server otherwise leaves to its
    # cloud worker process: loaded only when an export draws a cloud.
    from analysis import cloud as cloud_layout

    if not words:
        return None
    if laid_out:
        placements = [cloud_layout.Placement.from_json(p) for p in words]
    else:
        placements = cloud_layout.layout(words)
    return cloud_layout.to_png(placements)


def _board(session: DbSession, step: Step, rows: _Rows) -> BoardStep:
    themes = themes_of(session, step)
    names = {t.id: t for t in themes}
    every = session.scalars(
        select(CardModel)
        .where(CardModel.step_id == step.id, CardModel.withdrawn_at.is_(None))
        .order_by(CardModel.id)
    )
    for card in every:
        theme = names.get(card.theme_id) if card.theme_id else None
        parent = names.get(theme.parent_id) if theme and theme.parent_id else None
        rows.add(
            step.title,
            "card",
            card,
            category=card.category,
            theme=theme.name if theme else "",
            parent_theme=parent.name if parent else "",
            level=card.level or "",
            hidden=card.hidden_at is not None,
            highlight=card.highlighted_at is not None,
        )
    shown = cards_of(session, step.id, shown_only=True)
    by_theme: dict[int | None, list[CardModel]] = {}
    for card in shown:
        by_theme.setdefault(card.theme_id, []).append(card)
    return BoardStep(
        step.title,
        step.prompt,
        card_categories(step),
        [
            Theme(t.name, [_card(c) for c in by_theme[t.id]], _parent_name(t, names))
            for t in themes
            if by_theme.get(t.id)
        ],
        [_card(c) for c in by_theme.get(None, [])],
        side_by_side=step.based_on_step_id is not None,
    )


def _parent_name(theme: ThemeModel, names: dict[int, ThemeModel]) -> str | None:
    parent = names.get(theme.parent_id) if theme.parent_id else None
    return parent.name if parent else None


def _card(card: CardModel) -> Card:
    return Card(card.text, card.category, card.level, card.highlighted_at is not None)


def _tracks(session: DbSession, step: Step, rows: _Rows) -> TracksStep:
    counted = totals(session, step.id)
    every = tracks_of(session, step.id)
    for track in every:
        rows.add(
            step.title,
            "track",
            track,
            votes=counted.get(track.id, 0),
            hidden=track.hidden_at is not None,
            highlight=track.highlighted_at is not None,
        )
    shown: list[TrackModel] = [t for t in every if t.hidden_at is None]
    return TracksStep(
        step.title,
        step.prompt,
        [Track(r["text"], r["total"], r["rank"], r["tied"]) for r in ranked(shown, counted)],
    )
