"""The Prioritisation kind ("Prioritering"), as the shared code sees it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Flask
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext as _nl
from sqlalchemy import delete, func, or_, select
from wtforms import BooleanField, Field, IntegerField, StringField, TextAreaField
from wtforms.validators import Length, NumberRange, Optional

from export.report import Comparison, MatrixItem, MatrixStep, Report, ReportTrack, TracksStep
from models.errors import NotFound
from models.events import Event
from models.participants import Participant
from models.session import DbSession
from models.submissions import participants_who_sent
from models.workshops import Step
from readers.workshop_report import ReportRows
from steps.kind import ArchivedTable, BoolSetting, IntSetting, ListSetting, StepKind, TextSetting
from steps.priorities.priorities import (
    Allocation,
    allocation_of,
    options_of,
    priorities_event,
    results,
)
from steps.priorities.strings import STRINGS
from steps.settings import step_setting


class Priorities(StepKind):
    name = "priorities"
    screens = frozenset({"phone", "dashboard", "projector"})
    fragments = frozenset({"phone", "projector"})
    strings = STRINGS
    label = _l("Prioritise: points or two scales")
    default_title = _l("Prioritisation")
    short_label = _l("Prioritisation")
    settings = {
        "options": ListSetting(()),
        "budget": IntSetting(100, 10, 1000),  # points per participant
        "matrix": BoolSetting(False),  # each option placed on two scales instead of points
        "x_label": TextSetting("", 40),  # the scales' names ("" : benefit, effort)
        "y_label": TextSetting("", 40),
    }
    takes_items_from = frozenset({"cards", "tracks", "questions"})
    inputs = frozenset({"points"})
    own_items = frozenset({"points"})  # all of one's points in a step

    def form_fields(self) -> dict[str, Field]:
        return {
            "options": TextAreaField(
                _l("Options, one per line"),
                description=_l(
                    "What the participants prioritise, at most 20; after the items of the earlier step "
                    "chosen below, if any."
                ),
                validators=[Length(max=6000)],
            ),
            "budget": IntegerField(
                _l("Points per participant"), validators=[Optional(), NumberRange(10, 1000)]
            ),
            "matrix": BooleanField(
                _l("Place each option on two scales (2 × 2) instead of spreading points"),
                description=_l("Each participant places every option from 1 to 5 on both scales."),
            ),
            "x_label": StringField(
                _l("The first scale (across)"),
                description=_l("Empty: benefit."),
                validators=[Length(max=40)],
            ),
            "y_label": StringField(
                _l("The second scale (up)"),
                description=_l("Empty: effort."),
                validators=[Length(max=40)],
            ),
        }

    def register(self, app: Flask) -> None:
        from steps.rankings import register_rankings

        register_rankings(app)

    def facilitator_view(self, session: DbSession, step: Step) -> dict[str, Any]:
        return results(session, step)

    def projector_view(self, session: DbSession, step: Step) -> dict[str, Any]:
        return results(session, step)

    def participant_view(self, session: DbSession, step: Step, participant: Participant) -> dict[str, Any]:
        return {
            "options": options_of(session, step),
            "own_options": step_setting(step, "options"),  # what `options` was read with
            "votes": allocation_of(session, step.id, participant.id),
        }

    def totals_event(self, session: DbSession, step: Step) -> Event | None:
        return priorities_event(session, step)

    def answered(self, session: DbSession, step: Step) -> int | None:
        """Those with points on an option, or an option placed."""
        return participants_who_sent(
            session,
            select(Allocation.participant_id).where(
                Allocation.step_id == step.id, or_(Allocation.points > 0, Allocation.x.is_not(None))
            ),
        )

    def contributions(self, session: DbSession, participant: Participant) -> list[dict[str, Any]]:
        given = session.execute(  # one line for all of a step's points or places
            select(Allocation.step_id, Step.title, func.sum(Allocation.points), func.count(Allocation.x))
            .join(Step, Step.id == Allocation.step_id)
            .where(
                Allocation.participant_id == participant.id,
                or_(Allocation.points > 0, Allocation.x.is_not(None)),
            )
            .group_by(Allocation.step_id, Step.title)
        )
        return [
            {
                "step_id": step_id,
                "kind": "points",
                "id": step_id,
                "text": (
                    _l("Your %(num)d points", num=int(points))
                    if points
                    else _nl("Your place of %(num)d option", "Your places of %(num)d options", int(placed))
                ),
                "delete_label": _l("Take back my points") if points else _l("Take back my places"),
                "subject": title,
            }
            for step_id, title, points, placed in given
        ]

    def delete_contribution(
        self, session: DbSession, participant: Participant, item: str, item_id: int
    ) -> Event:
        step = session.get(Step, item_id)  # item_id is the step
        if step is None or step.workshop_id != participant.workshop_id or step.kind != self.name:
            raise NotFound()
        session.execute(
            delete(Allocation).where(
                Allocation.step_id == step.id, Allocation.participant_id == participant.id
            )
        )
        return priorities_event(session, step)

    def archived_tables(self) -> list[ArchivedTable]:
        return [
            ArchivedTable(
                "allocations",
                Allocation.__table__,
                {"step_id": "steps", "participant_id": "participants", "group_id": "table_groups"},
                by_step=True,
            )
        ]

    def add_to_report(
        self, session: DbSession, step: Step, report: Report, rows: ReportRows
    ) -> Callable[[], None] | None:
        found = results(session, step)
        shown = _place if found.get("matrix") else str
        comparisons = [
            Comparison(
                report.label(title, step=step.title),
                [name or report.label(empty) for name in found[columns]],
                [(o["option"], [shown(value) for value in o[key]]) for o in found["options"]],
            )
            for title, columns, key, empty in (
                ("by_group", "groups", "by_group", "no_group"),
                ("by_type", "types", "by_type", "no_type"),
            )
            if found[columns]
        ]
        if found.get("matrix"):
            items = [MatrixItem(o["option"], o["x"], o["y"], o["people"]) for o in found["options"]]
            x_label, y_label = found["axes"]
            report.matrices.append(
                MatrixStep(step.title, step.prompt, (x_label, y_label), items, comparisons)
            )
        else:
            ranked = [ReportTrack(o["option"], o["points"], o["rank"], o["tied"]) for o in found["options"]]
            report.tracks.append(TracksStep(step.title, step.prompt, ranked, "priority", comparisons))
        options = set(options_of(session, step))
        allocations = session.scalars(
            select(Allocation).where(Allocation.step_id == step.id).order_by(Allocation.id)
        )
        for allocation in allocations:  # the raw data: who gave which option what
            if allocation.option not in options:
                continue
            if allocation.x is not None and allocation.y is not None:
                rows.add(step.title, "priority", allocation, placement=f"{allocation.x} · {allocation.y}")
            elif allocation.points > 0:
                rows.add(step.title, "priority", allocation, votes=allocation.points)
        return None


def _place(value: dict[str, Any]) -> str:
    """A mean place on the two scales, as a comparison's cell shows it."""
    return "–" if value["x"] is None else f"{value['x']:.1f} · {value['y']:.1f}"


PRIORITIES = Priorities()
