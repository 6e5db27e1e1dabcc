"""Notes that facilitators write during the workshop, in the categories the report has
(seed 002: "Highlights från dagen", "Kolliderande synsätt och känsliga frågor",
"Skribenternas reflektioner", "Punkter från slutdiskussion"); the list of categories is
editable per workshop. Facilitators and scribes write them; a scribe edits only their own,
and a scribe invited for a table group writes that group's notes. No phone or projector
sees them.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

from sqlalchemy import ForeignKey, String, select
from sqlalchemy.orm import Mapped, mapped_column

from models.accounts import Facilitator
from models.clock import utcnow
from models.errors import InvalidInput, NotFound, PermissionDenied
from models.events import Event, Role, lock_workshop, make_event
from models.scribes import Scribe
from models.session import DbSession
from models.submissions import valid_text
from models.workshops import Workshop
from steps.settings import MAX_LIST_ITEM_LENGTH, MAX_LIST_ITEMS
from webapp.extensions import db

NOTE_CATEGORIES = (
    "Highlights från dagen",
    "Kolliderande synsätt och känsliga frågor",
    "Skribenternas reflektioner",
    "Punkter från slutdiskussion",
)
MAX_NOTE_LENGTH = 2000


class Note(db.Model):  # type: ignore[name-defined,misc]
    """One note; a deleted note is kept blank, like withdrawn input."""

    __tablename__ = "notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), index=True)
    category: Mapped[str] = mapped_column(String(MAX_LIST_ITEM_LENGTH))
    text: Mapped[str] = mapped_column(String(MAX_NOTE_LENGTH))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("facilitators.id", ondelete="SET NULL"))
    scribe_id: Mapped[int | None] = mapped_column(ForeignKey("scribes.id", ondelete="SET NULL"))
    group_id: Mapped[int | None] = mapped_column(ForeignKey("table_groups.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    edited_at: Mapped[dt.datetime | None]
    deleted_at: Mapped[dt.datetime | None]

    def public(self, authors: dict[int, str], scribes: dict[int, str]) -> dict[str, Any]:
        return {
            "id": self.id,
            "category": self.category,
            "text": self.text,
            "author": scribes.get(self.scribe_id, "")
            if self.scribe_id
            else authors.get(self.author_id or 0, ""),
            "scribe_id": self.scribe_id,
            "group_id": self.group_id,
            "edited": self.edited_at is not None,
        }


def clean_note(text: str) -> str:
    """A note as written, its line breaks kept: NFC, spaces tidied on each line, at most one
    empty line in a row."""
    lines = [" ".join(line.split()) for line in unicodedata.normalize("NFC", text).splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def valid_note(text: object) -> str:
    return valid_text(text, MAX_NOTE_LENGTH, cleaner=clean_note)


def note_categories(workshop: Workshop) -> list[str]:
    lines = [line.strip() for line in (workshop.note_categories or "").splitlines()]
    return [line for line in lines if line] or list(NOTE_CATEGORIES)


def set_note_categories(session: DbSession, workshop: Workshop, text: str) -> None:
    """The workshop's note categories, one per line; notes keep the category they were written in."""
    lines = list(dict.fromkeys(" ".join(line.split()) for line in text.splitlines() if line.strip()))
    if not lines or len(lines) > MAX_LIST_ITEMS or any(len(line) > MAX_LIST_ITEM_LENGTH for line in lines):
        raise InvalidInput(field="note_categories")
    workshop.note_categories = "\n".join(lines)
    session.commit()


def notes_view(session: DbSession, workshop: Workshop) -> dict[str, Any]:
    notes = list(
        session.scalars(
            select(Note).where(Note.workshop_id == workshop.id, Note.deleted_at.is_(None)).order_by(Note.id)
        )
    )
    ids = {n.author_id for n in notes if n.author_id}
    authors = {f.id: f.name for f in session.scalars(select(Facilitator).where(Facilitator.id.in_(ids)))}
    scribe_ids = {n.scribe_id for n in notes if n.scribe_id}
    scribes = {s.id: s.name for s in session.scalars(select(Scribe).where(Scribe.id.in_(scribe_ids)))}
    return {"categories": note_categories(workshop), "notes": [n.public(authors, scribes) for n in notes]}


def _event(session: DbSession, workshop: Workshop) -> Event:
    view = notes_view(session, workshop)
    event = make_event(session, workshop.id, "notes_changed", {Role.FACILITATOR: view, Role.SCRIBE: view})
    session.commit()
    return event


def _note(session: DbSession, workshop: Workshop, note_id: object, scribe: Scribe | None) -> Note:
    """A note of the workshop that the caller may change: a scribe only their own."""
    note = session.get(Note, note_id) if isinstance(note_id, int) and not isinstance(note_id, bool) else None
    if note is None or note.workshop_id != workshop.id or note.deleted_at is not None:
        raise NotFound()
    if scribe is not None and note.scribe_id != scribe.id:
        raise PermissionDenied()
    return note


def _category(workshop: Workshop, category: object) -> str:
    if category not in note_categories(workshop):
        raise InvalidInput(field="category")
    return str(category)


def add_note(
    session: DbSession,
    workshop: Workshop,
    author_id: int | None,
    category: object,
    text: object,
    scribe: Scribe | None = None,
) -> Event:
    """A note by a facilitator (`author_id`) or a scribe, who writes for their table group."""
    lock_workshop(session, workshop.id)
    session.add(
        Note(
            workshop_id=workshop.id,
            category=_category(workshop, category),
            text=valid_note(text),
            author_id=None if scribe else author_id,
            scribe_id=scribe.id if scribe else None,
            group_id=scribe.group_id if scribe else None,
        )
    )
    session.flush()
    return _event(session, workshop)


def edit_note(
    session: DbSession,
    workshop: Workshop,
    note_id: object,
    category: object,
    text: object,
    scribe: Scribe | None = None,
) -> Event:
    lock_workshop(session, workshop.id)
    note = _note(session, workshop, note_id, scribe)
    note.category = _category(workshop, category)
    note.text = valid_note(text)
    note.edited_at = utcnow()
    session.flush()
    return _event(session, workshop)


def delete_note(
    session: DbSession, workshop: Workshop, note_id: object, scribe: Scribe | None = None
) -> Event:
    lock_workshop(session, workshop.id)
    note = _note(session, workshop, note_id, scribe)
    note.deleted_at = utcnow()
    note.text = ""
    session.flush()
    return _event(session, workshop)
