"""The permission matrix for HTTP: every state-changing facilitator route of a workshop,
tried anonymously, from a phone that joined it, by a scribe who opened their link, and
by the facilitator of another workshop, is refused and changes nothing. The list is
checked against the app's routes, so a new route must be added here."""

from __future__ import annotations

from typing import Any

from flask import Flask, g
from flask.testing import FlaskClient

from models.accounts import Facilitator
from models.scribes import invite_scribe, scribes_of
from models.workshops import Workshop
from steps.cards.cards import Card
from tests.conftest import AuthActions, join
from webapp.extensions import db

# endpoint -> (path, form data that would change something if it were allowed)
WORKSHOP_ROUTES = {
    "editor.edit_workshop": ("/f/workshops/{w}", {"title": "Kapad"}),
    "editor.edit_word_lists": ("/f/workshops/{w}/word-lists", {"held_words": "kapad"}),
    "editor.edit_groups": ("/f/workshops/{w}/groups", {"new_groups": "Kapad"}),
    "editor.edit_note_categories": ("/f/workshops/{w}/note-categories", {"note_categories": "Kapad"}),
    "editor.edit_levels": ("/f/workshops/{w}/levels", {"levels": "Kapad"}),
    "editor.edit_stakeholder_types": ("/f/workshops/{w}/stakeholder-types", {"stakeholder_types": "Kapad"}),
    "step_cards.import_cards": ("/f/workshops/{w}/steps/{c}/import-cards", {"text": "Kapad", "confirm": "y"}),
    "editor.add_step": ("/f/workshops/{w}/steps", {"kind": "words"}),
    "step_info.film": ("/f/workshops/{w}/steps/{s}/film", {}),
    "step_info.remove_film": ("/f/workshops/{w}/steps/{s}/film/remove", {}),
    "editor.edit_step": ("/f/workshops/{w}/steps/{s}", {"title": "Kapad"}),
    "editor.delete_step": ("/f/workshops/{w}/steps/{s}/delete", {}),
    "editor.move_step": ("/f/workshops/{w}/steps/{s}/move", {"direction": "down"}),
    "people.add_scribe": ("/f/workshops/{w}/scribes", {"name": "Kapad"}),
    "people.revoke_scribe_link": ("/f/workshops/{w}/scribes/{scribe}/revoke", {}),
    "people.add_cofacilitator": ("/f/workshops/{w}/facilitators", {"email": "annan@kommun.se"}),
    "people.remove_cofacilitator": ("/f/workshops/{w}/facilitators/{f}/remove", {}),
    "exports.export": ("/f/workshops/{w}/export", {"sections": "title"}),
    "exports.start_export": ("/f/workshops/{w}/export/jobs", {"kind": "csv"}),
    "editor.edit_retention": ("/f/workshops/{w}/retention", {"retention_days": "1"}),
    "editor.edit_results": ("/f/workshops/{w}/results", {"publish": "y", "results_until": "2099-01-01"}),
    "workshops.delete_workshop_route": ("/f/workshops/{w}/delete", {}),
    "people.hand_over_workshop": ("/f/workshops/{w}/facilitators/{f}/owner", {}),
    "workshops.end_workshop": ("/f/workshops/{w}/end", {}),
    "workshops.reopen_workshop": ("/f/workshops/{w}/reopen", {}),
}
# Routes anyone may post to: joining, the language, logging in and out, a new workshop
# of one's own or one imported (login required), and a phone's own contributions (tested
# in test_pages).
OPEN_ROUTES = {
    "participant.workshop",
    "participant.mine",
    "participant.set_language",
    "accounts.login",
    "accounts.logout",
    "accounts.settings",  # one's own language (tests/web/test_accessibility_pages.py)
    "workshops.new_workshop",
    "workshops.import_workshop",
    "series.series_list",  # a new series of one's own workshops
    # A series' own routes are tried by everyone else in tests/web/test_series.py.
    "series.series_page",
    "series.series_themes",
}


def test_every_posting_route_is_in_the_matrix(app: Flask) -> None:
    posting = {rule.endpoint for rule in app.url_map.iter_rules() if "POST" in (rule.methods or set())}
    assert posting == set(WORKSHOP_ROUTES) | OPEN_ROUTES


def post(caller: FlaskClient, url: str, data: dict[str, str]) -> Any:
    """Each client as itself: the test's app context would otherwise keep the user that
    Flask-Login loaded for the previous client's request."""
    g.pop("_login_user", None)
    return caller.post(url, data=data)


def state(workshop: Workshop) -> tuple[object, ...]:
    db.session.expire_all()
    return (
        workshop.title,
        workshop.held_words,
        workshop.note_categories,
        workshop.levels,
        workshop.stakeholder_types,
        workshop.results_until,
        workshop.retention_days,
        workshop.ended_at,
        workshop.owner_id,
        [(s.id, s.title, s.position) for s in workshop.steps],
        [(s.id, s.name, s.revoked_at) for s in scribes_of(db.session, workshop.id)],
        sorted(f.id for f in workshop.facilitators),
        db.session.query(Card).filter_by(workshop_id=workshop.id).count(),
    )


def test_workshop_routes_are_refused_to_everyone_but_its_facilitators(
    app: Flask, client: FlaskClient, workshop: Workshop, other_facilitator: Facilitator
) -> None:
    scribe = invite_scribe(db.session, workshop, "Sam")
    before = state(workshop)
    ids = {
        "w": workshop.id,
        "s": workshop.steps[0].id,
        "c": workshop.steps[1].id,  # a cards step
        "scribe": scribe.id,
        "f": workshop.facilitators[0].id,
    }
    anonymous = app.test_client()
    phone = app.test_client()
    join(phone, workshop, "Kim")
    scribe_client = app.test_client()
    assert scribe_client.get(f"/s/{scribe.token}").status_code == 200
    other = app.test_client()
    AuthActions(other).login("annan@kommun.se")
    app.config["WTF_CSRF_ENABLED"] = False  # the refusal must come from the permission check
    for endpoint, (path, data) in WORKSHOP_ROUTES.items():
        url = path.format(**ids)
        for who, caller in (("anonymous", anonymous), ("phone", phone), ("scribe", scribe_client)):
            response = post(caller, url, data)
            assert response.status_code in (302, 401), (endpoint, who, response.status_code)
            assert "/f/login" in response.headers.get("Location", "/f/login"), (endpoint, who)
        response = post(other, url, data)
        assert response.status_code in (403, 404), (endpoint, "other facilitator", response.status_code)
    assert state(workshop) == before


def test_a_co_facilitator_runs_the_workshop_but_cannot_remove_its_owner(
    client: FlaskClient,
    auth: AuthActions,
    workshop: Workshop,
    facilitator: Facilitator,
    other_facilitator: Facilitator,
) -> None:
    from models.accounts import add_facilitator

    add_facilitator(db.session, workshop, facilitator.id, "annan@kommun.se")
    auth.login("annan@kommun.se")
    editor = client.get(f"/f/workshops/{workshop.id}").get_data(as_text=True)
    assert "Ägare" in editor and "Lämna workshopen" in editor
    assert f"/facilitators/{facilitator.id}/remove" not in editor  # no button to remove the owner
    assert "Lägg till processledaren" not in editor and "Radera workshopen" not in editor
    refused = client.post(f"/f/workshops/{workshop.id}/facilitators/{facilitator.id}/remove")
    page = client.get(refused.headers["Location"]).get_data(as_text=True)
    assert "Bara workshopens ägare kan ändra vem som leder den." in page
    deleted = client.post(f"/f/workshops/{workshop.id}/delete")
    assert "Bara workshopens ägare kan radera den." in client.get(deleted.headers["Location"]).get_data(
        as_text=True
    )
    assert client.post(f"/f/workshops/{workshop.id}", data={"title": "Nytt namn"}).status_code == 302
    db.session.expire_all()
    assert workshop.is_run_by(facilitator.id) and workshop.title == "Nytt namn"
    # The owner hands it over, explicitly; then the new owner manages the facilitators.
    auth.logout()
    auth.login()
    client.post(f"/f/workshops/{workshop.id}/facilitators/{other_facilitator.id}/owner")
    db.session.expire_all()
    assert workshop.owner_id == other_facilitator.id
    left = client.post(f"/f/workshops/{workshop.id}/facilitators/{facilitator.id}/remove")
    assert left.headers["Location"] == "/f/"
    db.session.expire_all()
    assert [f.id for f in workshop.facilitators] == [other_facilitator.id]
