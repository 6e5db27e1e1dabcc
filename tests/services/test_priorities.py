"""Prioritisation with points: the budget (also under parallel allocations), moving
points, resends and late copies, totals per table group, an option removed from the list,
taking one's points back, and the step's place in the report and the archive."""

from __future__ import annotations

import io
import itertools
import json
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from openpyxl import load_workbook
from pptx import Presentation

from content.archive import export_archive, import_archive
from models import agenda
from models.accounts import Facilitator
from models.contributions import contributions, delete_contribution
from models.errors import DomainError
from models.events import Role
from models.groups import add_groups
from models.participants import Participant, join_workshop
from models.workshops import Step, Workshop
from readers.snapshots import snapshot
from readers.workshop_report import workshop_report
from steps.priorities.priorities import Allocation, allocate, options_of, results
from steps.tracks import curation
from steps.tracks.tracks import propose_track, tracks_of
from tests.conftest import AuthActions, add_step
from webapp.extensions import db

ids = (f"points-{n:05d}" for n in itertools.count())
numbers = itertools.count(1)
OPTIONS = ["Gemensam journal", "Samordnad vårdplanering", "Mobila team"]


@pytest.fixture
def step(workshop: Workshop) -> Step:
    step = add_step(workshop, "priorities", "Vad först?")
    agenda.set_step_settings(db.session, step, options=OPTIONS)
    db.session.commit()
    agenda.open_step(db.session, step)
    return step


def give(phone: Participant, step: Step, option: str, points: int, n: int | None = None) -> dict[str, Any]:
    payload = {
        "id": next(ids),
        "step_id": step.id,
        "option": option,
        "points": points,
        "n": n or next(numbers),
    }
    return allocate(db.session, phone, payload).ack


def test_points_are_spread_within_the_budget_and_counted_per_group(step: Step, workshop: Workshop) -> None:
    bord1, bord2 = add_groups(db.session, workshop, "Bord 1\nBord 2")
    workshop.stakeholder_types = "Kommun\nRegion"
    kim = join_workshop(db.session, workshop, "Kim", group_id=bord1.id, stakeholder_type="Region")
    ali = join_workshop(db.session, workshop, "", group_id=bord2.id)
    assert give(kim, step, OPTIONS[0], 60) == {
        "ok": True,
        "step_id": step.id,
        "votes": {OPTIONS[0]: 60},
        "left": 40,
    }
    give(kim, step, OPTIONS[1], 40)
    with pytest.raises(DomainError) as error:
        give(kim, step, OPTIONS[2], 1)
    assert error.value.code == "points_exceeded" and error.value.params == {"limit": 100}
    give(kim, step, OPTIONS[0], 30)  # moved: 30 back in the budget
    give(kim, step, OPTIONS[2], 30)
    give(ali, step, OPTIONS[2], 100)
    found = results(db.session, step)
    assert [(o["option"], o["points"], o["rank"], o["by_group"]) for o in found["options"]] == [
        (OPTIONS[2], 130, 1, [30, 100]),
        (OPTIONS[1], 40, 2, [40, 0]),
        (OPTIONS[0], 30, 3, [30, 0]),
    ]
    assert found["groups"] == ["Bord 1", "Bord 2"] and found["voters"] == 2
    assert found["types"] == ["Kommun", "Region", ""]  # "": those who gave no type
    assert [o["by_type"] for o in found["options"]] == [[0, 30, 100], [0, 40, 0], [0, 30, 0]]
    [ranking] = [s for s in workshop_report(db.session, workshop.id).tracks if s.kind == "priority"]
    by_group, by_type = ranking.comparisons
    assert by_group.title == "Vad först?: per bordsgrupp" and by_group.columns == ["Bord 1", "Bord 2"]
    assert by_group.rows[0] == (OPTIONS[2], ["30", "100"])
    assert by_type.columns == ["Kommun", "Region", "Ingen typ angiven"]
    for bad in ({"option": "Något annat", "points": 1}, {"option": OPTIONS[0], "points": -5}):
        with pytest.raises(DomainError):
            allocate(db.session, kim, {"id": next(ids), "step_id": step.id, "n": next(numbers), **bad})


def test_a_resend_or_a_late_copy_changes_nothing(step: Step, workshop: Workshop) -> None:
    kim = join_workshop(db.session, workshop, "Kim")
    payload = {"id": "points-resent-01", "step_id": step.id, "option": OPTIONS[0], "points": 50, "n": 10}
    first = allocate(db.session, kim, payload)
    again = allocate(db.session, kim, payload)
    assert again.ack == first.ack and again.ranking_step is None and first.ranking_step == step.id
    assert give(kim, step, OPTIONS[0], 20, n=9)["votes"] == {OPTIONS[0]: 50}  # older than the one applied
    assert results(db.session, step)["options"][0]["points"] == 50


def test_parallel_allocations_never_exceed_the_budget(app: Flask, step: Step, workshop: Workshop) -> None:
    """Six allocations of 40 points each on three options, at once: at most two fit."""
    phone_id, step_id = join_workshop(db.session, workshop, "Kim").id, step.id
    db.session.remove()

    def one(option: str) -> str:
        with app.app_context():
            try:
                participant = db.session.get(Participant, phone_id)
                found = db.session.get(Step, step_id)
                give(participant, found, option, 40)  # type: ignore[arg-type]
                return "ok"
            except DomainError as error:
                return error.code
            finally:
                db.session.remove()

    with ThreadPoolExecutor(max_workers=6) as pool:
        outcomes = list(pool.map(one, OPTIONS * 2))
    with app.app_context():
        stored = db.session.query(Allocation).filter(Allocation.participant_id == phone_id).all()
        assert sum(a.points for a in stored) <= 100 and outcomes.count("ok") >= 2


def test_an_option_removed_counts_nowhere_and_points_can_be_taken_back(
    step: Step, workshop: Workshop
) -> None:
    kim = join_workshop(db.session, workshop, "Kim")
    give(kim, step, OPTIONS[0], 70)
    give(kim, step, OPTIONS[1], 30)
    agenda.set_step_settings(db.session, step, options=OPTIONS[1:])
    db.session.commit()
    assert [o["option"] for o in results(db.session, step)["options"]] == OPTIONS[1:]
    assert give(kim, step, OPTIONS[2], 70)["left"] == 0  # the removed option's points are free
    delete_contribution(db.session, kim, "points", step.id)
    assert results(db.session, step)["voters"] == 0


def test_priorities_in_the_report_and_the_archive(
    step: Step, workshop: Workshop, facilitator: Facilitator
) -> None:
    kim, ali = join_workshop(db.session, workshop, "Kim"), join_workshop(db.session, workshop, "")
    give(kim, step, OPTIONS[1], 80)
    give(ali, step, OPTIONS[1], 20)
    give(ali, step, OPTIONS[0], 80)
    report = workshop_report(db.session, workshop.id)
    [ranking] = [s for s in report.tracks if s.kind == "priority"]
    assert [(t.text, t.dots, t.rank, t.tied) for t in ranking.tracks] == [
        (OPTIONS[1], 100, 1, False),
        (OPTIONS[0], 80, 2, False),
        (OPTIONS[2], 0, 3, False),
    ]
    rows = [r for r in report.rows if r.kind == "priority"]
    assert sorted((r.text, r.votes, r.name) for r in rows) == [
        (OPTIONS[0], 80, ""),
        (OPTIONS[1], 20, ""),
        (OPTIONS[1], 80, "Kim"),
    ]
    archive = export_archive(db.session, workshop)
    assert len(json.loads(archive)["tables"]["allocations"]) == 3
    copy = import_archive(db.session, archive, facilitator).workshop
    assert workshop_report(db.session, copy.id).tracks == report.tracks


def test_options_placed_on_two_scales_in_every_export(
    app: Flask, client: FlaskClient, auth: AuthActions, step: Step, workshop: Workshop
) -> None:
    agenda.set_step_settings(db.session, step, matrix=True, x_label="Nytta för patienten")
    db.session.commit()
    bord1, bord2 = add_groups(db.session, workshop, "Bord 1\nBord 2")
    kim = join_workshop(db.session, workshop, "Kim", group_id=bord1.id)
    ali = join_workshop(db.session, workshop, "", group_id=bord2.id)

    def place(phone: Participant, option: str, x: object, y: object) -> dict[str, Any]:
        payload = {"id": next(ids), "step_id": step.id, "option": option, "x": x, "y": y, "n": next(numbers)}
        return allocate(db.session, phone, payload).ack

    assert place(kim, OPTIONS[0], 5, 2)["votes"] == {OPTIONS[0]: [5, 2]}
    place(ali, OPTIONS[0], 4, 3)
    place(ali, OPTIONS[1], 2, None)  # half placed: not counted until both are
    for bad in (0, 6, True, "3"):
        with pytest.raises(DomainError):
            place(kim, OPTIONS[1], bad, 3)
    found = results(db.session, step)
    assert found["matrix"] and found["axes"] == ["Nytta för patienten", "Insats"]
    first = found["options"][0]
    assert (first["x"], first["y"], first["people"]) == (4.5, 2.5, 2)
    assert (first["sx"], first["sy"]) == (0.5, 0.5)  # the spread around the mean place
    assert [(g["x"], g["y"], g["people"]) for g in first["by_group"]] == [(5.0, 2.0, 1), (4.0, 3.0, 1)]
    unplaced = found["options"][1]
    assert (unplaced["x"], unplaced["people"]) == (None, 0) and found["types"] == []
    report = workshop_report(db.session, workshop.id)
    [matrix] = report.matrices
    first_item = matrix.items[0]
    assert (first_item.text, first_item.x, first_item.y, first_item.people) == (OPTIONS[0], 4.5, 2.5, 2)
    assert sorted(r.placement for r in report.rows if r.kind == "priority") == ["4 · 3", "5 · 2"]
    workshop_id, kim_id, step_id = workshop.id, kim.id, step.id
    auth.login()
    app.config["WTF_CSRF_ENABLED"] = False
    deck = client.post(f"/f/workshops/{workshop_id}/export", data={"sections": ["title", "tracks"]})
    assert deck.status_code == 200
    slides = Presentation(io.BytesIO(deck.data)).slides
    [chart_slide] = [
        s
        for s in slides
        if s.shapes.title is not None and s.shapes.title.text == "Alternativen på två skalor"
    ]
    assert any(shape.has_chart for shape in chart_slide.shapes)
    titles = [s.shapes.title.text for s in slides if s.shapes.title is not None]
    assert "Vad först?: per bordsgrupp" in titles  # the groups' mean places side by side
    page = client.get(f"/f/workshops/{workshop_id}/report")
    assert "Nytta för patienten" in page.text and "4.5" in page.text
    sheet = load_workbook(io.BytesIO(client.get(f"/f/workshops/{workshop_id}/export/data.xlsx").data)).active
    header = [c.value for c in sheet[1]]
    placed = [
        row[header.index("Placering")].value for row in sheet.iter_rows(min_row=2) if row[1].value == "poäng"
    ]
    assert sorted(placed) == ["4 · 3", "5 · 2"]

    # Places are one's own input too: listed on "Mina bidrag" and taken back with it.
    kim = db.session.get(Participant, kim_id)
    [listed] = [
        i for group in contributions(db.session, kim) for i in group["items"] if i["kind"] == "points"
    ]
    assert str(listed["text"]) == "Din placering av 1 alternativ"
    delete_contribution(db.session, kim, "points", step_id)
    assert results(db.session, db.session.get(Step, step_id))["options"][0]["people"] == 1


def test_options_are_taken_from_an_earlier_steps_tracks(
    client: FlaskClient, auth: AuthActions, step: Step, workshop: Workshop
) -> None:
    tracks_step = workshop.steps[3]
    agenda.open_step(db.session, tracks_step, exclusive=False)
    kim = join_workshop(db.session, workshop, "Kim")
    for text in ("Hur skapas tillit?", "En väg in", "Dolt spår"):
        propose_track(db.session, kim, {"id": next(ids), "step_id": tracks_step.id, "text": text})
    hidden = next(t for t in tracks_of(db.session, tracks_step.id) if t.text == "Dolt spår")
    curation.set_track_flag(db.session, tracks_step, hidden.id, "hidden", True)
    agenda.update_step(db.session, step, step.title, "", {"options": ["Eget alternativ"]}, tracks_step.id)
    db.session.commit()
    assert options_of(db.session, step) == ["Hur skapas tillit?", "En väg in", "Eget alternativ"]
    give(kim, step, "En väg in", 60)
    assert results(db.session, step)["options"][0]["option"] == "En väg in"
    own = snapshot(db.session, workshop.id, Role.PARTICIPANT, kim)["open_steps"]
    assert [s["options"] for s in own if s["id"] == step.id] == [
        ["Hur skapas tillit?", "En väg in", "Eget alternativ"]
    ]

    step_id, workshop_id, tracks_title = step.id, workshop.id, tracks_step.title
    auth.login()
    page = client.get(f"/f/workshops/{workshop_id}/steps/{step_id}")
    assert "Ta alternativen från" in page.text and tracks_title in page.text


def test_a_series_compares_the_priorities_meeting_by_meeting(facilitator: Facilitator) -> None:
    """Breakout, then plenary: two meetings prioritise the same options; the synthesis puts
    each option's points side by side, in the deck, the document and the workbook."""
    from content.demo import load_demo_series
    from export.deck import write_series_deck
    from export.report_html import render_series_html
    from export.tables import write_series_xlsx
    from models.series import create_series
    from readers.series_report import series_report

    demo = load_demo_series(db.session, facilitator)
    meetings = list(demo.workshops)[:2]
    for meeting, (first, second) in zip(meetings, ((70, 30), (20, 80)), strict=True):
        step = add_step(meeting, "priorities", "Vad först?")
        agenda.set_step_settings(db.session, step, options=OPTIONS[:2])
        db.session.commit()
        agenda.open_step(db.session, step)
        phone = join_workshop(db.session, meeting, "")
        give(phone, step, OPTIONS[0], first)
        give(phone, step, OPTIONS[1], second)
    series = create_series(db.session, facilitator.id, "Två möten", [m.id for m in meetings])
    report = series_report(db.session, series)
    assert report.priorities == [(OPTIONS[1], [30, 80]), (OPTIONS[0], [70, 20])]
    deck = Presentation(io.BytesIO(write_series_deck(report)))
    titles = [s.shapes.title.text for s in deck.slides if s.shapes.title is not None]
    assert "Prioriteringarna möte för möte" in titles
    assert "Prioriteringarna möte för möte" in render_series_html(report, "report.css")
    book = load_workbook(io.BytesIO(write_series_xlsx(report)))
    assert [c.value for c in book["Prioriteringar per möte"][2]] == [OPTIONS[1], 30, 80, 110]

    # The same two meetings place the options on two scales too: their places side by side.
    for meeting, place in zip(meetings, ((5, 2), (3, 4)), strict=True):
        step = add_step(meeting, "priorities", "Nytta och insats")
        agenda.set_step_settings(db.session, step, options=OPTIONS[:2], matrix=True)
        db.session.commit()
        agenda.open_step(db.session, step)
        phone = join_workshop(db.session, meeting, "")
        payload = {"id": next(ids), "step_id": step.id, "option": OPTIONS[0], "n": 1}
        allocate(db.session, phone, {**payload, "x": place[0], "y": place[1]})
    report = series_report(db.session, series)
    assert report.placements == [(OPTIONS[0], ["5.0 · 2.0", "3.0 · 4.0"])]
    assert "Placeringarna möte för möte (Nytta · Insats)" in render_series_html(report, "report.css")
    deck = Presentation(io.BytesIO(write_series_deck(report)))
    assert "Placeringarna möte för möte (Nytta · Insats)" in [
        s.shapes.title.text for s in deck.slides if s.shapes.title is not None
    ]
    book = load_workbook(io.BytesIO(write_series_xlsx(report)))
    assert [c.value for c in book["Placeringar per möte"][2]] == [OPTIONS[0], "5.0 · 2.0", "3.0 · 4.0"]
