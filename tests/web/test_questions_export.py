"""A Questions step in every export, as the organizer downloads it: the deck and the
printable report rank the shown questions by their votes (answered ones marked), the
raw data lists every question with the writer's words beside a correction, the archive
carries questions and upvotes across, and the results page marks a participant's own."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import json

from flask import Flask
from flask.testing import FlaskClient
from openpyxl import load_workbook
from pptx import Presentation

from content.archive import export_archive, import_archive
from models import agenda
from models.accounts import Facilitator
from models.clock import utcnow
from models.participants import Participant, join_workshop
from models.workshops import Workshop
from readers.workshop_report import workshop_report
from steps.questions import moderation
from steps.questions.questions import ask_question, questions_of, upvote
from tests.conftest import AuthActions, add_step, join
from webapp.extensions import db

ids = (f"qexport-{n:06d}" for n in itertools.count())


def ask(phone: Participant, step_id: int, text: str) -> int:
    ack = ask_question(db.session, phone, {"id": next(ids), "step_id": step_id, "text": text}).ack
    return ack["question"]["id"]  # type: ignore[no-any-return]


def up(phone: Participant, step_id: int, question_id: int) -> None:
    payload = {"id": next(ids), "step_id": step_id, "question_id": question_id, "on": True, "n": 1}
    upvote(db.session, phone, payload)


def fill_questions(workshop: Workshop, kim: Participant | None = None) -> int:
    """A Questions step: three shown (one answered, one corrected), one hidden, one merged."""
    step = add_step(workshop, "questions", "Frågor till panelen")
    agenda.open_step(db.session, step, exclusive=False)
    kim = kim or join_workshop(db.session, workshop, "Kim")
    others = [join_workshop(db.session, workshop) for _ in range(3)]
    vem = ask(kim, step.id, "Vem samordnar?")
    tid = ask(others[0], step.id, "Hur får vi tid?")
    twin = ask(others[1], step.id, "Vem har samordningsansvaret?")
    rude = ask(others[2], step.id, "Olämpligt")
    pengar = ask(others[2], step.id, "Vem betalar?")
    for voter in others:
        up(voter, step.id, vem)
    up(kim, step.id, tid)
    up(others[0], step.id, twin)
    moderation.merge(db.session, step, twin, vem)
    moderation.set_flag(db.session, step, rude, "hidden", True)
    moderation.set_flag(db.session, step, tid, "answered", True)
    moderation.edit(db.session, step, pengar, "Vem betalar för hjälpmedlen?")
    return step.id


def test_questions_in_the_deck_the_report_and_the_data(
    app: Flask, client: FlaskClient, auth: AuthActions, workshop: Workshop, facilitator: Facilitator
) -> None:
    fill_questions(workshop)
    [ranking] = [step for step in workshop_report(db.session, workshop.id).tracks if step.kind == "question"]
    assert [(q.text, q.dots, q.rank, q.answered) for q in ranking.tracks] == [
        ("Vem samordnar?", 3, 1, False),  # an upvote on it and on its merged twin counts once
        ("Hur får vi tid?", 1, 2, True),
        ("Vem betalar för hjälpmedlen?", 0, 3, False),
    ]
    auth.login()
    app.config["WTF_CSRF_ENABLED"] = False
    deck = client.post(f"/f/workshops/{workshop.id}/export", data={"sections": ["title", "tracks"]})
    assert deck.status_code == 200
    slides = Presentation(io.BytesIO(deck.data)).slides
    assert "Frågor från deltagarna" in [s.shapes.title.text for s in slides]
    texts = " ".join(shape.text_frame.text for s in slides for shape in s.shapes if shape.has_text_frame)
    table_cells = " ".join(
        cell.text
        for s in slides
        for shape in s.shapes
        if shape.has_table
        for row in shape.table.rows
        for cell in row.cells
    )
    assert "Hur får vi tid? (besvarad)" in table_cells and "Olämpligt" not in texts + table_cells
    page = client.get(f"/f/workshops/{workshop.id}/report")
    assert page.status_code == 200 and "Frågor från deltagarna" in page.text and "Olämpligt" not in page.text
    sheet = load_workbook(io.BytesIO(client.get(f"/f/workshops/{workshop.id}/export/data.xlsx").data)).active
    header = [c.value for c in sheet[1]]
    questions = [
        dict(zip(header, [c.value for c in row], strict=False))
        for row in sheet.iter_rows(min_row=2)
        if row[1].value == "fråga"
    ]
    assert len(questions) == 5  # hidden and merged ones too: the raw data holds everything
    [corrected] = [q for q in questions if q["Text"] == "Vem betalar för hjälpmedlen?"]
    assert corrected["Deltagarens original"] == "Vem betalar?"
    assert {q["Text"]: q["Dold"] for q in questions}["Olämpligt"] == "ja"
    compilation = client.get(f"/f/workshops/{workshop.id}/export/compilation.pptx")
    assert compilation.status_code == 200
    quoted = " ".join(
        shape.text_frame.text
        for slide in Presentation(io.BytesIO(compilation.data)).slides
        for shape in slide.shapes
        if shape.has_text_frame
    )
    assert "Frågor från deltagarna" in quoted and "Vem betalar för hjälpmedlen?" in quoted
    assert "Olämpligt" not in quoted


def test_questions_and_upvotes_travel_with_the_archive(workshop: Workshop, facilitator: Facilitator) -> None:
    step_id = fill_questions(workshop)
    before = export_archive(db.session, workshop)
    tables = json.loads(before)["tables"]
    assert len(tables["questions"]) == 5 and len(tables["upvotes"]) == 4
    copy = import_archive(db.session, before, facilitator).workshop
    original, imported = workshop_report(db.session, workshop.id), workshop_report(db.session, copy.id)
    assert imported.tracks == original.tracks and imported.rows == original.rows
    copied = next(s for s in copy.steps if s.kind == "questions")
    assert [q.text for q in questions_of(db.session, copied.id)] == [
        q.text for q in questions_of(db.session, step_id)
    ]


def test_the_results_page_marks_ones_own_question(
    app: Flask, client: FlaskClient, auth: AuthActions, workshop: Workshop
) -> None:
    join(client, workshop, "Kim")
    kim = db.session.query(Participant).filter_by(workshop_id=workshop.id, display_name="Kim").one()
    fill_questions(workshop, kim)
    other = app.test_client()
    auth.login()
    app.config["WTF_CSRF_ENABLED"] = False
    published = client.post(
        f"/f/workshops/{workshop.id}/results",
        data={
            "publish": "y",
            "results_until": (utcnow().date() + dt.timedelta(days=14)).isoformat(),
            "parts": ["tracks"],
            "summary": "",
        },
    )
    assert published.status_code == 302
    page = client.get(f"/j/{workshop.join_code}/resultat")
    assert page.status_code == 200 and "Vem samordnar?" in page.text and "(besvarad)" in page.text
    assert page.text.count("(ditt)") == 1
    assert "Olämpligt" not in page.text
    assert other.get(f"/j/{workshop.join_code}/resultat").text.count("(ditt)") == 0
