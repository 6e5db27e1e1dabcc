"""Personal data: deleting a workshop leaves no row that belongs to it, and the retention
setting removes names and consents when their time has come, nothing else."""

from __future__ import annotations

import datetime as dt

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from content.demo import load_demo, load_demo_series
from models.accounts import Facilitator
from models.errors import DomainError
from models.participants import Participant, participant_list
from models.privacy import apply_retention, delete_workshop, retention_due, set_retention
from models.scribes import invite_scribe
from models.workshops import Workshop
from steps.words.words import Word
from tests.conftest import AuthActions
from webapp.extensions import db


def owned_rows(workshop_id: int) -> dict[str, set[object]]:
    """Every row in the database that belongs to the workshop, table by table, by id."""
    steps = {
        s
        for s in db.session.scalars(
            select(db.metadata.tables["steps"].c.id).where(
                db.metadata.tables["steps"].c.workshop_id == workshop_id
            )
        )
    }
    found: dict[str, set[object]] = {}
    for table in db.metadata.sorted_tables:
        if "workshop_id" in table.c:
            key = table.c.id if "id" in table.c else table.c.workshop_id
            found[table.name] = set(db.session.scalars(select(key).where(table.c.workshop_id == workshop_id)))
        elif "step_id" in table.c:
            key = table.c.id if "id" in table.c else table.c.step_id
            found[table.name] = set(db.session.scalars(select(key).where(table.c.step_id.in_(steps))))
    return found


def test_deleting_a_workshop_leaves_nothing_of_it(facilitator: Facilitator) -> None:
    workshop = load_demo(db.session, facilitator)
    series = load_demo_series(db.session, facilitator)
    invite_scribe(db.session, workshop, "Sam")
    workshop_id, other_id = workshop.id, series.workshops[0].id
    before = owned_rows(workshop_id)
    assert before["words"] and before["cards"] and before["votes"] and before["notes"] and before["scribes"]
    others = owned_rows(other_id)
    delete_workshop(db.session, workshop)
    assert db.session.get(Workshop, workshop_id) is None
    assert all(not rows for rows in owned_rows(workshop_id).values())
    # No row anywhere still points at anything the workshop had.
    for table in db.metadata.sorted_tables:
        for column in table.c:
            for key in column.foreign_keys:
                gone = before.get(key.column.table.name, set())
                if gone:
                    left = db.session.scalar(
                        select(db.func.count()).select_from(table).where(column.in_(gone))
                    )
                    assert left == 0, (table.name, column.name)
    assert db.session.scalar(select(db.func.count(Word.id)).where(Word.workshop_id == workshop_id)) == 0
    assert owned_rows(other_id) == others  # other workshops are untouched
    assert db.session.get(type(series), series.id) is not None


def test_retention_removes_names_when_due(facilitator: Facilitator) -> None:
    workshop = load_demo(db.session, facilitator)
    assert retention_due(workshop) is None and apply_retention(db.session) == 0
    with pytest.raises(DomainError):
        set_retention(db.session, workshop, 0)
    set_retention(db.session, workshop, 30)
    due = retention_due(workshop)
    assert due == dt.datetime(2026, 10, 25)  # 30 days after 25 September
    assert apply_retention(db.session, now=due - dt.timedelta(hours=1)) == 0
    assert apply_retention(db.session, now=due + dt.timedelta(hours=1)) == 4
    listed, anonymous = participant_list(db.session, workshop.id)
    assert listed == [] and anonymous == 36
    people = db.session.scalars(select(Participant).where(Participant.workshop_id == workshop.id))
    assert all(not (p.display_name or p.role_title or p.organisation or p.consent_at) for p in people)
    assert (
        db.session.scalar(select(db.func.count(Word.id)).where(Word.workshop_id == workshop.id)) > 0
    )  # input stays


def test_the_organizer_sets_retention_and_deletes_in_the_editor(
    app: Flask, client: FlaskClient, workshop: Workshop
) -> None:
    AuthActions(client).login()
    app.config["WTF_CSRF_ENABLED"] = False
    workshop_id = workshop.id
    assert (
        client.post(f"/f/workshops/{workshop_id}/retention", data={"retention_days": "5000"}).status_code
        == 200
    )
    assert (
        client.post(f"/f/workshops/{workshop_id}/retention", data={"retention_days": "30"}).status_code == 302
    )
    db.session.expire_all()
    assert db.session.get(Workshop, workshop_id).retention_days == 30
    assert "tas bort den" in client.get(f"/f/workshops/{workshop_id}/participants").text
    assert client.post(f"/f/workshops/{workshop_id}/delete").status_code == 302
    db.session.expire_all()
    assert db.session.get(Workshop, workshop_id) is None
    assert client.get(f"/f/workshops/{workshop_id}").status_code == 404
