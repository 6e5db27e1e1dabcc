"""The information step: a heading, a text of paragraphs, a link and a film, made in the
editor, shown to the projector and the phones, the film played from this server with
ranges; only the step's facilitators change it."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from flask import Flask, g
from flask.testing import FlaskClient
from sqlalchemy.exc import OperationalError

from models import agenda
from models.accounts import Facilitator
from models.events import Role
from models.workshops import Workshop
from readers.snapshots import snapshot
from steps.settings import step_setting
from tests.conftest import AuthActions, join
from webapp.extensions import db

FILM = b"\x00\x00\x00\x18ftypmp42" + bytes(range(256)) * 40  # enough to ask for a range of


def test_an_information_step_with_a_text_a_link_and_a_film(
    app: Flask, client: FlaskClient, auth: AuthActions, workshop: Workshop, other_facilitator: Facilitator
) -> None:
    auth.login()
    made = client.post(f"/f/workshops/{workshop.id}/steps", data={"kind": "info"})
    step = workshop.steps[-1]
    assert step.kind == "info" and made.location.endswith(f"/steps/{step.id}")
    page = client.get(f"/f/workshops/{workshop.id}/steps/{step.id}")
    assert "Länk (frivilligt)" in page.text and "En film på storbildsskärmen och telefonerna…" in page.text
    form = {
        "title": "Se filmen först",
        "prompt": "Om samverkan i Västerbotten",
        "link_text": "Filmen på webben",
    }
    bad = client.post(
        f"/f/workshops/{workshop.id}/steps/{step.id}",
        data={**form, "body": "Text", "link": "javascript:alert(1)"},
    )
    assert bad.status_code == 200 and "Skriv en hel adress" in bad.text and step_setting(step, "body") == ""
    body = "Filmen   visar en dag\npå en vårdcentral.\n\n\n<b>Sedan</b> samtalar vi."
    saved = client.post(
        f"/f/workshops/{workshop.id}/steps/{step.id}",
        data={**form, "body": body, "link": "https://example.org/film"},
    )
    assert saved.status_code == 302
    assert step_setting(step, "body") == "Filmen visar en dag på en vårdcentral.\n\n<b>Sedan</b> samtalar vi."

    film_page = f"/f/workshops/{workshop.id}/steps/{step.id}/film"
    refused = client.post(film_page, data={"film": (io.BytesIO(b"x"), "bild.exe")})
    assert "Välj en film i MP4, WebM eller Ogg." in refused.text and step_setting(step, "video") == ""
    client.post(film_page, data={"film": (io.BytesIO(FILM), "dag.mp4")})
    first = step_setting(step, "video")
    assert first.startswith(f"{step.id}-") and first.endswith(".mp4")
    # Saving the step in the editor keeps its film.
    client.post(f"/f/workshops/{workshop.id}/steps/{step.id}", data={**form, "body": body, "link": ""})
    assert step_setting(step, "video") == first

    # The phones and the projector get it all; the film plays in ranges, to anyone with its name.
    agenda.open_step(db.session, step)
    phone = app.test_client()
    join(phone, workshop, "Kim")
    [shown] = snapshot(db.session, workshop.id, Role.PROJECTOR)["open_steps"]
    assert shown["kind"] == "info" and shown["settings"]["video"] == first
    played = phone.get(f"/media/{first}", headers={"Range": "bytes=0-99"})
    assert played.status_code == 206 and played.data == FILM[:100]
    assert phone.get("/media/..%2Frundabord.db").status_code == 404
    assert phone.get("/media/1-kort.mp4").status_code == 404

    # Replaced, the file before goes; removed, none is left.
    client.post(film_page, data={"film": (io.BytesIO(FILM), "ny.webm")})
    second = step_setting(step, "video")
    media = Path(app.config["INSTANCE_DIR"]) / "media"
    assert second.endswith(".webm") and not (media / first).exists() and (media / second).exists()
    assert client.get(film_page).status_code == 200
    client.post(f"{film_page}/remove")
    assert step_setting(step, "video") == "" and not (media / second).exists()
    # A deleted step takes its film along.
    client.post(film_page, data={"film": (io.BytesIO(FILM), "sista.mp4")})
    last = step_setting(step, "video")
    assert (media / last).exists()

    other = app.test_client()
    g.pop("_login_user", None)
    AuthActions(other).login("annan@kommun.se")
    g.pop("_login_user", None)
    assert other.get(film_page).status_code == 404
    g.pop("_login_user", None)
    assert other.post(film_page, data={"film": (io.BytesIO(FILM), "dag.mp4")}).status_code == 404
    g.pop("_login_user", None)
    assert client.post(f"/f/workshops/{workshop.id}/steps/{step.id}/delete").status_code == 302
    assert not (media / last).exists()


def test_an_imported_workshop_has_a_film_of_its_own_or_is_told_it_has_none(
    app: Flask, client: FlaskClient, auth: AuthActions, workshop: Workshop
) -> None:
    """An archive holds rows, not files. Imported on the server that has the film, the copy
    gets a file of its own (removing the original's film once broke the copy's); elsewhere
    the step has no film, and the facilitator is told which step to upload it to again."""
    auth.login()
    client.post(f"/f/workshops/{workshop.id}/steps", data={"kind": "info"})
    step = workshop.steps[-1]
    step.title = "Se <b>filmen</b> först"
    db.session.commit()
    film_page = f"/f/workshops/{workshop.id}/steps/{step.id}/film"
    client.post(film_page, data={"film": (io.BytesIO(FILM), "dag.mp4")})
    original = step_setting(step, "video")
    archive = client.get(f"/f/workshops/{workshop.id}/export/archive.json").data
    app.config["WTF_CSRF_ENABLED"] = False

    def imported() -> tuple[Workshop, str]:
        response = client.post(
            "/f/workshops/import",
            data={"archive": (io.BytesIO(archive), "arkiv.json")},
            content_type="multipart/form-data",
        )
        assert response.status_code == 302
        page = client.get(response.headers["Location"]).text
        copy = db.session.query(Workshop).order_by(Workshop.id.desc()).first()
        assert copy is not None and copy.id != workshop.id
        return copy, page

    copy, page = imported()
    film = step_setting(copy.steps[-1], "video")
    assert film.startswith(f"{copy.steps[-1].id}-") and film != original and "finns inte" not in page
    client.post(f"{film_page}/remove")  # the original's film goes; the copy's stays
    assert client.get(f"/media/{film}").data == FILM

    second, page = imported()  # as on a server without the film
    assert step_setting(second.steps[-1], "video") == ""
    assert "Filmen till steget ”Se &lt;b&gt;filmen&lt;/b&gt; först” finns varken i arkivet" in page


def test_a_failed_import_leaves_no_copy_of_a_film(
    app: Flask, client: FlaskClient, auth: AuthActions, workshop: Workshop, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The film is copied before the new workshop is committed: a commit that fails (a full
    disk) left the copy behind, named by no step, never removed."""
    from content.archive import import_archive

    workshop_id = workshop.id
    auth.login()
    client.post(f"/f/workshops/{workshop.id}/steps", data={"kind": "info"})
    step = workshop.steps[-1]
    client.post(
        f"/f/workshops/{workshop.id}/steps/{step.id}/film", data={"film": (io.BytesIO(FILM), "dag.mp4")}
    )
    archive = client.get(f"/f/workshops/{workshop.id}/export/archive.json").data
    media = Path(app.config["INSTANCE_DIR"]) / "media"
    films = sorted(media.iterdir())
    assert len(films) == 1

    def full_disk() -> None:
        raise OperationalError("COMMIT", {}, Exception("database or disk is full"))

    owner = db.session.get(Workshop, workshop_id).owner  # type: ignore[union-attr]
    monkeypatch.setattr(db.session, "commit", full_disk)
    with pytest.raises(OperationalError):
        import_archive(db.session, archive, owner)
    assert sorted(media.iterdir()) == films  # the original's film, and no other
    monkeypatch.undo()
    db.session.rollback()
    imported = import_archive(db.session, archive, owner)
    assert len(list(media.iterdir())) == 2 and not imported.without_files  # a copy once stored


def test_the_archive_with_its_films_moves_a_workshop_to_another_server(
    app: Flask, client: FlaskClient, auth: AuthActions, workshop: Workshop
) -> None:
    """An archive (.json) holds rows, not files: on another server the film was gone. The
    export page offers the archive with its films (.zip), which imports with them."""
    auth.login()
    export_page = f"/f/workshops/{workshop.id}/export"
    assert "med filmerna (.zip)" not in client.get(export_page).text  # no film: not offered
    client.post(f"/f/workshops/{workshop.id}/steps", data={"kind": "info"})
    step = workshop.steps[-1]
    film_page = f"/f/workshops/{workshop.id}/steps/{step.id}/film"
    client.post(film_page, data={"film": (io.BytesIO(FILM), "dag.mp4")})
    name = step_setting(step, "video")
    assert "Ladda ner arkivet med filmerna (.zip)" in client.get(export_page).text
    download = client.get(f"/f/workshops/{workshop.id}/export/archive.zip")
    assert download.status_code == 200 and download.mimetype == "application/zip"
    assert ".zip" in download.headers["Content-Disposition"]
    with zipfile.ZipFile(io.BytesIO(download.data)) as bundle:
        assert bundle.read(f"files/{name}") == FILM
        assert json.loads(bundle.read("archive.json"))["workshop"]["title"] == workshop.title
    client.post(f"{film_page}/remove")  # as on another server: the file is not here
    assert not (Path(app.config["INSTANCE_DIR"]) / "media" / name).exists()
    app.config["WTF_CSRF_ENABLED"] = False
    response = client.post(
        "/f/workshops/import",
        data={"archive": (io.BytesIO(download.data), "arkiv.zip")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302 and "finns varken" not in client.get(response.headers["Location"]).text
    copy = db.session.query(Workshop).order_by(Workshop.id.desc()).first()
    assert copy is not None and copy.id != workshop.id
    film = step_setting(copy.steps[-1], "video")
    assert film.startswith(f"{copy.steps[-1].id}-") and client.get(f"/media/{film}").data == FILM
    refused = client.post(
        "/f/workshops/import",
        data={"archive": (io.BytesIO(download.data), "arkiv.pptx")},
        content_type="multipart/form-data",
    )
    assert "Välj en .json- eller .zip-fil från Exportera → Arkiv." in refused.text
