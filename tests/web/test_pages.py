"""Pages and permissions through the Flask test client.

About 490 lines: every page in one file, so that a new page is seen to be missing.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from flask import Flask, g
from flask.testing import FlaskClient
from flask_babel import refresh

from content.templates import create_from_template
from models.accounts import Facilitator
from models.participants import Participant
from models.workshops import Workshop
from tests.conftest import AuthActions, add_step, join
from webapp.extensions import db


def test_every_template_compiles(app: Flask) -> None:
    for name in app.jinja_env.list_templates():
        if name.endswith(".html"):
            app.jinja_env.get_template(name)


def test_pages_are_swedish_by_default(client: FlaskClient) -> None:
    page = client.get("/", headers={"Accept-Language": "en-US"}).get_data(as_text=True)
    assert '<html lang="sv">' in page and "Delta i en workshop" in page


def test_english_can_be_chosen(client: FlaskClient) -> None:
    client.post("/lang/en", data={"next": "/"})
    assert "Join a workshop" in client.get("/").get_data(as_text=True)


def test_csp_forbids_inline_script(client: FlaskClient) -> None:
    policy = client.get("/").headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


def test_login_and_see_only_own_workshops(
    client: FlaskClient, auth: AuthActions, workshop: Workshop, other_facilitator: Facilitator
) -> None:
    create_from_template(db.session, other_facilitator, "samverkan", "Någon annans workshop")
    assert auth.login().status_code == 302
    page = client.get("/f/").get_data(as_text=True)
    assert "Ledning &amp; Styrning i Samverkan" in page
    assert "Någon annans workshop" not in page


def test_wrong_password_gets_a_message(
    client: FlaskClient, auth: AuthActions, facilitator: Facilitator
) -> None:
    response = auth.login(password="fel lösenord")
    assert response.status_code == 200
    assert "Fel e-post eller lösenord." in response.get_data(as_text=True)


@pytest.mark.parametrize(
    "path",
    [
        "/f/workshops/{id}",
        "/f/workshops/{id}/live",
        "/f/workshops/{id}/steps/{step}",
        "/f/workshops/{id}/export/words.json",
    ],
)
def test_another_facilitators_workshop_is_not_found(
    client: FlaskClient, auth: AuthActions, workshop: Workshop, other_facilitator: Facilitator, path: str
) -> None:
    auth.login("annan@kommun.se")
    url = path.format(id=workshop.id, step=workshop.steps[0].id)
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/f/workshops/{id}/steps/{step}/delete",
        "/f/workshops/{id}/steps/{step}/move",
        "/f/workshops/{id}/steps",
        "/f/workshops/{id}",
        "/f/workshops/{id}/word-lists",
    ],
)
def test_changes_need_the_workshops_facilitator(
    client: FlaskClient, auth: AuthActions, workshop: Workshop, other_facilitator: Facilitator, path: str
) -> None:
    url = path.format(id=workshop.id, step=workshop.steps[0].id)
    assert client.post(url, data={"kind": "words", "title": "x"}).status_code == 302  # to login
    auth.login("annan@kommun.se")
    assert client.post(url, data={"kind": "words", "title": "x"}).status_code == 404
    assert len(db.session.get(Workshop, workshop.id).steps) == 5  # type: ignore[union-attr]


def test_new_workshop_from_template(client: FlaskClient, auth: AuthActions, facilitator: Facilitator) -> None:
    auth.login()
    response = client.post(
        "/f/workshops/new",
        data={"template": "samverkan", "title": "Dialogmöte Umeå", "date": "2026-11-20", "place": "Umeå"},
    )
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Dialogmöte Umeå" in page and "Vilka ord tänker du på när du hör samverkan?" in page


def test_edit_a_step(client: FlaskClient, auth: AuthActions, workshop: Workshop) -> None:
    auth.login()
    step = workshop.steps[0]
    url = f"/f/workshops/{workshop.id}/steps/{step.id}"
    assert "max_words" in client.get(url).get_data(as_text=True)
    client.post(url, data={"title": "Ordet", "prompt": "Vad betyder samverkan?", "max_words": "5"})
    db.session.refresh(step)
    assert (step.title, step.prompt, step.settings["max_words"]) == ("Ordet", "Vad betyder samverkan?", 5)


def test_bad_step_settings_are_shown_not_saved(
    client: FlaskClient, auth: AuthActions, workshop: Workshop
) -> None:
    auth.login()
    step = workshop.steps[0]
    response = client.post(
        f"/f/workshops/{workshop.id}/steps/{step.id}", data={"title": "Ordet", "max_words": "500"}
    )
    assert response.status_code == 200 and 'aria-invalid="true"' in response.get_data(as_text=True)
    db.session.refresh(step)
    assert step.title == "Ordet samverkan"


def test_a_broken_rule_keeps_what_was_typed(
    client: FlaskClient, auth: AuthActions, workshop: Workshop
) -> None:
    auth.login()
    step = workshop.steps[1]
    categories = "\n".join(f"Kategori {n}" for n in range(25))
    response = client.post(
        f"/f/workshops/{workshop.id}/steps/{step.id}",
        data={"title": "Förutsättningar", "prompt": "Min nya fråga", "categories": categories},
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "Kontrollera det du skrev" in page
    assert "Min nya fråga" in page and "Kategori 24" in page
    db.session.refresh(step)
    assert step.settings["categories"] == ["Förutsättningar"]


def test_join_by_qr_address_and_see_the_phone_page(client: FlaskClient, workshop: Workshop) -> None:
    page = client.get(f"/j/{workshop.join_code}").get_data(as_text=True)
    assert "Ditt namn (frivilligt)" in page
    assert join(client, workshop, "Kim").status_code == 302
    phone = client.get(f"/j/{workshop.join_code}").get_data(as_text=True)
    assert 'id="phone"' in phone and "Väntar på att processledaren" in phone


CSRF_FIELD = re.compile(r'name="csrf_token"(?: type="hidden")? value="([^"]+)"')


def test_phones_share_the_join_form_and_phone_page_but_each_has_its_own_token(
    app: Flask, workshop: Workshop
) -> None:
    app.config["WTF_CSRF_ENABLED"] = True
    address = f"/j/{workshop.join_code}"

    def send(phone: FlaskClient, path: str, data: dict[str, str] | None = None) -> Any:
        # The test's app context outlives requests: Flask-WTF keeps a request's token on
        # it (`g`), and Flask-Babel the language; a server's requests each have their own.
        g.pop("csrf_token", None)
        refresh()
        return phone.get(path) if data is None else phone.post(path, data=data)

    phones = [app.test_client() for _ in range(3)]
    forms = [send(phone, address).get_data(as_text=True) for phone in phones]
    tokens = [CSRF_FIELD.findall(form) for form in forms]  # the join form's and the language switch's
    assert all(len(found) == 2 and len(set(found)) == 1 for found in tokens)
    assert len({found[0] for found in tokens}) == 3
    assert len({form.replace(found[0], "") for form, found in zip(forms, tokens, strict=True)}) == 1
    refused = send(phones[0], address, {"csrf_token": tokens[1][0]})
    assert refused.status_code == 400  # another phone's token is not this phone's
    for phone, found in zip(phones, tokens, strict=True):
        assert send(phone, address, {"csrf_token": found[0]}).status_code == 302
    pages = [send(phone, address).get_data(as_text=True) for phone in phones]
    switches = [CSRF_FIELD.findall(page) for page in pages]
    assert 'id="phone"' in pages[0] and len({found[0] for found in switches}) == 3
    assert len({page.replace(found[0], "") for page, found in zip(pages, switches, strict=True)}) == 1
    switched = send(phones[2], "/lang/en", {"next": address, "csrf_token": switches[2][0]})
    assert switched.status_code == 302
    assert "Waiting for the facilitator" in send(phones[2], address).get_data(as_text=True)
    assert "Väntar på att processledaren" in send(phones[0], address).get_data(as_text=True)


def test_the_shared_pages_follow_what_the_workshop_shows(
    app: Flask, client: FlaskClient, workshop: Workshop
) -> None:
    from models.clock import utcnow
    from models.groups import add_groups
    from models.results import publish_results

    def form() -> str:
        return app.test_client().get(f"/j/{workshop.join_code}").get_data(as_text=True)

    assert "Bord 1" not in form()
    join(client, workshop)
    assert "Ny rubrik" not in client.get(f"/j/{workshop.join_code}").get_data(as_text=True)
    workshop.title = "Ny rubrik"
    add_groups(db.session, workshop, "Bord 1")
    db.session.commit()
    assert "Ny rubrik" in form() and "Bord 1" in form()
    page = client.get(f"/j/{workshop.join_code}").get_data(as_text=True)
    assert "Ny rubrik" in page and "/resultat" not in page
    publish_results(db.session, workshop, utcnow().date(), [], "")
    assert f"/j/{workshop.join_code}/resultat" in client.get(f"/j/{workshop.join_code}").get_data(
        as_text=True
    )
    assert f"/j/{workshop.join_code}/resultat" in form()
    with client.session_transaction() as kept:  # a message for this phone alone
        kept["_flashes"] = [("success", "Bara till dig")]
    assert "Bara till dig" in client.get(f"/j/{workshop.join_code}").get_data(as_text=True)
    other = app.test_client()
    join(other, workshop)
    assert "Bara till dig" not in other.get(f"/j/{workshop.join_code}").get_data(as_text=True)


def test_typed_code_leads_to_the_workshop(client: FlaskClient, workshop: Workshop) -> None:
    typed = workshop.join_code.lower()[:3] + " " + workshop.join_code.lower()[3:]
    response = client.get("/join", query_string={"code": typed})
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/j/{workshop.join_code}")


@pytest.mark.parametrize("code", ["ZZZZZZ", "abc", "<script>"])
def test_a_wrong_code_gets_a_clear_swedish_message(
    client: FlaskClient, workshop: Workshop, code: str
) -> None:
    response = client.get("/join", query_string={"code": code})
    page = response.get_data(as_text=True)
    assert response.status_code == 404
    assert "Det finns ingen workshop med den koden" in page and "<script>" not in page


def test_guessing_codes_is_rate_limited(client: FlaskClient, workshop: Workshop) -> None:
    statuses = [client.get("/j/ZZZZZ2").status_code for _ in range(35)]
    assert statuses[0] == 404 and statuses[-1] == 429
    # The right code still works for others in the room (only failures count).
    assert client.get(f"/j/{workshop.join_code}").status_code in (200, 429)


def test_an_ended_workshop_says_so(client: FlaskClient, workshop: Workshop) -> None:
    from models.clock import utcnow

    workshop.ended_at = utcnow()
    db.session.commit()
    response = client.get(f"/j/{workshop.join_code}")
    assert response.status_code == 410 and "Workshopen är avslutad" in response.get_data(as_text=True)


def test_after_the_end_a_participant_is_thanked_and_keeps_mina_bidrag(
    app: Flask, client: FlaskClient, auth: AuthActions, workshop: Workshop
) -> None:
    from models import agenda
    from steps.cards.cards import Card, submit_card

    phone = app.test_client()
    join(phone, workshop, "Kim")
    kim = db.session.query(Participant).one()
    cards_step = workshop.steps[1]
    agenda.open_step(db.session, cards_step)
    submit_card(db.session, kim, {"id": "c-00000001", "step_id": cards_step.id, "text": "Gemensam målbild"})
    auth.login()
    ended = client.post(f"/f/workshops/{workshop.id}/end", data={"next": f"/f/workshops/{workshop.id}/live"})
    assert ended.headers["Location"] == f"/f/workshops/{workshop.id}/live"
    page = phone.get(f"/j/{workshop.join_code}").get_data(as_text=True)
    assert "Workshopen är avslutad" in page and "Tack för att du deltog!" in page
    assert f'href="/j/{workshop.join_code}/mine"' in page
    newcomer = app.test_client().get(f"/j/{workshop.join_code}")
    assert newcomer.status_code == 410 and "Workshopen är avslutad" in newcomer.get_data(as_text=True)
    mine = phone.get(f"/j/{workshop.join_code}/mine")
    assert mine.status_code == 200 and "Gemensam målbild" in mine.get_data(as_text=True)
    card = db.session.query(Card).one()
    phone.post(f"/j/{workshop.join_code}/mine", data={"action": "delete", "kind": "card", "id": card.id})
    db.session.expire_all()
    assert card.withdrawn_at is not None and card.text == ""
    # Reopened: the same phone is back in the workshop, and newcomers can join.
    client.post(f"/f/workshops/{workshop.id}/reopen")
    assert app.test_client().get(f"/j/{workshop.join_code}").status_code == 200
    assert 'id="ended"' in phone.get(f"/j/{workshop.join_code}").get_data(as_text=True)


def test_qr_code_is_svg_of_the_join_address(client: FlaskClient, workshop: Workshop) -> None:
    response = client.get(f"/qr/{workshop.join_code}.svg")
    assert response.mimetype == "image/svg+xml" and b"<path" in response.data


def test_projector_needs_its_token(client: FlaskClient, workshop: Workshop) -> None:
    page = client.get(f"/projector/{workshop.projector_token}").get_data(as_text=True)
    assert workshop.join_code in page and f"/qr/{workshop.join_code}.svg" in page
    assert client.get("/projector/not-the-token").status_code == 404


def test_forms_need_a_csrf_token(app: Flask, workshop: Workshop) -> None:
    app.config["WTF_CSRF_ENABLED"] = True
    client = app.test_client()
    response = client.post("/f/login", data={"email": "leda@region.se", "password": "correct horse battery"})
    assert response.status_code == 400
    page = client.get("/f/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
    assert token is not None
    ok = client.post(
        "/f/login",
        data={"email": "leda@region.se", "password": "correct horse battery", "csrf_token": token.group(1)},
    )
    assert ok.status_code == 302


def test_login_is_rate_limited(client: FlaskClient, auth: AuthActions, facilitator: Facilitator) -> None:
    statuses = [auth.login(password="wrong password").status_code for _ in range(12)]
    assert statuses[0] == 200 and statuses[-1] == 429


def test_the_language_switch_offers_the_other_language(client: FlaskClient) -> None:
    page = client.get("/f/login").get_data(as_text=True)
    assert 'action="/lang/en"' in page and "In English" in page
    client.post("/lang/en", data={"next": "/f/login"})
    refresh()  # the test's app context outlives requests, and Flask-Babel caches the locale on it
    page = client.get("/f/login").get_data(as_text=True)
    assert 'action="/lang/sv"' in page and "På svenska" in page


def test_the_login_prompt_is_in_swedish(client: FlaskClient, workshop: Workshop) -> None:
    page = client.get(f"/f/workshops/{workshop.id}/live", follow_redirects=True).get_data(as_text=True)
    assert "Logga in för att se den här sidan." in page


def test_word_lists_are_saved_and_too_long_lists_keep_the_input(
    client: FlaskClient, auth: AuthActions, workshop: Workshop
) -> None:
    auth.login()
    url = f"/f/workshops/{workshop.id}/word-lists"
    response = client.post(url, data={"held_words": "byråkrati\nsilo", "allowed_words": "och"})
    assert response.status_code == 302
    db.session.refresh(workshop)
    assert workshop.held_words == "byråkrati\nsilo" and workshop.allowed_words == "och"
    response = client.post(url, data={"held_words": "x" * 5001, "allowed_words": "kvar"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and 'aria-invalid="true"' in page and "kvar" in page
    db.session.refresh(workshop)
    assert workshop.allowed_words == "och"


def test_the_levels_are_edited_like_a_list_and_a_bad_list_keeps_the_input(
    client: FlaskClient, auth: AuthActions, workshop: Workshop
) -> None:
    auth.login()
    page = client.get(f"/f/workshops/{workshop.id}").get_data(as_text=True)
    assert "Nationell\nRegional\nDelregional\nLokal\nNivåoberoende" in page  # the default list, to edit
    url = f"/f/workshops/{workshop.id}/levels"
    response = client.post(url, data={"levels": "Nationell\nKommun\nNivåoberoende"})
    assert response.status_code == 302 and response.location.endswith("#levels-heading")
    db.session.refresh(workshop)
    assert workshop.levels == "Nationell\nKommun\nNivåoberoende"
    response = client.post(url, data={"levels": "\n".join(f"Nivå {n}" for n in range(13))})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and 'aria-invalid="true"' in page and "Nivå 12" in page
    assert "Skriv nivåerna en per rad: minst en och högst 12, var och en högst 60 tecken." in page
    db.session.refresh(workshop)
    assert workshop.levels == "Nationell\nKommun\nNivåoberoende"


def test_cards_are_imported_after_a_preview_and_a_bad_file_makes_nothing(
    client: FlaskClient, auth: AuthActions, workshop: Workshop
) -> None:
    import io

    from steps.cards.cards import cards_of

    step = workshop.steps[1]
    auth.login()
    page = client.get(f"/f/workshops/{workshop.id}/steps/{step.id}").get_data(as_text=True)
    url = f"/f/workshops/{workshop.id}/steps/{step.id}/import-cards"
    assert f'href="{url}"' in page  # the step's page leads to the import
    assert client.get(url).status_code == 200
    preview = client.post(url, data={"text": "Tillit mellan huvudmännen\n<b>Gemensam</b> budget"})
    page = preview.get_data(as_text=True)
    assert preview.status_code == 200 and "Importera 2 kort" in page
    assert "&lt;b&gt;Gemensam&lt;/b&gt; budget" in page and "<b>Gemensam" not in page  # text, not markup
    assert cards_of(db.session, step.id) == []  # a preview makes nothing
    kept = re.search(r'name="kept" value="([^"]*)"', page)
    assert kept is not None
    done = client.post(url, data={"kept": kept.group(1), "filename": "", "confirm": "y"})
    assert done.status_code == 302
    assert [c.text for c in cards_of(db.session, step.id)] == [
        "Tillit mellan huvudmännen",
        "<b>Gemensam</b> budget",
    ]
    # A file with a bad row: the row is named, there is nothing to confirm, nothing is made.
    bad = io.BytesIO(b"text;category\nEtt kort;\nKort;Hinder\n")
    preview = client.post(url, data={"file": (bad, "kort.csv")}, content_type="multipart/form-data")
    page = preview.get_data(as_text=True)
    assert "Rad 3:" in page and "Hinder" in page and 'name="confirm"' not in page
    refused = client.post(url, data={"file": (io.BytesIO(b"tema\nMal\n"), "kort.csv"), "confirm": "y"})
    assert "Första raden ska namnge kolumnerna" in refused.get_data(as_text=True)
    assert len(cards_of(db.session, step.id)) == 2


def test_the_words_export_has_counts_entries_and_decisions(
    client: FlaskClient, auth: AuthActions, workshop: Workshop
) -> None:
    from models import agenda
    from models.participants import join_workshop
    from steps.words import review as word_review
    from steps.words.words import submit_word

    step = workshop.steps[0]
    agenda.open_step(db.session, step)
    kim = join_workshop(db.session, workshop, "Kim")
    for n, text in enumerate(["Tillit", "förtroendet", "fan"]):
        submit_word(db.session, kim, step.id, f"export-{n:05d}", text)
    word_review.decide(
        db.session, step, None, "merge", {"keys": ["tillit", "förtroende"], "display": "Tillit"}
    )
    auth.login()
    data = client.get(f"/f/workshops/{workshop.id}/export/words.json").get_json()
    [words] = data["steps"]
    assert words["words"] == [
        {"display": "Tillit", "count": 2, "hidden": False, "entries": ["Tillit", "förtroendet"]}
    ]
    assert words["held_for_review"] == [{"text": "fan", "reason": "profanity"}]
    assert [d["kind"] for d in words["decisions"]] == ["merge"] and not words["decisions"][0]["undone"]


def test_table_groups_at_join_and_on_the_tables_qr_codes(
    client: FlaskClient, auth: AuthActions, workshop: Workshop
) -> None:
    auth.login()
    response = client.post(
        f"/f/workshops/{workshop.id}/groups", data={"new_groups": "Bord 1\n\nBord 2\nBord 1"}
    )
    assert response.status_code == 302
    page = client.get(f"/f/workshops/{workshop.id}/tables").get_data(as_text=True)
    ids = re.findall(r"/qr/\w+\.svg\?g=(\d+)", page)
    assert len(ids) == 2  # the repeated name counts once
    qr = client.get(f"/qr/{workshop.join_code}.svg?g={ids[1]}")
    assert qr.status_code == 200 and qr.mimetype == "image/svg+xml"
    phone = client.application.test_client()
    form = phone.get(f"/j/{workshop.join_code}?g={ids[1]}").get_data(as_text=True)
    assert re.search(rf'<option selected value="{ids[1]}">Bord 2</option>', form)
    phone.post(f"/j/{workshop.join_code}", data={"display_name": "Kim", "consent": "y", "group": ids[1]})
    from models.participants import Participant

    assert db.session.query(Participant).one().group_id == int(ids[1])
    # A group with a participant goes only with a destination for them; the form asks,
    # and keeps what was typed.
    first, second = ids[0], ids[1]
    sent = {
        "order": [first, second],
        f"name-{first}": "Bord Ett",
        f"name-{second}": "Bord 2",
        f"remove-{second}": "y",
        "new_groups": "Bord 3",
    }
    response = client.post(f"/f/workshops/{workshop.id}/groups", data=sent)
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "Välj vart deltagarna och bidragen i ”Bord 2” ska" in page
    assert 'value="Bord Ett"' in page and re.search(r">\s*Bord 3</textarea>", page)
    assert re.search(rf'id="remove-{second}"[^>]* checked', page)
    response = client.post(f"/f/workshops/{workshop.id}/groups", data={**sent, f"move-{second}": first})
    assert response.status_code == 302
    assert db.session.query(Participant).one().group_id == int(first)


def test_a_name_needs_consent_and_only_those_who_consent_are_listed(
    app: Flask, client: FlaskClient, auth: AuthActions, workshop: Workshop
) -> None:
    phone = app.test_client()
    refused = phone.post(
        f"/j/{workshop.join_code}",
        data={"display_name": "Kim Berg", "role_title": "Enhetschef", "organisation": "Region Skåne"},
    )
    page = refused.get_data(as_text=True)
    assert refused.status_code == 200 and "Kryssa i rutan för att stå på deltagarlistan" in page
    assert 'value="Kim Berg"' in page and 'value="Region Skåne"' in page  # nothing typed is lost
    assert db.session.query(Participant).count() == 0  # and nothing identifying was stored
    listed = {
        "display_name": "Kim Berg",
        "role_title": "Enhetschef",
        "organisation": "Region Skåne",
        "consent": "y",
    }
    assert phone.post(f"/j/{workshop.join_code}", data=listed).status_code == 302
    app.test_client().post(f"/j/{workshop.join_code}", data={})  # anonymous
    auth.login()
    page = client.get(f"/f/workshops/{workshop.id}/participants").get_data(as_text=True)
    assert "Kim Berg" in page and "Enhetschef" in page and "Region Skåne" in page
    assert "1 andra deltog anonymt" in page
    auth.logout()
    assert client.get(f"/f/workshops/{workshop.id}/participants").status_code in (302, 401)


def test_mina_bidrag_lists_and_deletes_everything_a_phone_sent(app: Flask, workshop: Workshop) -> None:
    from models import agenda
    from steps.cards.cards import Card, submit_card
    from steps.tracks import curation
    from steps.tracks.tracks import Vote, propose_track, vote
    from steps.words.words import Word, submit_word

    phone = app.test_client()
    join(phone, workshop, "Kim")
    kim = db.session.query(Participant).one()
    words_step, cards_step, _, tracks_step, _ = workshop.steps
    agenda.open_step(db.session, words_step)
    submit_word(db.session, kim, words_step.id, "w-00000001", "Tillit")
    agenda.open_step(db.session, cards_step)
    submit_card(db.session, kim, {"id": "c-00000001", "step_id": cards_step.id, "text": "Gemensam målbild"})
    agenda.open_step(db.session, tracks_step)
    track = propose_track(db.session, kim, {"id": "t-00000001", "step_id": tracks_step.id, "text": "Hur?"})
    curation.set_phase(db.session, tracks_step, "voting", True)
    track_id = track.ack["track"]["id"]
    vote(
        db.session,
        kim,
        {"id": "v-00000001", "step_id": tracks_step.id, "track_id": track_id, "dots": 2, "n": 1},
    )
    agenda.close_step(db.session, tracks_step)  # closed steps are listed too

    page = phone.get(f"/j/{workshop.join_code}/mine").get_data(as_text=True)
    for text in ("Ordet samverkan", "Tillit", "Gemensam målbild", "Hur?", "Dina 2 prickar", "Kim"):
        assert text in page
    card = db.session.query(Card).one()
    response = phone.post(
        f"/j/{workshop.join_code}/mine", data={"action": "delete", "kind": "card", "id": card.id}
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert card.withdrawn_at is not None and card.text == ""
    page = phone.get(f"/j/{workshop.join_code}/mine").get_data(as_text=True)
    assert "Borttaget." in page and "Gemensam målbild" not in page
    # Someone else's item cannot be deleted from this phone.
    other = app.test_client()
    join(other, workshop)
    word = db.session.query(Word).one()
    refused = other.post(
        f"/j/{workshop.join_code}/mine", data={"action": "delete", "kind": "word", "id": word.id}
    )
    assert "finns inte längre" in other.get(refused.headers["Location"]).get_data(as_text=True)
    # Everything at once, and off the participant list.
    phone.post(f"/j/{workshop.join_code}/mine", data={"action": "everything"})
    db.session.expire_all()
    assert db.session.query(Word).one().text == "" and db.session.query(Vote).count() == 0
    assert kim.display_name == "" and kim.consent_at is None
    page = phone.get(f"/j/{workshop.join_code}/mine").get_data(as_text=True)
    assert "Du har inte skickat något än." in page


def test_the_privacy_notice_in_both_languages(client: FlaskClient, workshop: Workshop) -> None:
    join_page = client.get(f"/j/{workshop.join_code}")
    assert 'href="/integritet"' in join_page.text
    page = client.get("/integritet")
    assert page.status_code == 200 and "Ingen IP-adress sparas" in page.text
    client.post("/lang/en", data={"next": "/integritet"})
    refresh()  # the test's app context outlives requests, and Flask-Babel caches the locale on it
    assert "No IP address is stored" in client.get("/integritet").text


def test_session_cookies_are_http_only_same_site_and_renewed_at_login(
    app: Flask, client: FlaskClient, auth: AuthActions, workshop: Workshop
) -> None:
    join(client, workshop, "Kim")  # a phone's session first, on the same browser
    before = client.get_cookie("session")
    assert before is not None and before.http_only and before.same_site == "Lax"
    client.post("/lang/en", data={"next": "/"})
    auth.login()
    after = client.get_cookie("session")
    assert after is not None and after.value != before.value and after.http_only
    # A fresh session at login (no fixation), keeping only the phone's own workshops and language.
    with client.session_transaction() as session:
        assert set(session) <= {"_user_id", "_fresh", "_id", "participants", "lang", "csrf_token"}
        assert session["lang"] == "en" and str(workshop.id) in session["participants"]


def test_moving_a_step_above_its_base_is_refused_with_the_reason(
    client: FlaskClient, auth: AuthActions, workshop: Workshop
) -> None:
    auth.login()
    obstacles = workshop.steps[2]
    response = client.post(
        f"/f/workshops/{workshop.id}/steps/{obstacles.id}/move",
        data={"direction": "up"},
        follow_redirects=True,
    )
    page = response.get_data(as_text=True)
    assert "bygger på teman från ”Förutsättningar”" in page
    db.session.expire_all()
    assert workshop.steps[2].id == obstacles.id and obstacles.based_on_step_id == workshop.steps[1].id
    edit = client.get(f"/f/workshops/{workshop.id}/steps/{obstacles.id}").get_data(as_text=True)
    assert re.search(rf'<option selected value="{workshop.steps[1].id}">', edit)


def test_a_group_with_only_a_scribe_offers_a_destination(
    client: FlaskClient, auth: AuthActions, workshop: Workshop
) -> None:
    from models.groups import add_groups
    from models.scribes import invite_scribe

    bord1, bord2 = add_groups(db.session, workshop, "Bord 1\nBord 2")
    invite_scribe(db.session, workshop, "Sam", bord2.id)
    auth.login()
    page = client.get(f"/f/workshops/{workshop.id}").get_data(as_text=True)
    assert f'id="move-{bord2.id}"' in page and f'id="move-{bord1.id}"' not in page
    sent = {"order": [bord1.id, bord2.id], f"name-{bord1.id}": "Bord 1", f"name-{bord2.id}": "Bord 2"}
    refused = client.post(f"/f/workshops/{workshop.id}/groups", data={**sent, f"remove-{bord2.id}": "y"})
    assert "”Bord 2” har en skribent." in refused.get_data(as_text=True)
    moved = {**sent, f"remove-{bord2.id}": "y", f"move-{bord2.id}": bord1.id}
    assert client.post(f"/f/workshops/{workshop.id}/groups", data=moved).status_code == 302


def test_a_checkbox_in_the_step_editor_shows_its_explanation(
    client: FlaskClient, auth: AuthActions, workshop: Workshop
) -> None:
    """A checkbox's description is shown under it and read with it (aria-describedby)."""
    step = add_step(workshop, "priorities", "Prioritera")
    auth.login()
    page = client.get(f"/f/workshops/{workshop.id}/steps/{step.id}").get_data(as_text=True)
    checkbox = re.search(r'<input[^>]*id="matrix"[^>]*>', page)
    assert checkbox is not None and 'aria-describedby="matrix-hint"' in checkbox.group(0)
    assert re.search(
        r'id="matrix-hint">Varje deltagare placerar varje alternativ från 1 till 5 på båda skalorna\.<', page
    )
