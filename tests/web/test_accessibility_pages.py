"""The accessibility statement, the phone's service worker and compressed responses."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient
from flask_babel import refresh

from models.accounts import Facilitator
from tests.conftest import AuthActions


def test_the_accessibility_statement_has_the_parts_public_bodies_publish(client: FlaskClient) -> None:
    page = client.get("/tillganglighet").get_data(as_text=True)
    for heading in (
        "Tillgänglighetsredogörelse för Rundabord",
        "Hur tillgänglig är tjänsten?",
        "Vad kan du göra om du inte kan använda delar av tjänsten?",
        "Rapportera brister i tjänstens tillgänglighet",
        "Tillsyn",
        "Teknisk information om tjänstens tillgänglighet",
        "Hur vi testat tjänsten",
    ):
        assert heading in page
    assert "digg.se" in page and "26 november 2026" in page
    client.post("/lang/en", data={"next": "/"})
    refresh()  # the test's app context outlives requests, and Flask-Babel caches the locale on it
    english = client.get("/tillganglighet").get_data(as_text=True)
    assert "Accessibility statement for Rundabord" in english and "Enforcement" in english


def test_the_statement_names_the_organizer_and_contact_when_set(app: Flask, client: FlaskClient) -> None:
    app.config.update(ORGANIZER_NAME="Region Skåne", ACCESSIBILITY_CONTACT="tillganglighet@skane.se")
    page = client.get("/tillganglighet").get_data(as_text=True)
    assert "Region Skåne står bakom den här tjänsten" in page and "tillganglighet@skane.se" in page


def test_every_page_links_to_the_statement(client: FlaskClient) -> None:
    for path in ("/", "/f/login", "/integritet", "/no/such/page"):
        assert 'href="/tillganglighet"' in client.get(path).get_data(as_text=True), path


def test_the_service_worker_is_served_from_the_root_and_never_stale(client: FlaskClient) -> None:
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response.mimetype == "text/javascript"
    assert response.headers["Cache-Control"] == "no-cache"
    assert "/socket.io/" in response.get_data(as_text=True)  # named as never cached


def test_scripts_and_pages_go_out_compressed(client: FlaskClient) -> None:
    for path in ("/static/vendor/socket.io/socket.io.esm.min.js", "/static/phone/phone.js", "/"):
        response = client.get(path, headers={"Accept-Encoding": "br, gzip"})
        assert response.headers.get("Content-Encoding") == "br", path
        assert "Accept-Encoding" in response.headers.get("Vary", "")
    plain = client.get("/static/phone/phone.js")
    assert "Content-Encoding" not in plain.headers and b"connectLive" in plain.get_data()


def test_a_facilitator_chooses_the_language_in_settings_and_keeps_it(
    client: FlaskClient, auth: AuthActions, facilitator: Facilitator
) -> None:
    auth.login()
    page = client.get("/f/settings").get_data(as_text=True)
    assert "Språk i gränssnittet" in page and 'checked id="language-0"' in page
    assert '<label for="language-1" lang="en">English</label>' in page
    client.post("/f/settings", data={"language": "en"})
    refresh()
    assert facilitator.language == "en"
    assert "Language of the interface" in client.get("/f/settings").get_data(as_text=True)
    client.post("/f/logout")
    refresh()
    assert '<html lang="sv">' in client.get("/f/login").get_data(as_text=True)  # a new session
    auth.login()
    refresh()
    assert '<html lang="en">' in client.get("/f/").get_data(as_text=True)  # back in English


def test_a_bad_language_is_refused_with_a_message(
    client: FlaskClient, auth: AuthActions, facilitator: Facilitator
) -> None:
    auth.login()
    page = client.post("/f/settings", data={"language": "xx"}).get_data(as_text=True)
    assert 'class="error"' in page and '<html lang="sv">' in page


def test_settings_need_a_login(client: FlaskClient) -> None:
    response = client.post("/f/settings", data={"language": "en"})
    assert response.status_code == 302 and "/f/login" in response.headers["Location"]
