"""What a kind of step is, as the shared code sees it.

The agenda, the snapshots, the report, the editor and the live screens ask a step's
kind (`steps.registry.kind_of`) instead of testing its name: each kind answers in its
own package (`steps/<name>/`). A new kind subclasses `StepKind`, overrides what it does
differently, and is listed in `steps.registry`.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from flask import Blueprint, Flask, url_for
from sqlalchemy import Table

if TYPE_CHECKING:
    from wtforms import Field

    from export.report import Report
    from models.events import Event
    from models.participants import Participant
    from models.session import DbSession
    from models.workshops import Step
    from readers.workshop_report import ReportRows


@dataclass(frozen=True)
class IntSetting:
    default: int
    low: int
    high: int


@dataclass(frozen=True)
class ListSetting:
    default: tuple[str, ...]


@dataclass(frozen=True)
class BoolSetting:
    default: bool


@dataclass(frozen=True)
class TextSetting:
    """A text: one line (`multiline` False) or paragraphs; `url`: an http(s) address."""

    default: str
    max_length: int
    multiline: bool = False
    url: bool = False


Setting = IntSetting | ListSetting | BoolSetting | TextSetting

# (table, id) -> the row's ref in the archive, or (table, ref) -> its new id on import.
Lookup = Callable[[str, Any], Any]


@dataclass(frozen=True)
class ArchivedTable:
    """One table in a workshop's archive (`content.archive`): the columns it keeps, and
    which of them name rows of other tables."""

    name: str
    table: Table
    refs: Mapping[str, str] = field(default_factory=dict)  # column -> archived table it points into
    drop: tuple[str, ...] = ()
    by_step: bool = False  # rows belong to the workshop through their step
    # Rows that name another row without a foreign key (in a JSON field, or by a kind
    # column): changes a row's values in place, mapping each such name with the lookup.
    remap: Callable[[dict[str, Any], Lookup], None] | None = None
    # A row of an older archive version brought up to date in place: (values, version).
    upgrade: Callable[[dict[str, Any], int], None] | None = None


class StepKind:
    """One kind of step. The defaults describe a step that takes no input and shows only
    its title and prompt."""

    name: ClassVar[str]
    # What the editor's "add a step" list calls the kind, and a new step's title.
    label: ClassVar[str]
    default_title: ClassVar[str]
    # The kind's short name, on the agenda's steps ("Words", "Cards"); else its default title.
    short_label: ClassVar[str] = ""
    # The step's settings, with their defaults and limits (`steps.settings`).
    settings: ClassVar[Mapping[str, Setting]] = {}
    # Which of them are the step's run-time state (voting open, the timer): changed while
    # the workshop runs, never in the editor, and kept in `Step.state`, not `Step.settings`.
    live_settings: ClassVar[frozenset[str]] = frozenset()
    # What phones send to such a step: "word", "card", "track" (see `accepts`).
    inputs: ClassVar[frozenset[str]] = frozenset()
    # What of a participant's own the kind's tables hold, by item kind ("word", "votes"):
    # listed and deleted on "Mina bidrag" (`models.contributions`).
    own_items: ClassVar[frozenset[str]] = frozenset()
    # Whether a step of this kind may sort its input under an earlier step's themes,
    # and whether later steps may sort theirs under this one's.
    builds_on_themes: ClassVar[bool] = False
    # The kinds of earlier step whose items (`items`) a step of this kind may take as its
    # own (a prioritisation: themes, tracks, questions), chosen in the editor.
    takes_items_from: ClassVar[frozenset[str]] = frozenset()

    # The screens ("phone", "dashboard") whose module the package has (`static/<screen>.js`),
    # and those whose page includes a fragment of it (`templates/steps/<name>/<screen>.html`).
    screens: ClassVar[frozenset[str]] = frozenset()
    fragments: ClassVar[frozenset[str]] = frozenset()
    # What the kind's scripts say, by screen ("phone", "dashboard", "projector"): key ->
    # lazy text; each page's translation block merges every kind's strings for its screen.
    strings: ClassVar[Mapping[str, Mapping[str, Any]]] = {}

    def blueprint(self) -> Blueprint:
        """Serves the package's `static/` and `templates/` (its scripts and fragments)."""
        return Blueprint(
            f"step_{self.name}",
            self.package(),
            static_folder="static",
            static_url_path=f"/static/steps/{self.name}",
            template_folder="templates",
        )

    def package(self) -> str:
        """The kind's package, `steps.<name>`."""
        return type(self).__module__.rpartition(".")[0]

    def register(self, app: Flask) -> None:
        """The kind's background work for `app` (a renderer, a suggester), started once."""

    def load_events(self) -> None:
        """Registers the package's socket handlers (its `events` module), if it has any."""
        if importlib.util.find_spec(f"{self.package()}.events") is not None:
            importlib.import_module(f"{self.package()}.events")

    def send(self, item: str, participant: Participant, payload: dict[str, Any]) -> dict[str, Any]:
        """Takes `item` (one of `inputs`) from a phone, or entered for a table group by a
        facilitator or scribe; broadcasts what it changed and returns the acknowledgement."""
        from models.errors import InvalidInput

        raise InvalidInput(field="kind")

    def script(self, screen: str) -> str | None:
        """The address of the kind's module for `screen` ("phone", ...), if it has one."""
        if screen not in self.screens:
            return None
        return url_for(f"step_{self.name}.static", filename=f"{screen}.js")

    def template(self, screen: str) -> str | None:
        """The kind's template fragment for `screen`, if it has one."""
        return f"steps/{self.name}/{screen}.html" if screen in self.fragments else None

    def form_fields(self) -> dict[str, Field]:
        """The editor's fields for the settings not in `live_settings`, by name."""
        return {}

    def accepts(self, step: Step, item: str) -> bool:
        """Whether phones may send `item` ("word", "card", "track") to `step`."""
        return item in self.inputs

    def categories(self, step: Step) -> list[str]:
        """What a card sent to the step is filed under."""
        return []

    def default_category(self, step: Step) -> str | None:
        """The category of a card sent without one (None: it needs one when there are several)."""
        return None

    def asks_level(self, step: Step) -> bool:
        """Whether a card sent to the step may name its level (local … national)."""
        return False

    def facilitator_view(self, session: DbSession, step: Step) -> dict[str, Any]:
        """What the dashboard shows of the step, beside `steps.settings.step_public`."""
        return {}

    def projector_view(self, session: DbSession, step: Step) -> dict[str, Any]:
        """What the projector and the scribes show of the step while it is open."""
        return {}

    def participant_view(self, session: DbSession, step: Step, participant: Participant) -> dict[str, Any]:
        """What one phone shows of the step while it is open: the person's own input."""
        return {}

    def totals_event(self, session: DbSession, step: Step) -> Event | None:
        """The step's totals for every screen after votes (`steps.rankings` sends it batched)."""
        return None

    def revealed(self, session: DbSession, step: Step) -> list[Event]:
        """The events that show a write-first step's input on every screen once its writing
        phase ends, or hide it again (`steps.reveal`)."""
        return []

    def items(self, session: DbSession, step: Step) -> list[str]:
        """What a later step may take of this one to work on (`takes_items_from`): its
        themes, tracks or questions as the room sees them, in their order."""
        return []

    def highlights(self, session: DbSession, step: Step) -> list[dict[str, Any]]:
        """[{kind, id, text}] of what a facilitator marked in the step and still shows."""
        return []

    def add_to_report(
        self, session: DbSession, step: Step, report: Report, rows: ReportRows
    ) -> Callable[[], None] | None:
        """Put the step's part into `report` and its raw rows into `rows`. What returns is
        finished after the database connection is given back (drawing takes longer than
        reading)."""
        return None

    def answered(self, session: DbSession, step: Step) -> int | None:
        """How many participants have sent something to the open step, when the dashboard
        counts it."""
        return None

    def contributions(self, session: DbSession, participant: Participant) -> list[dict[str, Any]]:
        """What the participant sent that the kind's tables hold, not withdrawn: items
        {step_id, kind (one of `own_items`), id, text}, in the order sent."""
        return []

    def delete_contribution(
        self, session: DbSession, participant: Participant, item: str, item_id: int
    ) -> Event:
        """Takes the participant's `item` (one of `own_items`) out of every count and
        screen and erases its text; returns the event that says so. The caller commits."""
        from models.errors import NotFound

        raise NotFound()

    def editor_links(self, step: Step) -> list[tuple[str, str]]:
        """More the facilitator can do with a step of the kind, as (label, address) links on
        the step's page in the editor (cards: import cards)."""
        return []

    def initial_state(self) -> dict[str, Any]:
        """The run-time state a new step of the kind starts with (a step stored before a
        value was added reads the setting's default instead)."""
        return {}

    def archived_tables(self) -> list[ArchivedTable]:
        """The kind's own tables, as a workshop's archive keeps them, each after those it
        names (the shared tables come first: table groups, steps, participants)."""
        return []

    def deleted(self, step: Step) -> None:
        """Files of the step's own to remove once the step (or its workshop) is deleted."""

    def own_files(self, step: Step) -> dict[str, Path]:
        """The files of the step's own on this server, by the name its settings give each:
        what an archive with files carries beside its rows."""
        return {}

    def imported(self, step: Step, files: Mapping[str, bytes]) -> bool:
        """Files of the step's own to bring along when its workshop is imported from an
        archive: from `files` (those an archive with files carried, by name), else copied
        where this server has them; False when one could not be, and the step goes
        without it."""
        return True

    def opened(self, step: Step) -> None:
        """Work to start when the step opens (from a request or a socket handler)."""
