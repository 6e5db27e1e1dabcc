"""The workshop archive: export → import → export gives the same content, references
between rows survive, and a broken file is refused with nothing stored."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from flask import Flask
from flask.testing import FlaskClient

from content.archive import export_archive, import_archive
from export.archive import ArchiveError
from models.accounts import Facilitator
from models.clock import utcnow
from models.workshops import Workshop
from readers.workshop_report import workshop_report
from steps.cards import board
from steps.cards.cards import cards_of, themes_of
from steps.tracks import curation, tracks
from steps.words import review as word_review
from tests.conftest import AuthActions
from tests.web.test_exports import fill
from webapp.extensions import db


def content(raw: bytes, closed: bool = False) -> dict[str, object]:
    """The archive but the moment it was written; `closed`: as imported, every step closed."""
    data = json.loads(raw)
    data.pop("exported_at")
    if closed:
        for step in data["tables"]["steps"]:
            step["is_open"] = False
    return data


def test_export_import_export_gives_the_same_content(workshop: Workshop, facilitator: Facilitator) -> None:
    fill(workshop, facilitator)
    words, prerequisites, _, track_step, _ = workshop.steps
    # References the archive must carry: nested themes, a track from a card, a merge, an approval.
    dimension = board.create_theme(db.session, prerequisites, "Styrning").reply["theme_id"]
    [mal] = [t for t in themes_of(db.session, prerequisites) if t.name == "Gemensamma mål"]
    board.move_theme(db.session, prerequisites, mal.id, dimension, None)
    card = cards_of(db.session, prerequisites.id)[0]
    curation.add_track(db.session, track_step, None, "card", card.id)
    first, second = tracks.tracks_of(db.session, track_step.id)[:2]
    curation.merge_tracks(db.session, track_step, second.id, first.id)
    word_review.decide(
        db.session, words, facilitator.id, "rename", {"key": "tillit", "display": "Förtroende"}
    )
    before = export_archive(db.session, workshop)

    assert any(step.is_open for step in workshop.steps)
    copy = import_archive(db.session, before, facilitator).workshop
    assert copy.id != workshop.id and copy.join_code != workshop.join_code and copy.is_run_by(facilitator.id)
    after = export_archive(db.session, copy)
    assert content(after) == content(before, closed=True)
    # The copy reads as the original in every export.
    original, imported = workshop_report(db.session, workshop.id), workshop_report(db.session, copy.id)
    assert imported.boards == original.boards and imported.tracks == original.tracks
    assert imported.highlights == original.highlights and imported.rows == original.rows
    [source] = [t for t in json.loads(after)["tables"]["tracks"] if t["source_kind"] == "card"]
    assert json.loads(after)["tables"]["cards"][source["source_id"] - 1]["text"] == card.text
    assert "token" not in json.loads(after)["tables"]["participants"][0]


def zipped(members: dict[str, bytes], compression: int = zipfile.ZIP_STORED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as bundle:
        for name, data in members.items():
            bundle.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"\xff\xfe", "not_json"),
        (b'{"format": "annat"}', "not_an_archive"),
        (b'{"format": "rundabord-workshop", "version": 99, "workshop": {}, "tables": {}}', "unknown_version"),
        (
            b'{"format": "rundabord-workshop", "version": 1, "workshop": {"title": ""}, "tables": {}}',
            "incomplete",
        ),
        (
            b'{"format": "rundabord-workshop", "version": 1, "workshop": {"title": "X"},'
            b' "tables": {"steps": [{"ref": 1, "kind": "words", "title": "Ord", "based_on_step_id": 7}]}}',
            "broken_rows",
        ),
        (b"PK\x03\x04 not a zip after all", "not_an_archive"),
        (zipped({"files/1-film.mp4": b"film"}), "not_an_archive"),  # no archive.json in it
        (zipped({"archive.json": b"\xff\xfe"}), "not_json"),
        (
            zipped({"archive.json": b" " * 2**22}, zipfile.ZIP_DEFLATED),
            "not_an_archive",
        ),  # unpacks to far more
    ],
)
def test_a_broken_archive_is_refused_and_stores_nothing(
    facilitator: Facilitator, raw: bytes, reason: str
) -> None:
    before = db.session.query(Workshop).count()
    with pytest.raises(ArchiveError) as error:
        import_archive(db.session, raw, facilitator)
    assert error.value.reason == reason
    assert db.session.query(Workshop).count() == before


def test_the_organizer_downloads_and_imports_an_archive(
    app: Flask, client: FlaskClient, auth: AuthActions, workshop: Workshop, facilitator: Facilitator
) -> None:
    fill(workshop, facilitator)
    original_id, title = workshop.id, workshop.title
    auth.login()
    raw = client.get(f"/f/workshops/{workshop.id}/export/archive.json")
    assert raw.status_code == 200 and json.loads(raw.data)["format"] == "rundabord-workshop"
    app.config["WTF_CSRF_ENABLED"] = False
    response = client.post(
        "/f/workshops/import",
        data={"archive": (io.BytesIO(raw.data), "arkiv.json")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    copy = db.session.query(Workshop).filter(Workshop.id != original_id).one()
    today = utcnow().date().isoformat()  # the day of the import, not of the original
    assert copy.title == f"{title} (importerad {today})"
    assert not copy.open_steps and db.session.get(Workshop, original_id).open_steps
    assert f"(importerad {today})" in client.get(response.headers["Location"]).text
    bad = client.post(
        "/f/workshops/import",
        data={"archive": (io.BytesIO(b"{}"), "arkiv.json")},
        content_type="multipart/form-data",
    )
    assert bad.status_code == 200 and "inte ett arkiv från Rundabord" in bad.text


def test_levels_travel_with_the_archive_and_a_version_1_file_still_imports(
    workshop: Workshop, facilitator: Facilitator
) -> None:
    from models import agenda
    from models.levels import DEFAULT_LEVELS, levels_of
    from steps.cards.cards import Card

    fill(workshop, facilitator)
    agenda.update_levels(db.session, workshop, "Nationell\nKommun\nNivåoberoende")
    prerequisites = workshop.steps[1]
    card = cards_of(db.session, prerequisites.id)[0]
    board.set_card_levels(db.session, prerequisites, [{"card_id": card.id, "level": "Kommun"}])
    data = json.loads(export_archive(db.session, workshop))
    assert data["version"] == 2 and data["workshop"]["levels"] == "Nationell\nKommun\nNivåoberoende"
    copy = import_archive(db.session, json.dumps(data).encode(), facilitator).workshop
    assert levels_of(copy) == ["Nationell", "Kommun", "Nivåoberoende"]
    assert "Kommun" in {c.level for c in db.session.query(Card).filter_by(workshop_id=copy.id)}
    # Written before workshops had their own list: the level was a key ("lokal").
    data["version"] = 1
    del data["workshop"]["levels"]
    [archived] = [c for c in data["tables"]["cards"] if c["level"]]
    archived["level"] = "lokal"
    old = import_archive(db.session, json.dumps(data).encode(), facilitator).workshop
    assert levels_of(old) == list(DEFAULT_LEVELS)
    assert {c.level for c in db.session.query(Card).filter_by(workshop_id=old.id)} == {None, "Lokal"}


def test_an_archive_with_films_may_be_larger_than_other_requests(
    app: Flask, client: FlaskClient, auth: AuthActions, workshop: Workshop
) -> None:
    """A .zip with a workshop's films is larger than other requests may be (a film alone may
    be as large as MAX_CONTENT_LENGTH): the import form takes up to IMPORT_MAX_LENGTH from
    a logged-in facilitator; anyone else, and every other form, keeps the usual limit."""
    bundle = zipped(
        {"archive.json": export_archive(db.session, workshop), "files/1-extra.mp4": bytes(range(256)) * 40}
    )
    app.config.update(MAX_CONTENT_LENGTH=len(bundle) // 2, IMPORT_MAX_LENGTH=len(bundle) * 4)

    def send(path: str = "/f/workshops/import") -> int:
        data = {"archive": (io.BytesIO(bundle), "arkiv.zip"), "film": (io.BytesIO(bundle), "dag.mp4")}
        return client.post(path, data=data, content_type="multipart/form-data").status_code

    app.config["WTF_CSRF_ENABLED"] = True  # as served: its check reads the form first
    assert send() == 413  # not logged in: the usual limit
    app.config["WTF_CSRF_ENABLED"] = False
    auth.login()
    before = db.session.query(Workshop).count()
    assert send() == 302
    assert db.session.query(Workshop).count() == before + 1
    assert send(f"/f/workshops/{workshop.id}/export") == 413  # another form (the deck's, with a template)
