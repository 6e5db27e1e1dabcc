"""Who was in the room, by kind: a workshop's stakeholder types, chosen anonymously when
joining or given with what is entered for a group, counted in the dashboard's presence
and in the exports, never beside a name unless on the participant list."""

from __future__ import annotations

import io

import pytest
from flask import Flask
from flask.testing import FlaskClient
from pptx import Presentation

from export.deck import Options, write_deck
from export.report_html import render_html
from models import agenda
from models.errors import DomainError
from models.participants import Participant, group_proxy, join_workshop, joined_by_type
from models.stakeholders import stakeholder_types_of
from models.workshops import Workshop
from readers.workshop_report import workshop_report
from steps.cards.cards import submit_card
from tests.conftest import AuthActions
from webapp.extensions import db
from webapp.presence import current_presence


def test_types_are_chosen_when_joining_and_counted_in_order(workshop: Workshop) -> None:
    assert stakeholder_types_of(workshop) == []  # not asked until the organizer lists them
    agenda.update_stakeholder_types(db.session, workshop, "Region\n kommun \n\nLärosäte\nRegion")
    assert stakeholder_types_of(workshop) == ["Region", "kommun", "Lärosäte"]
    for kind in ("kommun", "Region", "kommun", None):
        join_workshop(db.session, workshop, stakeholder_type=kind)
    with pytest.raises(DomainError) as error:
        join_workshop(db.session, workshop, stakeholder_type="Okänd")
    assert error.value.code == "unknown_stakeholder_type"
    group_proxy(db.session, workshop, None, "Lärosäte")  # a stand-in is not a person
    assert joined_by_type(db.session, workshop) == [("Region", 1), ("kommun", 2)]
    assert current_presence().summary(workshop.id)["stakeholders"] == [("Region", 1), ("kommun", 2)]
    from models.contributions import delete_everything

    [gone] = [p for p in db.session.query(Participant).all() if p.stakeholder_type == "Region"]
    delete_everything(db.session, gone)  # "Mina bidrag": everything, the type too
    assert gone.stakeholder_type is None and joined_by_type(db.session, workshop) == [("kommun", 2)]
    for bad in ("\n".join(f"Typ {n}" for n in range(13)), "x" * 61):
        with pytest.raises(DomainError) as error:
            agenda.update_stakeholder_types(db.session, workshop, bad)
        assert error.value.code == "stakeholder_types_invalid"
    db.session.rollback()


def test_input_carries_its_senders_type_into_every_export(workshop: Workshop) -> None:
    agenda.update_stakeholder_types(db.session, workshop, "Region\nKommun")
    step = workshop.steps[1]
    agenda.open_step(db.session, step)
    phone = join_workshop(db.session, workshop, stakeholder_type="Kommun")
    submit_card(db.session, phone, {"id": "card-type-0001", "step_id": step.id, "text": "En väg in"})
    paper = group_proxy(db.session, workshop, None, "Region")
    assert group_proxy(db.session, workshop, None, "Region").id == paper.id  # one per type
    assert group_proxy(db.session, workshop, None).id != paper.id
    submit_card(db.session, paper, {"id": "card-type-0002", "step_id": step.id, "text": "Tillit"})
    report = workshop_report(db.session, workshop.id)
    rows = {r.text: r for r in report.rows if r.kind == "card"}
    assert (rows["En väg in"].stakeholder, rows["Tillit"].stakeholder) == ("Kommun", "Region")
    assert rows["En väg in"].name == ""  # the type is no name
    assert report.stakeholders == [("Kommun", 1)]
    [board] = report.boards
    assert [c.stakeholder for c in board.unsorted] == ["Kommun", "Region"]
    deck = Presentation(io.BytesIO(write_deck(report, Options(sections={"title", "participants"}))))
    [chart] = [s for s in deck.slides if s.shapes.title and s.shapes.title.text == "Deltagare per aktörstyp"]
    assert any(shape.has_chart for shape in chart.shapes)
    assert "Kommun: 1" in chart.notes_slide.notes_text_frame.text
    html = render_html(report, "x.css")
    assert "Deltagare per aktörstyp" in html and '<th scope="row">Kommun</th><td>1</td>' in html


def test_the_editor_lists_the_types_and_the_join_page_asks(
    app: Flask, client: FlaskClient, auth: AuthActions, workshop: Workshop
) -> None:
    auth.login()
    page = client.get(f"/f/workshops/{workshop.id}")
    assert "Aktörstyper" in page.text
    bad = client.post(
        f"/f/workshops/{workshop.id}/stakeholder-types",
        data={"stakeholder_types": "x" * 61},
    )
    assert "Skriv aktörstyperna en per rad" in bad.text
    client.post(
        f"/f/workshops/{workshop.id}/stakeholder-types",
        data={"stakeholder_types": "Region\nKommun"},
    )
    assert stakeholder_types_of(workshop) == ["Region", "Kommun"]
    phone = app.test_client()
    join = phone.get(f"/j/{workshop.join_code}")
    assert "Du är här för (frivilligt)" in join.text and '<option value="Kommun">Kommun</option>' in join.text
