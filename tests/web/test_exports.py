"""Exports of a workshop from its stored input: the report data, the deck, CSV and XLSX
downloads, and who may take them."""

from __future__ import annotations

import csv
import io
import itertools
import time

from flask import Flask, g
from flask.testing import FlaskClient
from flask_babel import refresh
from openpyxl import load_workbook
from pptx import Presentation
from sqlalchemy import select

from models import agenda, notes
from models.accounts import Facilitator, create_facilitator
from models.groups import add_groups
from models.participants import group_proxy, join_workshop
from models.workshops import Workshop
from readers.workshop_report import workshop_report
from steps.cards import board
from steps.cards.cards import Card, submit_card
from steps.tracks import tracks
from steps.words import review as word_review
from steps.words.words import submit_word
from tests.conftest import AuthActions, join
from webapp.extensions import db

ids = (f"export-{n:06d}" for n in itertools.count())
FORMULA = '=HYPERLINK("http://x","klicka")'


def fill(workshop: Workshop, facilitator: Facilitator) -> None:
    """A small version of seed 002's day, entered through the domain operations."""
    [bord1] = add_groups(db.session, workshop, "Bord 1")
    words, prerequisites, _, track_step, _ = workshop.steps
    for step in (words, prerequisites, track_step):
        agenda.open_step(db.session, step, exclusive=False)
    kim = join_workshop(db.session, workshop, "Kim Andersson", bord1.id, "Enhetschef", "Malmö stad")
    anonymous = [join_workshop(db.session, workshop) for _ in range(3)]
    for phone, text in zip([kim, *anonymous], ["Tillit", "tillit", "Öppenhet", "<b>Dialog</b>"], strict=True):
        submit_word(db.session, phone, words.id, next(ids), text)
    word_review.decide(db.session, words, facilitator.id, "highlight", {"key": "tillit"})
    mal = board.create_theme(db.session, prerequisites, "Gemensamma mål").reply["theme_id"]
    for phone, text in [(kim, "Gemensam målbild"), (anonymous[0], FORMULA), (anonymous[1], "Dold kommentar")]:
        card = submit_card(db.session, phone, {"id": next(ids), "step_id": prerequisites.id, "text": text})
        board.move_card(db.session, prerequisites, card.ack["card"]["id"], mal, None)
    unsorted = submit_card(
        db.session, anonymous[2], {"id": next(ids), "step_id": prerequisites.id, "text": "Osorterat kort"}
    )
    board.set_card_flag(db.session, prerequisites, unsorted.ack["card"]["id"], "highlight", True)
    dold = db.session.scalar(select(Card.id).where(Card.text == "Dold kommentar"))
    board.set_card_flag(db.session, prerequisites, dold, "hidden", True)
    proxy = group_proxy(db.session, workshop, bord1.id)
    submit_card(db.session, proxy, {"id": next(ids), "step_id": prerequisites.id, "text": "Från pappret"})
    agenda.set_step_setting(db.session, track_step, "voting", True)
    for text in ("Hur skapas tillit?", "En väg in"):
        tracks.propose_track(db.session, kim, {"id": next(ids), "step_id": track_step.id, "text": text})
    [tillit, vag] = tracks.tracks_of(db.session, track_step.id)
    tracks.vote(
        db.session, kim, {"id": next(ids), "step_id": track_step.id, "track_id": tillit.id, "dots": 2, "n": 1}
    )
    tracks.vote(
        db.session,
        anonymous[0],
        {"id": next(ids), "step_id": track_step.id, "track_id": vag.id, "dots": 1, "n": 1},
    )
    notes.add_note(
        db.session,
        workshop,
        facilitator.id,
        "Kolliderande synsätt och känsliga frågor",
        "Regionen är en obegriplig organisation",
    )
    notes.add_note(db.session, workshop, facilitator.id, "Skribenternas reflektioner", "För homogena grupper")


def test_the_report_is_read_from_the_store(workshop: Workshop, facilitator: Facilitator) -> None:
    fill(workshop, facilitator)
    report = workshop_report(db.session, workshop.id)
    assert report.highlights == ["Tillit", "Osorterat kort"]
    [words] = report.words
    assert (words.words[0].text, words.words[0].count) == ("Tillit", 2)
    assert words.cloud_png is not None and words.cloud_png.startswith(b"\x89PNG")
    [prerequisites] = report.boards
    [theme] = prerequisites.themes
    assert (theme.name, [c.text for c in theme.cards]) == (
        "Gemensamma mål",
        ["Gemensam målbild", FORMULA],
    )  # hidden left out
    assert [c.text for c in prerequisites.unsorted] == ["Osorterat kort", "Från pappret"]
    [track_step] = report.tracks
    assert [(t.rank, t.text, t.dots) for t in track_step.tracks] == [
        (1, "Hur skapas tillit?", 2),
        (2, "En väg in", 1),
    ]
    assert dict(report.notes)["Kolliderande synsätt och känsliga frågor"] == [
        "Regionen är en obegriplig organisation"
    ]
    assert [(p.name, p.role, p.organisation) for p in report.participants] == [
        ("Kim Andersson", "Enhetschef", "Malmö stad")
    ]
    assert report.anonymous_participants == 3  # the group's stand-in is nobody
    kinds = [r.kind for r in report.rows]
    assert (
        kinds.count("word") == 4
        and kinds.count("card") == 5
        and kinds.count("track") == 2
        and kinds.count("note") == 2
    )
    dold = next(r for r in report.rows if r.text == "Dold kommentar")
    assert (dold.hidden, dold.theme, dold.name) == (True, "Gemensamma mål", "")
    assert next(r for r in report.rows if r.text == "Gemensam målbild").name == "Kim Andersson"
    paper = next(r for r in report.rows if r.text == "Från pappret")
    assert (paper.on_behalf, paper.group) == (True, "Bord 1")
    assert next(r for r in report.rows if r.text == "Hur skapas tillit?").votes == 2


def test_the_organizer_downloads_the_deck_and_the_data(
    app: Flask, client: FlaskClient, auth: AuthActions, workshop: Workshop, facilitator: Facilitator
) -> None:
    fill(workshop, facilitator)
    auth.login()
    page = client.get(f"/f/workshops/{workshop.id}/export")
    assert page.status_code == 200 and "Ladda ner presentationen" in page.text
    app.config["WTF_CSRF_ENABLED"] = False
    response = client.post(
        f"/f/workshops/{workshop.id}/export",
        data={"sections": ["title", "words", "themes", "tracks"], "draft": "y"},
    )
    assert response.status_code == 200 and response.mimetype.endswith("presentationml.presentation")
    assert "attachment" in response.headers["Content-Disposition"]
    titles = [s.shapes.title.text for s in Presentation(io.BytesIO(response.data)).slides]
    assert titles[0] == workshop.title and "Intressanta spår för vidareutveckling" in titles
    assert "Gemensamma mål" in titles and "Deltagare" not in titles
    nothing = client.post(f"/f/workshops/{workshop.id}/export", data={"draft": "y"})
    assert nothing.status_code == 200 and "Välj minst en del av presentationen." in nothing.text
    # Not a presentation: a clear message beside the field, the choices kept.
    bad = client.post(
        f"/f/workshops/{workshop.id}/export",
        data={"sections": ["title"], "template": (io.BytesIO(b"not a deck"), "mall.pptx")},
        content_type="multipart/form-data",
    )
    assert bad.status_code == 200 and "inte en PowerPoint-presentation" in bad.text
    data = client.get(f"/f/workshops/{workshop.id}/export/data.csv")
    rows = list(csv.reader(io.StringIO(data.data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Steg" and [r[2] for r in rows if "HYPERLINK" in r[2]] == ["'" + FORMULA]
    sheet = load_workbook(io.BytesIO(client.get(f"/f/workshops/{workshop.id}/export/data.xlsx").data)).active
    assert [c.value for c in sheet[1]][:3] == ["Steg", "Typ", "Text"]
    assert {row[1].value for row in sheet.iter_rows(min_row=2)} == {"ord", "kort", "spår", "anteckning"}
    assert {r[1] for r in rows[1:]} == {"ord", "kort", "spår", "anteckning"}
    client.post("/lang/en", data={"next": "/"})
    refresh()  # the test's app context keeps the locale its first request read
    english = load_workbook(
        io.BytesIO(client.get(f"/f/workshops/{workshop.id}/export/data.xlsx").data)
    ).active
    assert [c.value for c in english[1]][:2] == ["Step", "Kind"]
    assert {row[1].value for row in english.iter_rows(min_row=2)} == {"word", "card", "track", "note"}
    assert any(row[2].value == FORMULA and row[2].data_type == "s" for row in sheet.iter_rows(min_row=2))


def test_exports_are_refused_to_everyone_but_its_facilitators(
    app: Flask, workshop: Workshop, other_facilitator: Facilitator
) -> None:
    phone = app.test_client()
    join(phone, workshop, "Kim")
    other = app.test_client()
    AuthActions(other).login("annan@kommun.se")
    for path in (
        "export",
        "export/data.csv",
        "export/data.xlsx",
        "export/words.json",
        "export/archive.json",
        "export/compilation.pptx",
        "export/compilation.pdf",
    ):
        url = f"/f/workshops/{workshop.id}/{path}"
        for caller in (app.test_client(), phone):
            g.pop("_login_user", None)
            assert caller.get(url).status_code in (302, 401), url
        g.pop("_login_user", None)
        assert other.get(url).status_code == 404, url


def test_the_printable_report_and_its_pdf(
    client: FlaskClient, auth: AuthActions, workshop: Workshop, facilitator: Facilitator
) -> None:
    fill(workshop, facilitator)
    auth.login()
    page = client.get(f"/f/workshops/{workshop.id}/report")
    assert page.status_code == 200 and "Intressanta spår för vidareutveckling" in page.text
    assert "data:image/png;base64," in page.text  # the cloud, inline as an image
    assert client.get("/f/report.css").status_code == 200
    pdf = client.get(f"/f/workshops/{workshop.id}/export/report.pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF-")
    # The thematic compilation, from the export page's links.
    assert "Ladda ned sammanställningen (.pptx)" in client.get(f"/f/workshops/{workshop.id}/export").text
    deck = client.get(f"/f/workshops/{workshop.id}/export/compilation.pptx")
    assert deck.status_code == 200 and "sammanstallning" in deck.headers["Content-Disposition"]
    titles = [s.shapes.title.text for s in Presentation(io.BytesIO(deck.data)).slides if s.shapes.title]
    assert titles[1:3] == ["Om underlaget", "Teman och nivåer"] and "Gemensamma mål" in titles
    pdf = client.get(f"/f/workshops/{workshop.id}/export/compilation.pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF-")


def finished_job(client: FlaskClient, status: str) -> dict[str, str]:
    """The job's status once it is done or failed (or after a minute).

    The test client's requests share the test's app context, so its session would keep
    SQLite's one pooled connection between polls, and the job's thread would wait for it;
    in the server each request gives it back at its end, as the session's removal does here."""
    for _ in range(1200):  # the job runs in a thread of its own
        answer: dict[str, str] = client.get(status).json
        db.session.remove()
        if answer["stage"] in ("done", "failed"):
            break
        time.sleep(0.05)
    return answer


def test_an_export_runs_as_a_job_with_its_stage_and_a_download(
    app: Flask, client: FlaskClient, auth: AuthActions, workshop: Workshop, facilitator: Facilitator
) -> None:
    fill(workshop, facilitator)
    auth.login()
    app.config["WTF_CSRF_ENABLED"] = False
    started = client.post(
        f"/f/workshops/{workshop.id}/export/jobs", data={"kind": "pptx", "sections": ["title", "tracks"]}
    )
    assert started.status_code == 202, started.json
    answer = finished_job(client, started.json["status"])
    assert answer["stage"] == "done"
    deck = client.get(answer["file"])
    titles = [s.shapes.title.text for s in Presentation(io.BytesIO(deck.data)).slides]
    assert titles == [workshop.title, "Spår för vidareutveckling", "Intressanta spår för vidareutveckling"]
    for kind in ("xlsx", "csv", "json", "pdf"):
        job = client.post(f"/f/workshops/{workshop.id}/export/jobs", data={"kind": kind})
        assert job.status_code == 202
        assert finished_job(client, job.json["status"])["stage"] == "done", kind
    bad = client.post(f"/f/workshops/{workshop.id}/export/jobs", data={"kind": "pptx"})
    assert bad.status_code == 400 and "Välj minst en del av presentationen." in str(bad.json["errors"])
    assert client.post(f"/f/workshops/{workshop.id}/export/jobs", data={"kind": "exe"}).status_code == 400
    # Another facilitator cannot see the job or its file.
    other = app.test_client()
    g.pop("_login_user", None)
    create_facilitator(db.session, "annan@kommun.se", "correct horse battery")
    AuthActions(other).login("annan@kommun.se", "correct horse battery")
    g.pop("_login_user", None)
    assert other.get(started.json["status"]).status_code == 404
    assert other.get(answer["file"]).status_code == 404
