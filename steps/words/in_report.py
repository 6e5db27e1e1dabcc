"""A Words step in the report: its shown words with their counts, its cloud, and a raw
row per word sent."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from analysis import words as word_analysis
from export.report import Report, ReportWord, WordsStep
from models.session import DbSession
from models.workshops import Step
from readers.workshop_report import ReportRows
from steps.words.clouds import stored_cloud, words_hash
from steps.words.words import decisions_state, entries_of, word_groups


def add_words(session: DbSession, step: Step, report: Report, rows: ReportRows) -> Callable[[], None]:
    """Read the step now; its cloud is drawn by what returns, after the reading."""
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
    part = WordsStep(step.title, step.prompt, [ReportWord(g.display, g.count) for g in shown])
    cloud = _cloud_input(session, step, shown)
    return lambda: report.words.append(replace(part, cloud_png=cloud_png(*cloud)))


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
