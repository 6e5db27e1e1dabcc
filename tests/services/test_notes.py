"""The facilitators' notes: written under the workshop's categories, edited, deleted,
seen by facilitators only; the categories are editable per workshop."""

from __future__ import annotations

import pytest

from models import notes
from models.accounts import Facilitator
from models.errors import DomainError
from models.events import Role
from models.workshops import Workshop
from readers.snapshots import snapshot
from webapp.extensions import db


def test_notes_under_the_workshops_categories(workshop: Workshop, facilitator: Facilitator) -> None:
    assert notes.note_categories(workshop)[0] == "Highlights från dagen"
    event = notes.add_note(
        db.session, workshop, facilitator.id, "Skribenternas reflektioner", " Mycket  tillit "
    )
    assert set(event.payloads) == {Role.FACILITATOR, Role.SCRIBE}  # never to phones or the projector
    [note] = event.payloads[Role.FACILITATOR]["notes"]
    assert note["text"] == "Mycket tillit" and note["author"] == "Leda"
    notes.edit_note(
        db.session, workshop, note["id"], "Punkter från slutdiskussion", "Bjud in  brukarna\n\n\n\nTvå rader"
    )
    view = snapshot(db.session, workshop.id, Role.FACILITATOR)["notes"]
    assert [(n["category"], n["text"], n["edited"]) for n in view["notes"]] == [
        ("Punkter från slutdiskussion", "Bjud in brukarna\n\nTvå rader", True)  # line breaks kept
    ]
    with pytest.raises(DomainError) as error:
        notes.add_note(db.session, workshop, facilitator.id, "Okänd rubrik", "Text")
    assert error.value.code == "invalid_input"
    with pytest.raises(DomainError) as error:
        notes.add_note(db.session, workshop, facilitator.id, "Skribenternas reflektioner", "  ")
    assert error.value.code == "empty"
    notes.set_note_categories(db.session, workshop, "Medskick\n\nMedskick\nFrågor till ledningen")
    assert notes.note_categories(workshop) == ["Medskick", "Frågor till ledningen"]
    notes.add_note(db.session, workshop, facilitator.id, "Medskick", "Ta med till ledningsgruppen")
    notes.delete_note(db.session, workshop, note["id"])
    left = notes.notes_view(db.session, workshop)["notes"]
    assert [n["text"] for n in left] == ["Ta med till ledningsgruppen"]
    with pytest.raises(DomainError):
        notes.set_note_categories(db.session, workshop, "")
