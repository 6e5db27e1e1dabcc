"""A Tracks step in the report: its shown tracks ranked by their dots, and a raw row per
track."""

from __future__ import annotations

from export.report import Report, ReportTrack, TracksStep
from models.session import DbSession
from models.workshops import Step
from readers.workshop_report import ReportRows
from steps.tracks.tracks import Track, ranked, totals, tracks_of


def add_tracks(session: DbSession, step: Step, report: Report, rows: ReportRows) -> None:
    report.tracks.append(_tracks(session, step, rows))


def _tracks(session: DbSession, step: Step, rows: ReportRows) -> TracksStep:
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
    shown: list[Track] = [t for t in every if t.hidden_at is None]
    return TracksStep(
        step.title,
        step.prompt,
        [ReportTrack(r["text"], r["total"], r["rank"], r["tied"], r["id"]) for r in ranked(shown, counted)],
    )
