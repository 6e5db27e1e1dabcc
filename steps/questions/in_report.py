"""A Questions step in the report: its shown questions ranked by their upvotes (answered
ones marked), and a raw row per question, hidden and merged-away ones too, with the
writer's own words where a facilitator corrected them."""

from __future__ import annotations

from collections import Counter

from export.report import Report, ReportTrack, TracksStep
from models.session import DbSession
from models.workshops import Step
from readers.workshop_report import ReportRows
from steps.questions.questions import every_question, totals


def add_questions(session: DbSession, step: Step, report: Report, rows: ReportRows) -> None:
    counted = totals(session, step.id)
    every = [q for q in every_question(session, step.id) if q.withdrawn_at is None]
    for question in every:
        rows.add(
            step.title,
            "question",
            question,
            votes=counted.get(question.id, 0) if question.merged_into_id is None else None,
            hidden=not question.shown,
            highlight=question.pinned_at is not None,
            original=question.original_text or "",
        )
    # Ranked by upvotes alone: in the report, answered is a mark, not a place.
    shown = sorted((q for q in every if q.shown), key=lambda q: (-counted.get(q.id, 0), q.id))
    sharing = Counter(counted.get(q.id, 0) for q in shown)
    ranked: list[ReportTrack] = []
    for index, question in enumerate(shown):
        votes = counted.get(question.id, 0)
        rank = ranked[-1].rank if ranked and ranked[-1].dots == votes else index + 1
        ranked.append(
            ReportTrack(
                question.text,
                votes,
                rank,
                sharing[votes] > 1,
                question.id,
                answered=question.answered_at is not None,
            )
        )
    report.tracks.append(TracksStep(step.title, step.prompt, ranked, kind="question"))
