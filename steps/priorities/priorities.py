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
from collections import Counter, defaultdict
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import BigInteger, ForeignKey, Integer, String, UniqueConstraint, or_, select
from sqlalchemy.orm import Mapped, mapped_column

from models.clock import utcnow
from models.errors import InvalidInput, NotFound, PointsExceeded
from models.events import Event, Role, lock_workshop, make_event
from models.groups import TableGroup
from models.participants import Participant
from models.receipts import Outcome, once
from models.session import DbSession
from models.submissions import open_step_taking
from models.workshops import Step
from steps.settings import MAX_LIST_ITEM_LENGTH, step_setting
from steps.tracks.tracks import whole_number
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


def options_of(step: Step) -> list[str]:
    return list(step_setting(step, "options"))


def results(session: DbSession, step: Step) -> dict[str, Any]:
    """The step's totals as every screen shows them: by points, or placed on two scales."""
    return placements(session, step) if step_setting(step, "matrix") else by_points(session, step)


def by_points(session: DbSession, step: Step) -> dict[str, Any]:
    """The options by their points (most first, equal totals share a rank), each with how
    many gave it points and its points per table group; how many have prioritised."""
    options = options_of(step)
    rows = session.execute(
        select(Allocation.option, Allocation.group_id, Allocation.participant_id, Allocation.points).where(
            Allocation.step_id == step.id, Allocation.points > 0, Allocation.option.in_(options)
        )
    )
    points: Counter[str] = Counter()
    people: Counter[str] = Counter()
    by_group: dict[str, Counter[int | None]] = defaultdict(Counter)
    voters = set()
    for option, group_id, participant_id, given in rows:
        points[option] += given
        people[option] += 1
        by_group[option][group_id] += given
        voters.add(participant_id)
    groups = _groups(session, step, any(counts.get(None) for counts in by_group.values()))
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
                "by_group": [by_group[option][g["id"]] for g in groups],
            }
        )
    return {"options": ranked, "groups": [g["name"] for g in groups], "voters": len(voters)}


def placements(session: DbSession, step: Step) -> dict[str, Any]:
    """The options placed on the step's two scales (1 to 5, as benefit and effort): each
    option's mean place and how many placed it, in all and per table group, in the
    step's order of options."""
    options = options_of(step)
    rows = session.execute(
        select(
            Allocation.option, Allocation.group_id, Allocation.participant_id, Allocation.x, Allocation.y
        ).where(
            Allocation.step_id == step.id,
            Allocation.x.is_not(None),
            Allocation.y.is_not(None),
            Allocation.option.in_(options),
        )
    )
    placed: dict[str, list[tuple[int, int]]] = defaultdict(list)
    by_group: dict[tuple[str, int | None], list[tuple[int, int]]] = defaultdict(list)
    voters = set()
    for option, group_id, participant_id, x, y in rows:
        placed[option].append((x, y))
        by_group[option, group_id].append((x, y))
        voters.add(participant_id)
    groups = _groups(session, step, any(group_id is None for _option, group_id in by_group))
    return {
        "matrix": True,
        "axes": axis_labels(step),
        "options": [
            {
                "option": option,
                **_mean(placed[option]),
                "by_group": [_mean(by_group[option, g["id"]]) for g in groups],
            }
            for option in options
        ],
        "groups": [g["name"] for g in groups],
        "voters": len(voters),
    }


def _mean(places: list[tuple[int, int]]) -> dict[str, Any]:
    if not places:
        return {"x": None, "y": None, "people": 0}
    count = len(places)
    return {
        "x": round(sum(x for x, _y in places) / count, 2),
        "y": round(sum(y for _x, y in places) / count, 2),
        "people": count,
    }


def _groups(session: DbSession, step: Step, without_group: bool) -> list[dict[str, Any]]:
    """The workshop's table groups in order, with a column for input without one where
    there are groups and such input; no groups, no columns."""
    groups = [
        {"id": group_id, "name": name}
        for group_id, name in session.execute(
            select(TableGroup.id, TableGroup.name)
            .where(TableGroup.workshop_id == step.workshop_id)
            .order_by(TableGroup.position, TableGroup.id)
        )
    ]
    if groups and without_group:
        groups.append({"id": None, "name": ""})
    return groups


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
        options = options_of(step)
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
    options = options_of(step)
    used = sum(p for o, p in allocation.items() if o in options and isinstance(p, int))
    return {"ok": True, "step_id": step.id, "votes": allocation, "left": step_setting(step, "budget") - used}
