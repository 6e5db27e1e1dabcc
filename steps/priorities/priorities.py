"""Prioritisation with a budget of points ("Prioritering"): each participant spreads a
budget (100 points by default) over the step's options, as many on one as they like,
and may move them while the step is open. An allocation names the points on one
option, so sending it again changes nothing; the phone numbers them (`n`), so one that
arrives after a newer one for the same option is ignored; the budget is checked under
the workshop's write lock, so parallel allocations never exceed it. Totals are always
counted from the store, in all and per table group (for breakout, then plenary).

An option is kept by its text: points on an option the facilitator has since removed
from the list count nowhere, and come back if it returns.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter, defaultdict
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import BigInteger, ForeignKey, Integer, String, UniqueConstraint, func, or_, select
from sqlalchemy.orm import Mapped, mapped_column

from models.clock import utcnow
from models.errors import InvalidInput, NotFound, PointsExceeded
from models.events import Event, Role, lock_workshop, make_event
from models.groups import TableGroup
from models.participants import Participant
from models.receipts import Outcome, once
from models.session import DbSession
from models.stakeholders import stakeholder_types_of
from models.submissions import open_step_taking, whole_number
from models.workshops import Step, Workshop
from steps.registry import kind_of
from steps.settings import MAX_LIST_ITEM_LENGTH, step_setting
from webapp.extensions import db

SCALE = 5  # the steps of each of the two scales options are placed on


class Allocation(db.Model):  # type: ignore[name-defined,misc]
    """The points one participant has on one option of a step."""

    __tablename__ = "allocations"
    __table_args__ = (UniqueConstraint("participant_id", "step_id", "option"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    step_id: Mapped[int] = mapped_column(ForeignKey("steps.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"))
    group_id: Mapped[int | None] = mapped_column(ForeignKey("table_groups.id", ondelete="SET NULL"))
    option: Mapped[str] = mapped_column(String(MAX_LIST_ITEM_LENGTH))
    points: Mapped[int] = mapped_column(Integer, default=0)
    x: Mapped[int | None]  # in a step that places options on two scales (1 to 5)
    y: Mapped[int | None]
    n: Mapped[int] = mapped_column(BigInteger, default=0)  # the phone's number of the allocation applied
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    # As the report's raw data reads an input: its text, and when it was given.
    @property
    def text(self) -> str:
        return self.option

    @property
    def created_at(self) -> dt.datetime:
        return self.updated_at


# --- Reading ------------------------------------------------------------------------------


MAX_OPTIONS = 40


def options_of(session: DbSession, step: Step) -> list[str]:
    """What the step prioritises: the items of the earlier step it takes them from (its
    themes, tracks or questions, as the room sees them now), then the facilitator's own."""
    taken: list[str] = []
    if step.based_on_step_id is not None:
        base = session.get(Step, step.based_on_step_id)
        if base is not None:
            taken = [item[:MAX_LIST_ITEM_LENGTH] for item in kind_of(base).items(session, base)]
    return list(dict.fromkeys([*taken, *step_setting(step, "options")]))[:MAX_OPTIONS]


def results(session: DbSession, step: Step) -> dict[str, Any]:
    """The step's totals as every screen shows them: by points, or placed on two scales."""
    return placements(session, step) if step_setting(step, "matrix") else by_points(session, step)


def by_points(session: DbSession, step: Step) -> dict[str, Any]:
    """The options by their points (most first, equal totals share a rank), each with how
    many gave it points and its points per table group and per stakeholder type; how
    many have prioritised."""
    options = options_of(session, step)
    rows = _rows(session, step, options, Allocation.points > 0)
    points: Counter[str] = Counter()
    people: Counter[str] = Counter()
    by_group: Counter[tuple[str, int | None]] = Counter()
    by_type: Counter[tuple[str, str]] = Counter()
    for option, group_id, kind, _participant, given, _x, _y in rows:
        points[option] += given
        people[option] += 1
        by_group[option, group_id] += given
        by_type[option, kind] += given
    groups, types = _columns(session, step, rows)
    ordered = sorted(options, key=lambda o: (-points[o], options.index(o)))
    sharing = Counter(points[o] for o in ordered)
    ranked: list[dict[str, Any]] = []
    for index, option in enumerate(ordered):
        rank = ranked[-1]["rank"] if ranked and ranked[-1]["points"] == points[option] else index + 1
        ranked.append(
            {
                "option": option,
                "points": points[option],
                "people": people[option],
                "rank": rank,
                "tied": sharing[points[option]] > 1,
                "by_group": [by_group[option, g["id"]] for g in groups],
                "by_type": [by_type[option, kind] for kind in types],
            }
        )
    return {
        "options": ranked,
        "groups": [g["name"] for g in groups],
        "types": types,
        "voters": len({row[3] for row in rows}),
    }


def placements(session: DbSession, step: Step) -> dict[str, Any]:
    """The options placed on the step's two scales (1 to 5, as benefit and effort): each
    option's mean place, its spread (standard deviation) and how many placed it, in all,
    per table group and per stakeholder type, in the step's order of options."""
    options = options_of(session, step)
    rows = _rows(session, step, options, Allocation.x.is_not(None), Allocation.y.is_not(None))
    placed: dict[str, list[tuple[int, int]]] = defaultdict(list)
    by_group: dict[tuple[str, int | None], list[tuple[int, int]]] = defaultdict(list)
    by_type: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    for option, group_id, kind, _participant, _points, x, y in rows:
        placed[option].append((x, y))
        by_group[option, group_id].append((x, y))
        by_type[option, kind].append((x, y))
    groups, types = _columns(session, step, rows)
    return {
        "matrix": True,
        "axes": axis_labels(step),
        "options": [
            {
                "option": option,
                **_mean(placed[option]),
                "by_group": [_mean(by_group[option, g["id"]]) for g in groups],
                "by_type": [_mean(by_type[option, kind]) for kind in types],
            }
            for option in options
        ],
        "groups": [g["name"] for g in groups],
        "types": types,
        "voters": len({row[3] for row in rows}),
    }


def _rows(session: DbSession, step: Step, options: list[str], *where: Any) -> list[Any]:
    """The step's allocations on its current options: (option, group, the participant's
    stakeholder type or "", participant, points, x, y)."""
    return list(
        session.execute(
            select(
                Allocation.option,
                Allocation.group_id,
                func.coalesce(Participant.stakeholder_type, ""),
                Allocation.participant_id,
                Allocation.points,
                Allocation.x,
                Allocation.y,
            )
            .join(Participant, Participant.id == Allocation.participant_id)
            .where(Allocation.step_id == step.id, Allocation.option.in_(options), *where)
        )
    )


def _mean(places: list[tuple[int, int]]) -> dict[str, Any]:
    """The mean place, the spread around it on each scale, and how many placed it."""
    if not places:
        return {"x": None, "y": None, "sx": None, "sy": None, "people": 0}
    return {
        "x": round(statistics.fmean(x for x, _y in places), 2),
        "y": round(statistics.fmean(y for _x, y in places), 2),
        "sx": round(statistics.pstdev(x for x, _y in places), 2),
        "sy": round(statistics.pstdev(y for _x, y in places), 2),
        "people": len(places),
    }


def _columns(session: DbSession, step: Step, rows: list[Any]) -> tuple[list[dict[str, Any]], list[str]]:
    """The comparisons' columns: the workshop's table groups in order (with one for input
    without a group, where there is such input) and its stakeholder types (with "" for
    those who gave none); no groups or no types, no columns."""
    groups = [
        {"id": group_id, "name": name}
        for group_id, name in session.execute(
            select(TableGroup.id, TableGroup.name)
            .where(TableGroup.workshop_id == step.workshop_id)
            .order_by(TableGroup.position, TableGroup.id)
        )
    ]
    if groups and any(row[1] is None for row in rows):
        groups.append({"id": None, "name": ""})
    workshop = session.get(Workshop, step.workshop_id)
    types = stakeholder_types_of(workshop) if workshop is not None else []
    if types and any(row[2] not in types for row in rows):
        types.append("")
    return groups, types


def axis_labels(step: Step) -> list[str]:
    """The two scales' names: the step's, or benefit and effort."""
    return [
        step_setting(step, "x_label") or str(_("Benefit")),
        step_setting(step, "y_label") or str(_("Effort")),
    ]


def allocation_of(session: DbSession, step_id: int, participant_id: int) -> dict[str, Any]:
    """One participant's points per option, or where they placed it ([x, y])."""
    rows = session.execute(
        select(Allocation.option, Allocation.points, Allocation.x, Allocation.y).where(
            Allocation.step_id == step_id,
            Allocation.participant_id == participant_id,
            or_(Allocation.points > 0, Allocation.x.is_not(None), Allocation.y.is_not(None)),
        )
    )
    return {option: [x, y] if x is not None or y is not None else points for option, points, x, y in rows}


def priorities_event(session: DbSession, step: Step) -> Event:
    """`priorities_changed`: the totals, for facilitators and the projector."""
    payload = {"step_id": step.id, **results(session, step)}
    return make_event(
        session, step.workshop_id, "priorities_changed", {Role.FACILITATOR: payload, Role.PROJECTOR: payload}
    )


# --- What participants do -----------------------------------------------------------------


def allocate(session: DbSession, participant: Participant, payload: dict[str, Any]) -> Outcome:
    """{id, step_id, option, points, n}: put `points` of the participant's budget on one
    option (0 takes them back); refused past the budget. In a step that places options
    on two scales: {id, step_id, option, x, y, n}, each 1 to 5 (null takes it back).
    The acknowledgement carries the participant's own allocation; the totals follow
    batched (`steps.rankings`)."""
    changed: list[int] = []

    def write() -> tuple[dict[str, Any], Event | None]:
        step = open_step_taking(session, participant, payload.get("step_id"), "points")
        options = options_of(session, step)
        option = payload.get("option")
        if option not in options:
            raise NotFound()
        matrix = bool(step_setting(step, "matrix"))
        points = 0 if matrix else whole_number(payload.get("points"), "points")
        place = (_scale(payload.get("x"), "x"), _scale(payload.get("y"), "y")) if matrix else (None, None)
        n = whole_number(payload.get("n", 0), "n")
        lock_workshop(session, step.workshop_id)  # before the sum: parallel allocations wait here
        mine = {
            a.option: a
            for a in session.scalars(
                select(Allocation).where(
                    Allocation.step_id == step.id, Allocation.participant_id == participant.id
                )
            )
        }
        current = mine.get(str(option))
        if current is not None and current.n > n:  # a newer allocation for this option came first
            return _ack(session, step, participant), None
        budget = step_setting(step, "budget")
        if sum(a.points for o, a in mine.items() if o != option and o in options) + points > budget:
            raise PointsExceeded(limit=budget)
        if current is None:
            current = Allocation(step_id=step.id, participant_id=participant.id, option=option)
            session.add(current)
        current.points, (current.x, current.y) = points, place
        current.n, current.group_id = n, participant.group_id
        session.flush()
        changed.append(step.id)
        return _ack(session, step, participant), None

    return once(session, participant.id, payload.get("id"), write).with_totals_of(changed)


def _scale(value: object, field: str) -> int | None:
    """A place on a scale of 1 to 5, or none."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= SCALE:
        raise InvalidInput(field=field)
    return value


def _ack(session: DbSession, step: Step, participant: Participant) -> dict[str, Any]:
    allocation = allocation_of(session, step.id, participant.id)
    options = options_of(session, step)
    used = sum(p for o, p in allocation.items() if o in options and isinstance(p, int))
    return {"ok": True, "step_id": step.id, "votes": allocation, "left": step_setting(step, "budget") - used}
