"""The results page for participants (issue 29): published by the facilitator at the join
address with the parts they choose and a summary, until a date; read-only, without
JavaScript; a phone sees its own cards and tracks marked, nobody's name."""

from __future__ import annotations

import datetime as dt

import pytest
from flask import Flask, g
from flask.testing import FlaskClient

from models import agenda
from models.accounts import Facilitator
from models.clock import utcnow
from models.participants import find_participant
from models.results import results_open
from models.workshops import Workshop
from tests.conftest import AuthActions, join
from tests.web.test_exports import fill
from webapp.extensions import db


def test_the_facilitator_publishes_results_that_mark_a_phones_own_input(
    app: Flask, client: FlaskClient, auth: AuthActions, workshop: Workshop, facilitator: Facilitator
) -> None:
    fill(workshop, facilitator)
    page = f"/j/{workshop.join_code}/resultat"
    assert app.test_client().get(page).status_code == 404  # off by default
    auth.login()
    editor = client.get(f"/f/workshops/{workshop.id}")
    assert "Resultatsida för deltagarna" in editor.text
    url = f"/f/workshops/{workshop.id}/results"
    today = utcnow().date()
    refused = client.post(url, data={"publish": "y", "results_until": "", "parts": ["themes"]})
    assert "Välj den sista dagen sidan är publicerad." in refused.text and workshop.results_until is None
    past = (today - dt.timedelta(days=1)).isoformat()
    refused = client.post(url, data={"publish": "y", "results_until": past, "parts": ["themes"]})
    assert "Välj en sista dag från i dag" in refused.text and workshop.results_until is None
    until = (today + dt.timedelta(days=14)).isoformat()
    summary = "Tack för i dag!\n\nVi tar spåren <b>vidare</b> i ledningsgruppen."
    saved = client.post(
        url, data={"publish": "y", "results_until": until, "parts": ["themes", "tracks"], "summary": summary}
    )
    assert saved.status_code == 302 and results_open(workshop)

    anyone = app.test_client().get(page)
    assert anyone.status_code == 200
    text = anyone.text
    assert "Vi tar spåren &lt;b&gt;vidare&lt;/b&gt; i ledningsgruppen." in text  # escaped, as every text
    assert "Gemensam målbild" in text and "Hur skapas tillit?" in text
    assert "Dold kommentar" not in text  # a hidden card stays hidden
    assert "Kim Andersson" not in text and "(ditt)" not in text  # no names; nothing is this visitor's
    assert "Tillit" not in text.replace("tillit", "")  # the word cloud was not chosen
    assert "<b>" not in text  # what anyone wrote is text, never markup
    # Kim's phone sees its own card and track marked, and nobody else's.
    kim_phone = app.test_client()
    kim = next(p for p in workshop_participants(workshop) if p.display_name == "Kim Andersson")
    with kim_phone.session_transaction() as cookie:
        cookie["participants"] = {str(workshop.id): kim.token}
    marked = kim_phone.get(page).text
    assert marked.count("(ditt)") == 3  # Kim's card and Kim's two tracks
    assert 'Gemensam målbild <span class="own-mark">(ditt)</span>' in marked
    assert 'Hur skapas tillit? <span class="own-mark">(ditt)</span>' in marked
    assert "Se vad det blev: resultatet" in kim_phone.get(f"/j/{workshop.join_code}").text

    # After the day, the QR code leads a newcomer to the results; a phone that took part
    # sees its thank-you with the way there. (The page gave the test's session back, as
    # a request gives its own: the workshop is read again.)
    workshop = db.session.get_one(Workshop, workshop.id)
    agenda.end_workshop(db.session, workshop)
    newcomer = app.test_client().get(f"/j/{workshop.join_code}")
    assert newcomer.status_code == 302 and newcomer.location.endswith("/resultat")
    assert "Se vad det blev: resultatet" in kim_phone.get(f"/j/{workshop.join_code}").text
    # Past its last day, or taken down, the page is gone.
    workshop = db.session.get_one(Workshop, workshop.id)
    workshop.results_until = today - dt.timedelta(days=1)
    db.session.commit()
    assert app.test_client().get(page).status_code == 404
    g.pop("_login_user", None)  # the facilitator as a new request loads them
    client.post(url, data={"results_until": until, "parts": ["themes"]})
    assert workshop.results_until is None and app.test_client().get(page).status_code == 404
    assert app.test_client().get(f"/j/{workshop.join_code}").status_code == 410


def workshop_participants(workshop: Workshop) -> list:  # type: ignore[type-arg]
    from models.participants import Participant

    return list(db.session.query(Participant).filter_by(workshop_id=workshop.id))


def test_a_new_phone_may_still_join_while_results_are_published(
    app: Flask, client: FlaskClient, auth: AuthActions, workshop: Workshop
) -> None:
    from models.results import publish_results

    publish_results(db.session, workshop, utcnow().date(), ["themes"], "")
    phone = app.test_client()
    form = phone.get(f"/j/{workshop.join_code}")
    assert "Delta" in form.text and "Se vad det blev: resultatet" in form.text
    join(phone, workshop, "Ny")
    assert find_participant is not None


def test_the_results_are_read_once_per_change_of_the_workshop(
    app: Flask, workshop: Workshop, facilitator: Facilitator, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The QR code after the day can bring the whole room to the page at once."""
    import participant_ui.routes as routes
    from models.results import publish_results
    from steps.cards import board
    from steps.cards.cards import Card

    fill(workshop, facilitator)
    workshop_id = workshop.id
    publish_results(db.session, workshop, utcnow().date(), ["themes"], "")
    reads = []
    real = routes.workshop_report
    monkeypatch.setattr(routes, "workshop_report", lambda *args: reads.append(1) or real(*args))
    page = f"/j/{workshop.join_code}/resultat"
    for _ in range(3):
        assert "Gemensam målbild" in app.test_client().get(page).text
    assert len(reads) == 1
    workshop = db.session.get_one(Workshop, workshop_id)
    card = db.session.query(Card).filter_by(text="Gemensam målbild").one()
    board.set_card_flag(db.session, workshop.steps[1], card.id, "hidden", True)  # an event: seq moves
    assert "Gemensam målbild" not in app.test_client().get(page).text
    assert len(reads) == 2
